package org.roadmapsync.pulls;

import org.roadmapsync.github.IssueState;
import org.roadmapsync.github.PullRequest;
import org.roadmapsync.persistence.CborSerializable;

/** A pull request as GitHub last answered it: what the lifecycle compares and shows. */
public record PullSnapshot(
    long number,
    String nodeId,
    String url,
    String head,
    boolean draft,
    boolean open,
    boolean merged,
    String title,
    String body)
    implements CborSerializable {

  /**
   * What a lifecycle keeps of GitHub's pull request: from a single read, a listing or a webhook
   * alike (listings carry {@code merged_at}, not {@code merged}).
   */
  public static PullSnapshot of(PullRequest pull) {
    return new PullSnapshot(
        pull.number(),
        pull.nodeId(),
        pull.htmlUrl(),
        pull.head() == null ? null : pull.head().ref(),
        pull.draft(),
        pull.state() == IssueState.OPEN,
        pull.merged() || pull.mergedAt() != null,
        pull.title(),
        pull.body());
  }

  /**
   * {@code draft}, {@code open}, {@code merged} or {@code closed}, as {@code GET /api/pulls} shows
   * it.
   */
  public String apiState() {
    if (merged) {
      return "merged";
    }
    if (!open) {
      return "closed";
    }
    return draft ? "draft" : "open";
  }

  PullRequestPlan.Pull forPlan() {
    return new PullRequestPlan.Pull(number, draft, open, merged, title, body);
  }
}
