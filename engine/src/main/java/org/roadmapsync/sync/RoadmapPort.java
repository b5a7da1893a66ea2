package org.roadmapsync.sync;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Everything an issue entity asks of its roadmap file. Writes name the content hash they were
 * decided on and fail with {@link org.roadmapsync.roadmap.RoadmapStoreException.StaleIssue} when
 * the file changed meanwhile, so a user's edit is merged, never overwritten.
 */
public interface RoadmapPort {

  CompletionStage<LocalSnapshot> read(String id);

  /** Writes the listed fields of {@code target}. */
  CompletionStage<LocalSnapshot> write(
      String id, IssueFields target, Set<SyncField> fields, String expectedHash);

  /**
   * Writes (or, with null, removes) the GitHub number in {@code remote_ids.github} and {@code
   * github_issue}.
   */
  CompletionStage<LocalSnapshot> writeLink(String id, Long number, String expectedHash);

  /** Makes the file's {@code comments} these, in this order (entries matched by their id). */
  CompletionStage<LocalSnapshot> writeComments(
      String id, List<LocalComment> comments, String expectedHash);
}
