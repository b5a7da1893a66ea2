package org.roadmapsync.health;

import java.time.Instant;
import java.util.List;

/**
 * What the service knows of GitHub, as {@code /health} shows it under {@code
 * infrastructure.github}. Always served from the last check: GitHub is never called inline.
 *
 * @param scopes the token's OAuth scopes as GitHub reported them (empty for fine-grained tokens, or
 *     unknown)
 */
public record GitHubHealth(
    Status status,
    boolean reachable,
    boolean authenticated,
    List<String> scopes,
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

  public GitHubHealth {
    scopes = List.copyOf(scopes);
  }

  /** No GITHUB_TOKEN: the service runs, nothing is synced. */
  public static GitHubHealth notConfigured(Instant now) {
    return new GitHubHealth(
        Status.NOT_CONFIGURED,
        false,
        false,
        List.of(),
        null,
        null,
        "GITHUB_TOKEN is not set",
        0,
        now);
  }

  /** A token is configured but no check has completed yet. */
  public static GitHubHealth notYetChecked(Instant now) {
    return new GitHubHealth(
        Status.DEGRADED,
        false,
        false,
        List.of(),
        null,
        null,
        "no GitHub health check has completed yet",
        0,
        now);
  }

  /** The same check, with a later successful sync. */
  public GitHubHealth withLastSuccessfulSync(Instant at) {
    return new GitHubHealth(
        status,
        reachable,
        authenticated,
        scopes,
        rateLimit,
        at,
        lastError,
        consecutiveFailures,
        checkedAt);
  }
}
