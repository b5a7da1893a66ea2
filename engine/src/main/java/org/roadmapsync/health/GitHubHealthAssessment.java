package org.roadmapsync.health;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.RateLimitSnapshot;
import org.roadmapsync.github.RateLimits;
import org.roadmapsync.health.GitHubHealth.RateLimit;
import org.roadmapsync.health.GitHubHealth.Status;

/**
 * Turns one health probe and the previous state into GitHub's health. DOWN: the token is refused
 * (401) or the GitHub App's installation gives none, or GitHub stays unreachable or failing;
 * DEGRADED: a first failure after a good check, a rate limit, little quota left, or a token without
 * a scope that allows writing issues; UP otherwise. The probe is one free {@code GET /rate_limit}:
 * its answer is the quota, its 200 says the token is accepted, and its {@code X-OAuth-Scopes}
 * header the token's scopes.
 */
final class GitHubHealthAssessment {

  /** Below this share of the core quota left, sync may stall before the reset. */
  static final double LOW_QUOTA_SHARE = 0.10;

  /** Failures in a row after which a reachable-but-failing GitHub counts as down. */
  static final int FAILURES_BEFORE_DOWN = 2;

  /**
   * Classic tokens need one of these to edit issues; fine-grained tokens report no scopes at all.
   */
  static final Set<String> WRITE_SCOPES = Set.of("repo", "public_repo");

  private GitHubHealthAssessment() {}

  static GitHubHealth assess(GitHubHealth previous, GitHubProbe probe, Instant now) {
    RateLimit rateLimit =
        probe
            .rateLimits()
            .flatMap(RateLimits::core)
            .map(GitHubHealthAssessment::rateLimit)
            .orElse(previous.rateLimit());
    List<String> scopes = probe.scopes().orElse(previous.scopes());
    boolean reachable = probe.reachable();
    if (!probe.failed()) {
      String warning = warning(rateLimit, scopes);
      return new GitHubHealth(
          warning == null ? Status.UP : Status.DEGRADED,
          true,
          true,
          scopes,
          rateLimit,
          previous.lastSuccessfulSync(),
          warning,
          0,
          now);
    }
    int failures = previous.consecutiveFailures() + 1;
    GitHubError error = probe.error().orElse(null);
    boolean unauthorized = refusesUs(error);
    boolean authenticated = !unauthorized && (probe.answered() || previous.authenticated());
    return new GitHubHealth(
        failureStatus(previous, error, reachable, failures),
        reachable,
        authenticated,
        scopes,
        rateLimit,
        previous.lastSuccessfulSync(),
        probe.describeFailure(),
        failures,
        now);
  }

  private static Status failureStatus(
      GitHubHealth previous, GitHubError error, boolean reachable, int failures) {
    if (refusesUs(error)) {
      return Status.DOWN; // revoked or wrong: nothing will work until someone replaces the token
    }
    if (error instanceof GitHubError.PrimaryRateLimited
        || error instanceof GitHubError.SecondaryRateLimited) {
      return Status.DEGRADED; // GitHub is fine; we wait for the quota
    }
    if (!reachable && !previous.reachable()) {
      return Status.DOWN; // never reached, or unreachable twice in a row
    }
    return failures >= FAILURES_BEFORE_DOWN ? Status.DOWN : Status.DEGRADED;
  }

  /**
   * A token GitHub refuses, or a GitHub App's installation that gives none (uninstalled,
   * suspended): nothing will work until someone acts.
   */
  private static boolean refusesUs(GitHubError error) {
    return error instanceof GitHubError.Unauthorized
        || error instanceof GitHubError.InstallationRefused;
  }

  private static String warning(RateLimit rateLimit, List<String> scopes) {
    if (!scopes.isEmpty() && scopes.stream().noneMatch(WRITE_SCOPES::contains)) {
      return "the token lacks the scope repo (or public_repo) needed to edit issues; it has "
          + scopes;
    }
    if (rateLimit != null && rateLimit.remaining() < rateLimit.limit() * LOW_QUOTA_SHARE) {
      return "only "
          + rateLimit.remaining()
          + " of "
          + rateLimit.limit()
          + " requests left until "
          + rateLimit.resetAt();
    }
    return null;
  }

  private static RateLimit rateLimit(RateLimitSnapshot core) {
    return new RateLimit((int) core.limit(), (int) core.remaining(), core.resetAt());
  }
}
