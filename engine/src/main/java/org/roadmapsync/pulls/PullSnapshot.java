package org.roadmapsync.pulls;

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
