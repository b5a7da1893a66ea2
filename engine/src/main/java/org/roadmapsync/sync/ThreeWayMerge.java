package org.roadmapsync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.roadmapsync.config.ConflictStrategy;

/**
 * Merges the two sides of an issue field by field against the base, the snapshot both sides last
 * agreed on. A field changed on one side only is taken from it. Labels merge as sets: a label added
 * on either side is added, one removed on either side is removed, so labels never conflict. A field
 * changed on both sides to different values is settled by the {@link ConflictStrategy}, or, with
 * {@code MANUAL}, left unresolved with its base value so nothing is overwritten.
 *
 * <p>A null base means the issue was never synced: every field that differs is a change on both
 * sides, and labels merge as the union of both sides.
 */
public final class ThreeWayMerge {

  private ThreeWayMerge() {}

  public static MergeOutcome merge(
      IssueFields base, SideSnapshot roadmap, SideSnapshot github, ConflictStrategy strategy) {
    Objects.requireNonNull(strategy, "strategy");
    IssueFields merged = roadmap.fields();
    List<FieldConflict> unresolved = new ArrayList<>();
    List<FieldConflict> settled = new ArrayList<>();
    for (SyncField field : SyncField.values()) {
      Object mine = roadmap.fields().value(field);
      Object theirs = github.fields().value(field);
      Object original = base == null ? null : base.value(field);
      if (field == SyncField.LABELS) {
        merged = merged.with(field, mergeLabels(labels(original), labels(mine), labels(theirs)));
      } else if (Objects.equals(mine, theirs)) {
        merged = merged.with(field, mine);
      } else if (base != null && Objects.equals(mine, original)) {
        merged = merged.with(field, theirs);
      } else if (base != null && Objects.equals(theirs, original)) {
        merged = merged.with(field, mine);
      } else {
        FieldConflict conflict = new FieldConflict(field, original, mine, theirs);
        if (strategy == ConflictStrategy.MANUAL) {
          unresolved.add(conflict);
          merged = merged.with(field, original);
        } else {
          settled.add(conflict);
          merged = merged.with(field, conflict.value(winner(strategy, roadmap, github)));
        }
      }
    }
    return new MergeOutcome(merged, unresolved, settled);
  }

  /** Every field of the outcome, with each unresolved field taken from the chosen side. */
  public static IssueFields resolve(MergeOutcome outcome, Map<SyncField, Side> choices) {
    for (SyncField chosen : choices.keySet()) {
      if (outcome.unresolved().stream().noneMatch(c -> c.field() == chosen)) {
        throw new IllegalArgumentException("field '" + chosen.apiName() + "' is not in conflict");
      }
    }
    IssueFields resolved = outcome.merged();
    for (FieldConflict conflict : outcome.unresolved()) {
      Side side = choices.get(conflict.field());
      if (side == null) {
        throw new IllegalArgumentException(
            "no side chosen for field '" + conflict.field().apiName() + "'");
      }
      resolved = resolved.with(conflict.field(), conflict.value(side));
    }
    return resolved;
  }

  /** Every unresolved field taken from one side. */
  public static IssueFields resolve(MergeOutcome outcome, Side keep) {
    Objects.requireNonNull(keep, "keep");
    Map<SyncField, Side> choices = new EnumMap<>(SyncField.class);
    outcome.unresolved().forEach(c -> choices.put(c.field(), keep));
    return resolve(outcome, choices);
  }

  static Side winner(ConflictStrategy strategy, SideSnapshot roadmap, SideSnapshot github) {
    return switch (strategy) {
      case PREFER_ROADMAP -> Side.ROADMAP;
      case PREFER_GITHUB -> Side.GITHUB;
      case LAST_WRITE_WINS -> newer(roadmap.updatedAt(), github.updatedAt());
      case MANUAL -> throw new IllegalArgumentException("a manual conflict has no winner");
    };
  }

  // a missing time loses; a tie needs a fixed answer so repeated merges settle the same way: GitHub
  private static Side newer(Instant roadmap, Instant github) {
    return roadmap != null && (github == null || roadmap.isAfter(github))
        ? Side.ROADMAP
        : Side.GITHUB;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> labels(Object value) {
    return value == null ? Set.of() : new TreeSet<>((List<String>) value);
  }

  private static List<String> mergeLabels(
      Set<String> base, Set<String> roadmap, Set<String> github) {
    Set<String> merged = new TreeSet<>();
    for (Set<String> side : List.of(roadmap, github)) {
      for (String label : side) {
        boolean keptOrAdded =
            !base.contains(label) || (roadmap.contains(label) && github.contains(label));
        if (keptOrAdded) {
          merged.add(label);
        }
      }
    }
    return List.copyOf(merged);
  }
}
