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
}
