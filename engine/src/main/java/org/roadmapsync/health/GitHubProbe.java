package org.roadmapsync.health;

import java.util.Optional;
import org.roadmapsync.github.AuthenticatedUser;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.RateLimits;

/**
 * What one health check saw: the answers of {@code GET /rate_limit} and {@code GET /user}, or why
 * one failed: GitHub's error when it is one, and in any case the failure in one line (also a bug or
 * a rejected governor permit).
 */
record GitHubProbe(
    Optional<RateLimits> rateLimits,
    Optional<AuthenticatedUser> user,
    Optional<GitHubError> error,
    String failure) {

  static GitHubProbe of(
      RateLimits limits, Throwable limitsFailure, AuthenticatedUser user, Throwable userFailure) {
    Throwable failure = userFailure != null ? userFailure : limitsFailure;
    Optional<GitHubError> error = failure == null ? Optional.empty() : GitHubError.of(failure);
    return new GitHubProbe(
        Optional.ofNullable(limits),
        Optional.ofNullable(user),
        error,
        GitHubError.describe(failure));
  }

  boolean failed() {
    return failure != null;
  }

  /** Any HTTP answer at all means GitHub is reachable, even a 401 or a 5xx. */
  boolean reachable() {
    return rateLimits.isPresent()
        || user.isPresent()
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
