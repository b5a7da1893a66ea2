package org.roadmapsync.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.roadmapsync.persistence.CborSerializable;

/**
 * One change sync carried across: when, which way (push to GitHub, pull to the file), why, and
 * what. Pull-request activity on the issue, and what the dependencies' sync did for it, are entries
 * of their own ({@link Direction#PULL_REQUEST}, {@link Direction#DEPENDENCIES}) whose {@code note}
 * says what happened; entries journaled before notes existed read it as null.
 */
public record HistoryEntry(
    Instant at,
    Direction direction,
    Trigger trigger,
    Map<String, FieldChange> changes,
    String note,
    CommentChanges comments)
    implements CborSerializable {

  public HistoryEntry {
    changes = changes == null ? Map.of() : changes;
  }

  public HistoryEntry(
      Instant at,
      Direction direction,
      Trigger trigger,
      Map<String, FieldChange> changes,
      String note) {
    this(at, direction, trigger, changes, note, null);
  }

  /**
   * How many comments the change added, edited and removed on the side it wrote (entries journaled
   * before comments were synced read it as null).
   */
  public record CommentChanges(int added, int edited, int removed) implements CborSerializable {}

  /** Comments carried across, and nothing else. */
  public static HistoryEntry comments(
      Instant at, Direction direction, Trigger trigger, CommentChanges comments) {
    return new HistoryEntry(at, direction, trigger, Map.of(), null, comments);
  }

  public enum Direction {
    PUSH,
    PULL,
    PULL_REQUEST,
    DEPENDENCIES;

    /** {@code push}, {@code pull}, {@code pull-request}, {@code dependencies}. */
    public String apiName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * The fields that differ between {@code before} (null: nothing known) and {@code after}, from →
   * to.
   */
  public static HistoryEntry between(
      Instant at, Direction direction, Trigger trigger, IssueFields before, IssueFields after) {
    Map<String, FieldChange> changes = new LinkedHashMap<>();
    for (SyncField field : SyncField.values()) {
      if (!after.sameAs(before, field)) {
        changes.put(
            field.apiName(),
            new FieldChange(before == null ? null : before.value(field), after.value(field)));
      }
    }
    return new HistoryEntry(at, direction, trigger, changes, null);
  }

  /** What the dependencies' sync did or found for the issue. */
  public static HistoryEntry dependencies(Instant at, Trigger trigger, String note) {
    return new HistoryEntry(at, Direction.DEPENDENCIES, trigger, Map.of(), note);
  }

  /**
   * What the pull-request lifecycle did or saw; {@code changes} holds the status it set on the
   * file, if any.
   */
  public static HistoryEntry pullRequest(
      Instant at, Trigger trigger, String note, Map<String, FieldChange> changes) {
    return new HistoryEntry(at, Direction.PULL_REQUEST, trigger, changes, note);
  }
}
