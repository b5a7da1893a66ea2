package org.roadmapsync.sync;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Issues adopted at their first sync without starting their entities: a file that names a GitHub
 * issue with the same fields, both seen for the first time, is written straight to the read table
 * as the state {@link IssueSyncEntity.Adopted} would give, and its entity is not started (at
 * 100,000 issues, starting them is most of a first sync). When such an entity wakes, with no events
 * of its own, it journals that {@code Adopted} before anything else ({@link #of}), so from then on
 * it is as if it had adopted the issue at the start.
 */
public interface IssueSeeds {

  /** Nothing adopted without an entity (no read table: tests of one entity). */
  IssueSeeds NONE =
      new IssueSeeds() {
        @Override
        public CompletionStage<Set<String>> plant(Map<String, IssueSyncEntity.Adopted> agreed) {
          return CompletableFuture.completedFuture(Set.of());
        }

        @Override
        public CompletionStage<Optional<IssueSyncEntity.Adopted>> of(String issueId) {
          return CompletableFuture.completedFuture(Optional.empty());
        }
      };

  /**
   * Records each of {@code agreed} (by issue id) that has neither a row nor an event yet and whose
   * entity has not asked {@link #of} already, all or none; the ids recorded. Their entities are not
   * to be started for it.
   */
  CompletionStage<Set<String>> plant(Map<String, IssueSyncEntity.Adopted> agreed);

  /** What {@link #plant} recorded for {@code issueId}, for its entity's first event. */
  CompletionStage<Optional<IssueSyncEntity.Adopted>> of(String issueId);
}
