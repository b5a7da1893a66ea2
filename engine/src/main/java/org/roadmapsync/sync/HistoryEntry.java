package org.roadmapsync.sync;

import java.time.Instant;
import java.util.Map;
import org.roadmapsync.persistence.CborSerializable;

/** One change sync carried across: when, which way (push to GitHub, pull to the file), why, and what. */
public record HistoryEntry(Instant at, Direction direction, Trigger trigger, Map<String, FieldChange> changes)
    implements CborSerializable {

  public enum Direction {
    PUSH,
    PULL
  }

  /** The fields that differ between {@code before} (null: nothing known) and {@code after}, from → to. */
  public static HistoryEntry between(Instant at, Direction direction, Trigger trigger, IssueFields before, IssueFields after) {
    Map<String, FieldChange> changes = new java.util.LinkedHashMap<>();
    for (SyncField field : SyncField.values()) {
      if (!after.sameAs(before, field)) {
        changes.put(field.apiName(), new FieldChange(before == null ? null : before.value(field), after.value(field)));
      }
    }
    return new HistoryEntry(at, direction, trigger, changes);
  }
}
