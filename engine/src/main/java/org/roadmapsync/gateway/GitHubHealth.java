package org.roadmapsync.gateway;

import java.time.Instant;

/**
 * What the service knows of GitHub, as {@code /health} shows it under {@code infrastructure.github}.
 * Always served from the last check: GitHub is never called inline.
 */
public record GitHubHealth(
    Status status,
    boolean reachable,
    boolean authenticated,
    RateLimit rateLimit,
    Instant lastSuccessfulSync,
    String lastError,
    int consecutiveFailures,
    Instant checkedAt) {

  public enum Status {
    UP,
    DEGRADED,
    DOWN,
    NOT_CONFIGURED
  }

  public record RateLimit(int limit, int remaining, Instant resetAt) {}

  /** No GITHUB_TOKEN: the service runs, nothing is synced. */
  public static GitHubHealth notConfigured(Instant now) {
    return new GitHubHealth(
        Status.NOT_CONFIGURED, false, false, null, null, "GITHUB_TOKEN is not set", 0, now);
  }

  /** A token is configured but no check has completed yet. */
  public static GitHubHealth notYetChecked(Instant now) {
    return new GitHubHealth(
        Status.DEGRADED, false, false, null, null, "no GitHub health check has completed yet", 0, now);
  }
}
