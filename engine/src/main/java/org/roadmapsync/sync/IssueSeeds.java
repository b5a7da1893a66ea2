package org.roadmapsync.sync;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Issues adopted at their first sync without starting their entities: a file that names a GitHub
 * issue with the same fields, both seen for the first time, is written straight to the read table
 * as the state {@link IssueSyncEntity.Adopted} would give, and as its entity's snapshot at sequence
 * number 0; its entity is not started (at 100,000 issues, starting them is most of a first sync).
 * When such an entity wakes, its recovery finds that snapshot as it finds any other: it has adopted
 * the issue, with nothing journaled and nothing more to read.
 */
public interface IssueSeeds {

  /** Nothing adopted without an entity (no database: tests of one entity; a cluster). */
  IssueSeeds NONE =
      new IssueSeeds() {
        @Override
        public CompletionStage<Set<String>> plant(Map<String, IssueSyncEntity.Adopted> agreed) {
          return CompletableFuture.completedFuture(Set.of());
        }

        @Override
        public CompletionStage<?> starting(String issueId) {
          return CompletableFuture.completedFuture(null);
        }
      };

  /**
   * Records each of {@code agreed} (by issue id) that has neither a row nor an event yet and whose
   * entity has not started, all or none; the ids recorded. Their entities are not to be started for
   * it. Only the first call of a process plants anything.
   */
  CompletionStage<Set<String>> plant(Map<String, IssueSyncEntity.Adopted> agreed);

  /**
   * {@code issueId}'s entity is about to recover: no seed is planted for it from now on. It
   * recovers once the stage completes: at once, unless a planting is under way, which may have
   * planted its seed.
   */
  CompletionStage<?> starting(String issueId);
}
