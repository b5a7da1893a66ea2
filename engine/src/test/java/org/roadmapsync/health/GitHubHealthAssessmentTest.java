package org.roadmapsync.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubException;
import org.roadmapsync.github.RateLimitSnapshot;
import org.roadmapsync.github.RateLimits;
import org.roadmapsync.health.GitHubHealth.Status;

class GitHubHealthAssessmentTest {

  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  private static final Instant RESET = T0.plusSeconds(3600);

  /** {@code GET /rate_limit}'s answer: the core quota, and the scopes of its X-OAuth-Scopes. */
  private static RateLimits limits(long remaining, String... scopes) {
    return new RateLimits(
        Map.of("core", new RateLimitSnapshot(5000, remaining, 5000 - remaining, RESET, "core")),
        Set.of(scopes));
  }

  private static GitHubProbe ok(long remaining, String... scopes) {
    return GitHubProbe.of(limits(remaining, scopes), null);
  }

  private static GitHubProbe failing(GitHubError error) {
    return GitHubProbe.of(null, new CompletionException(new GitHubException(error)));
  }

  private static GitHubHealth up() {
    return GitHubHealthAssessment.assess(GitHubHealth.notYetChecked(T0), ok(4000, "repo"), T0);
  }

  @Test
  void aGoodCheckIsUpWithQuotaScopesAndNoError() {
    GitHubHealth health = up();
    assertEquals(Status.UP, health.status());
    assertTrue(health.reachable());
    assertTrue(health.authenticated());
    assertEquals(List.of("repo"), health.scopes());
    assertEquals(new GitHubHealth.RateLimit(5000, 4000, RESET), health.rateLimit());
    assertNull(health.lastError());
    assertEquals(0, health.consecutiveFailures());
    assertEquals(T0, health.checkedAt());
  }

  @Test
  void littleQuotaLeftIsDegraded() {
    GitHubHealth health = GitHubHealthAssessment.assess(up(), ok(499, "repo"), T0);
    assertEquals(Status.DEGRADED, health.status());
    assertThat(health.lastError()).contains("499 of 5000");
  }

  @Test
  void aClassicTokenWithoutRepoScopeIsDegradedAFineGrainedOneIsNot() {
    GitHubHealth classic = GitHubHealthAssessment.assess(up(), ok(4000, "read:user", "gist"), T0);
    assertEquals(Status.DEGRADED, classic.status());
    assertThat(classic.lastError()).contains("lacks the scope repo").contains("gist");
    assertEquals(Status.UP, GitHubHealthAssessment.assess(up(), ok(4000), T0).status());
    assertEquals(
        Status.UP, GitHubHealthAssessment.assess(up(), ok(4000, "public_repo"), T0).status());
  }

  @Test
  void theScopesAreThoseOfTheLatestAnswerAndAreKeptWhileChecksFail() {
    GitHubHealth narrowed = GitHubHealthAssessment.assess(up(), ok(4000, "read:org"), T0);
    assertEquals(Status.DEGRADED, narrowed.status(), "the token lost repo since the last check");
    assertEquals(List.of("read:org"), narrowed.scopes());
    assertTrue(narrowed.authenticated());
    GitHubHealth failing =
        GitHubHealthAssessment.assess(
            narrowed, failing(new GitHubError.ServerError(502, "Bad Gateway")), T0);
    assertEquals(List.of("read:org"), failing.scopes(), "a failed check knows no new scopes");
    GitHubHealth widened = GitHubHealthAssessment.assess(failing, ok(4000, "repo", "read:org"), T0);
    assertEquals(Status.UP, widened.status());
    assertEquals(List.of("read:org", "repo"), widened.scopes());
  }

  @Test
  void aRevokedTokenIsDownAtOnceAndNotAuthenticated() {
    GitHubHealth health =
        GitHubHealthAssessment.assess(
            up(), failing(new GitHubError.Unauthorized("Bad credentials")), T0);
    assertEquals(Status.DOWN, health.status());
    assertTrue(health.reachable());
    assertFalse(health.authenticated());
    assertThat(health.lastError()).startsWith("401");
    assertEquals(1, health.consecutiveFailures());
    assertEquals(
        new GitHubHealth.RateLimit(5000, 4000, RESET),
        health.rateLimit(),
        "the last known quota is kept");
  }

  @Test
  void anInstallationThatGivesNoTokenIsDownAtOnceWithGitHubsReason() {
    GitHubHealth health =
        GitHubHealthAssessment.assess(
            up(), failing(new GitHubError.InstallationRefused("4242", 404, "Not Found")), T0);
    assertEquals(Status.DOWN, health.status());
    assertFalse(health.authenticated());
    assertThat(health.lastError())
        .isEqualTo(
            "the GitHub App installation 4242 gives no token (404 Not Found): uninstalled,"
                + " suspended, or the App's ID or key is wrong");
    GitHubHealth described = health.withApp(new GitHubHealth.AppInstallation(7, 4242L, null));
    assertEquals("app", described.auth());
    assertEquals(Status.DOWN, described.status(), "describing the App changes nothing else");
    assertEquals(health.lastError(), described.lastError());
    assertEquals("token", health.auth());
  }

  @Test
  void anUnreachableGitHubIsDegradedOnceAfterAGoodCheckThenDown() {
    GitHubError refused = new GitHubError.ConnectionFailed("connection refused");
    GitHubHealth first = GitHubHealthAssessment.assess(up(), failing(refused), T0.plusSeconds(60));
    assertEquals(Status.DEGRADED, first.status());
    assertFalse(first.reachable());
    assertTrue(first.authenticated(), "nothing says the token stopped working");
    GitHubHealth second =
        GitHubHealthAssessment.assess(first, failing(refused), T0.plusSeconds(120));
    assertEquals(Status.DOWN, second.status());
    assertEquals(2, second.consecutiveFailures());
    GitHubHealth back =
        GitHubHealthAssessment.assess(second, ok(3000, "repo"), T0.plusSeconds(180));
    assertEquals(Status.UP, back.status());
    assertEquals(0, back.consecutiveFailures());
  }

  @Test
  void neverReachedIsDownOnTheFirstFailure() {
    GitHubHealth health =
        GitHubHealthAssessment.assess(
            GitHubHealth.notYetChecked(T0),
            failing(new GitHubError.Timeout("GET /rate_limit", Duration.ofSeconds(30))),
            T0);
    assertEquals(Status.DOWN, health.status());
    assertFalse(health.reachable());
    assertFalse(health.authenticated());
  }

  @Test
  void serverErrorsAreDegradedThenDownAndRateLimitsStayDegraded() {
    GitHubHealth once =
        GitHubHealthAssessment.assess(
            up(), failing(new GitHubError.ServerError(502, "Bad Gateway")), T0);
    assertEquals(Status.DEGRADED, once.status());
    assertTrue(once.reachable());
    assertEquals(
        Status.DOWN,
        GitHubHealthAssessment.assess(once, failing(new GitHubError.ServerError(502, "x")), T0)
            .status());
    GitHubHealth limited = up();
    for (int i = 0; i < 3; i++) {
      limited =
          GitHubHealthAssessment.assess(
              limited, failing(new GitHubError.PrimaryRateLimited(RESET, "core")), T0);
    }
    assertEquals(Status.DEGRADED, limited.status());
    assertEquals(3, limited.consecutiveFailures());
    assertEquals(
        Status.DEGRADED,
        GitHubHealthAssessment.assess(
                up(),
                failing(new GitHubError.SecondaryRateLimited(Optional.empty(), "slow down")),
                T0)
            .status());
  }

  @Test
  void aFailureThatIsNotAGitHubErrorIsNamedAndTheLastSyncIsKept() {
    GitHubHealth synced = up().withLastSuccessfulSync(T0.minusSeconds(5));
    GitHubHealth health =
        GitHubHealthAssessment.assess(
            synced, GitHubProbe.of(null, new IllegalStateException("no permit")), T0);
    assertThat(health.lastError()).isEqualTo("no permit");
    assertFalse(health.reachable(), "nothing was answered");
    assertTrue(health.authenticated(), "nothing says the token stopped working");
    assertEquals(List.of("repo"), health.scopes());
    assertEquals(T0.minusSeconds(5), health.lastSuccessfulSync());
    assertEquals(Status.DEGRADED, health.status());
  }
}
