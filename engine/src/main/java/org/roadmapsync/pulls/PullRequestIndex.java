package org.roadmapsync.pulls;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pull requests the lifecycles of this process hold, as they announce them: a lifecycle tells
 * it its pull request each time it journaled something, and when it recovers. Webhooks find through
 * it a pull request opened a moment ago, which the {@code pull_requests} read table (filled by a
 * projection) does not show yet, and the pull-request pollers learn from it which pull requests
 * became final before the table says so. Thread-safe: lifecycles, the webhook intake and the
 * pollers call it from their own threads.
 */
public final class PullRequestIndex {

  /**
   * The lifecycle (roadmap issue) a pull request belongs to, whether it is merged or closed, and
   * whether merged: a merge is final, a closed pull request can still be reopened.
   */
  public record Owner(String issueId, boolean finished, boolean merged) {}

  private record PullKey(String repo, long number) {}

  private final Map<PullKey, Owner> byPull = new ConcurrentHashMap<>();
  private final Map<String, PullKey> byIssue = new ConcurrentHashMap<>();
  private volatile Listener alsoTold = (issueId, repo, pull) -> {};

  /** Told of every announcement; in a cluster, the node running the pull-request pollers. */
  public interface Listener {
    void accept(String issueId, String repo, PullSnapshot pull);
  }

  /**
   * What the lifecycle of {@code issueId} knows now: its pull request {@code pull} in {@code repo}
   * (either null: none).
   */
  public void announce(String issueId, String repo, PullSnapshot pull) {
    record(issueId, repo, pull);
    alsoTold.accept(issueId, repo, pull);
  }

  /** Every announcement from now on also goes to {@code listener}. */
  public void alsoTell(Listener listener) {
    this.alsoTold = listener;
  }

  /**
   * What the lifecycle of {@code issueId} knows now, as a lifecycle on another node announced it.
   */
  public void record(String issueId, String repo, PullSnapshot pull) {
    PullKey key = repo == null || pull == null ? null : new PullKey(repo, pull.number());
    PullKey before = key == null ? byIssue.remove(issueId) : byIssue.put(issueId, key);
    if (before != null && !before.equals(key)) {
      byPull.computeIfPresent(before, (k, owner) -> owner.issueId().equals(issueId) ? null : owner);
    }
    if (key != null) {
      byPull.put(key, new Owner(issueId, !pull.open(), pull.merged()));
    }
  }

  public Optional<String> ownerOf(String repo, long number) {
    return Optional.ofNullable(byPull.get(new PullKey(repo, number))).map(Owner::issueId);
  }

  /** Pull request number → owner, for every announced pull request of {@code repo}. */
  public Map<Long, Owner> pullsOf(String repo) {
    Map<Long, Owner> pulls = new HashMap<>();
    byPull.forEach(
        (key, owner) -> {
          if (key.repo().equals(repo)) {
            pulls.put(key.number(), owner);
          }
        });
    return pulls;
  }
}
