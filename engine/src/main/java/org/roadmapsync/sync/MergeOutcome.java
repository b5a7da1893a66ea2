package org.roadmapsync.sync;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The result of a three-way merge.
 *
 * @param merged the fields both sides should hold; an unresolved field keeps its base value
 * @param unresolved fields changed on both sides that wait for {@link ThreeWayMerge#resolve}
 * @param settled fields changed on both sides that the conflict strategy decided
 */
public record MergeOutcome(
    IssueFields merged, List<FieldConflict> unresolved, List<FieldConflict> settled) {

  public MergeOutcome {
    Objects.requireNonNull(merged, "merged");
    unresolved = List.copyOf(unresolved);
    settled = List.copyOf(settled);
  }

  public boolean conflicted() {
    return !unresolved.isEmpty();
  }

  /** The fields to write to GitHub; an unresolved field is never written. */
  public Set<SyncField> toPush(IssueFields github) {
    return changes(github);
  }

  /** The fields to write to the roadmap file; an unresolved field is never written. */
  public Set<SyncField> toPull(IssueFields roadmap) {
    return changes(roadmap);
  }

  /** The fields whose values differ between two snapshots. */
  public static Set<SyncField> differences(IssueFields a, IssueFields b) {
    Set<SyncField> fields = EnumSet.noneOf(SyncField.class);
    for (SyncField field : SyncField.values()) {
      if (!a.sameAs(b, field)) {
        fields.add(field);
      }
    }
    return fields;
  }

  private Set<SyncField> changes(IssueFields side) {
    Set<SyncField> fields = differences(merged, side);
    unresolved.forEach(c -> fields.remove(c.field()));
    return fields;
  }
}
