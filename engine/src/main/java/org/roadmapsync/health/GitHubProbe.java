package org.roadmapsync.health;

import java.util.List;
import java.util.Optional;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.RateLimits;

/**
 * What one health check saw: the answer of {@code GET /rate_limit} (free of quota; it comes only
 * when the token is accepted, and carries the token's scopes in {@code X-OAuth-Scopes}), or why it
 * failed: GitHub's error when it is one, and in any case the failure in one line (also a bug or a
 * rejected governor permit).
 */
record GitHubProbe(Optional<RateLimits> rateLimits, Optional<GitHubError> error, String failure) {

  /** {@code limits} when the check was answered, else {@code failure}. */
  static GitHubProbe of(RateLimits limits, Throwable failure) {
    if (failure == null && limits == null) {
      failure = new IllegalStateException("GET /rate_limit answered nothing");
    }
    Optional<GitHubError> error = failure == null ? Optional.empty() : GitHubError.of(failure);
    return new GitHubProbe(
        failure == null ? Optional.of(limits) : Optional.empty(),
        error,
        GitHubError.describe(failure));
  }

  boolean failed() {
    return failure != null;
  }

  /** GitHub accepted the token: it answered {@code /rate_limit}. */
  boolean answered() {
    return rateLimits.isPresent();
  }

  /** The token's scopes, sorted, as this answer stated them; empty when the check failed. */
  Optional<List<String>> scopes() {
    return rateLimits.map(l -> l.scopes().stream().sorted().toList());
  }

  /** Any HTTP answer at all means GitHub is reachable, even a 401 or a 5xx. */
  boolean reachable() {
    return rateLimits.isPresent()
        || error
            .filter(
                e ->
                    !(e instanceof GitHubError.ConnectionFailed)
                        && !(e instanceof GitHubError.Timeout))
            .isPresent();
  }

  String describeFailure() {
    return failure;
  }
}
