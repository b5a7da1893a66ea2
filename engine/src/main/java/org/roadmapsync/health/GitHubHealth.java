package org.roadmapsync.health;

import java.time.Instant;
import java.util.List;

/**
 * What the service knows of GitHub, as {@code /health} shows it under {@code
 * infrastructure.github}. Always served from the last check: GitHub is never called inline.
 *
 * @param scopes the token's OAuth scopes as GitHub reported them (empty for fine-grained tokens, or
 *     unknown)
 * @param auth how the service authenticates: {@code token} ({@code GITHUB_TOKEN}), {@code app} (a
 *     GitHub App's installation tokens) or {@code none}
 * @param app with {@code auth = app}: the App, its installation and when the current token expires
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
    Instant checkedAt,
    String auth,
    AppInstallation app) {

  /** A personal token's health, as before GitHub Apps. */
  public GitHubHealth(
      Status status,
      boolean reachable,
      boolean authenticated,
      List<String> scopes,
      RateLimit rateLimit,
      Instant lastSuccessfulSync,
      String lastError,
      int consecutiveFailures,
      Instant checkedAt) {
    this(
        status,
        reachable,
        authenticated,
        scopes,
        rateLimit,
        lastSuccessfulSync,
        lastError,
        consecutiveFailures,
        checkedAt,
        "token",
        null);
  }

  /**
   * The GitHub App the service acts as: its App ID, its installation (null until found from the
   * repository) and when the installation token in use expires (null before the first exchange).
   */
  public record AppInstallation(long appId, Long installationId, Instant tokenExpiresAt) {}

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
        now,
        "none",
        null);
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
        checkedAt,
        auth,
        app);
  }

  /** The same check, saying the service acts as {@code installation} of a GitHub App. */
  public GitHubHealth withApp(AppInstallation installation) {
    return new GitHubHealth(
        status,
        reachable,
        authenticated,
        scopes,
        rateLimit,
        lastSuccessfulSync,
        lastError,
        consecutiveFailures,
        checkedAt,
        "app",
        installation);
  }
}
