package org.roadmapsync.github;

import java.time.Instant;
import java.util.List;

/**
 * A pull request; {@code merged} and {@code mergeable} are only filled by the single-PR endpoint.
 * {@code nodeId} is the GraphQL id, needed to mark a draft ready for review.
 */
public record PullRequest(
    long id,
    String nodeId,
    long number,
    String title,
    String body,
    IssueState state,
    boolean draft,
    boolean merged,
    Boolean mergeable,
    String mergeCommitSha,
    User user,
    Ref head,
    Ref base,
    List<Label> labels,
    Instant createdAt,
    Instant updatedAt,
    Instant closedAt,
    Instant mergedAt,
    String htmlUrl) {

  public PullRequest {
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  /** One side of a pull request: {@code label} is {@code owner:branch}. */
  public record Ref(String label, String ref, String sha) {}
}
