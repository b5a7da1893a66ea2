package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.sim.FaultRule;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * Each error type of {@link GitHubError}, produced by the simulator's limits and fault injection.
 */
class SimulatorErrorsTest {

  static final ActorTestKit testKit =
      ActorTestKit.create(
          "simulator-errors",
          ConfigFactory.parseString("pekko.loglevel = ERROR").withFallback(ConfigFactory.load()));
  static final String TOKEN = "ghp_errors_test_token";
  static final RepoRef REPO = RepoRef.parse("acme/roadmap");
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(TOKEN, REPO.toString(), "acme/other")
              .withLimits(SimLimits.unlimited()));

  private final List<RateLimitSnapshot> snapshots = new CopyOnWriteArrayList<>();
  private GitHubClient client;

  @AfterAll
  static void stop() {
    sim.stop();
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void reset() {
    sim.control().reset();
    sim.control().setLimits(SimLimits.unlimited());
    client =
        new GitHubClient(
            testKit.system(),
            GitHubClientSettings.of(sim.baseUrl(), TOKEN)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15)),
            snapshots::add);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static GitHubError failureOf(CompletionStage<?> stage) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(stage));
    return GitHubError.of(e).orElseThrow(() -> new AssertionError("untyped failure", e.getCause()));
  }

  @Test
  void revokedOrWrongTokenIsUnauthorized() {
    GitHubClient wrong =
        new GitHubClient(
            testKit.system(), GitHubClientSettings.of(sim.baseUrl(), "not-the-token"), s -> {});
    assertEquals(new GitHubError.Unauthorized("Bad credentials"), failureOf(wrong.user()));
    sim.control().revokeToken(true);
    GitHubError e = failureOf(client.user());
    assertInstanceOf(GitHubError.Unauthorized.class, e);
    assertFalse(e.retryable());
  }

  @Test
  void aTokenWithoutTheRepoScopeIsForbiddenForMissingScopes() {
    sim.control().setTokenScopes("read:user");
    GitHubError.Forbidden e =
        assertInstanceOf(
            GitHubError.Forbidden.class,
            failureOf(
                client.createIssue(REPO, org.roadmapsync.github.NewIssue.titled("needs repo"))));
    assertTrue(e.missingScopes(), e.describe());
    assertTrue(e.acceptedScopes().contains("repo"));
    assertFalse(e.retryable());
  }

  @Test
  void injected403IsForbiddenWithoutMissingScopes() {
    sim.control().injectFault(FaultRule.status("GET", "/repos/acme/roadmap", 1, 403));
    GitHubError.Forbidden e =
        assertInstanceOf(GitHubError.Forbidden.class, failureOf(client.repository(REPO)));
    assertFalse(e.missingScopes(), "the simulator's token has the accepted scope 'repo'");
    assertTrue(e.tokenScopes().contains("repo"));
    assertFalse(e.retryable());
  }

  @Test
  void spentPrimaryLimitIsPrimaryRateLimitedUntilReset() throws Exception {
    sim.control().setLimits(SimLimits.unlimited().withPrimary(3, Duration.ofHours(1)));
    for (int i = 0; i < 3; i++) {
      await(client.repository(REPO));
    }
    GitHubError.PrimaryRateLimited e =
        assertInstanceOf(GitHubError.PrimaryRateLimited.class, failureOf(client.repository(REPO)));
    assertTrue(
        e.resetAt().isAfter(Instant.now())
            && e.resetAt().isBefore(Instant.now().plus(Duration.ofMinutes(61))),
        e.resetAt().toString());
    assertTrue(e.retryable());
    assertEquals(0, snapshots.get(snapshots.size() - 1).remaining());
    assertTrue(
        await(client.rateLimit()).core().orElseThrow().exhausted(),
        "GET /rate_limit still answers, for free");

    sim.control()
        .setLimits(
            SimLimits.unlimited().withPrimary(1, Duration.ofHours(1)).withExhaustedStatus(429));
    assertInstanceOf(GitHubError.PrimaryRateLimited.class, failureOf(client.repository(REPO)));
  }

  @Test
  void secondaryLimitWithRetryAfter() throws Exception {
    sim.control().setLimits(SimLimits.unlimited().withMinWriteSpacing(Duration.ofSeconds(30)));
    await(client.createIssue(REPO, NewIssue.titled("one")));
    GitHubError.SecondaryRateLimited e =
        assertInstanceOf(
            GitHubError.SecondaryRateLimited.class,
            failureOf(client.createIssue(REPO, NewIssue.titled("two"))));
    Duration wait = e.retryAfter().orElseThrow();
    assertTrue(
        wait.compareTo(Duration.ZERO) > 0 && wait.compareTo(Duration.ofSeconds(31)) <= 0,
        wait.toString());
    assertTrue(e.retryable());
  }

  @Test
  void secondaryLimitWithoutRetryAfterWaitsAtLeastAMinute() throws Exception {
    sim.control()
        .setLimits(
            SimLimits.unlimited()
                .withMinWriteSpacing(Duration.ofSeconds(30))
                .withRetryAfter(false, Duration.ofSeconds(30)));
    await(client.createIssue(REPO, NewIssue.titled("one")));
    GitHubError.SecondaryRateLimited e =
        assertInstanceOf(
            GitHubError.SecondaryRateLimited.class,
            failureOf(client.createIssue(REPO, NewIssue.titled("two"))));
    assertTrue(e.retryAfter().isEmpty());
    assertEquals(Duration.ofSeconds(60), e.waitAtLeast());
    assertTrue(e.message().contains("secondary rate limit"));
  }

  @Test
  void missingThingsAreNotFound() {
    assertEquals(
        new GitHubError.NotFound("/repos/acme/roadmap/issues/999"),
        failureOf(client.getIssue(REPO, 999)));
    assertInstanceOf(
        GitHubError.NotFound.class, failureOf(client.repository(RepoRef.parse("acme/nope"))));
  }

  @Test
  void deletedIssueIsGoneAndTransferredIssueHasMoved() throws Exception {
    long deleted = await(client.createIssue(REPO, NewIssue.titled("to delete"))).number();
    long moved = await(client.createIssue(REPO, NewIssue.titled("to transfer"))).number();
    sim.control().deleteIssue("admin", REPO.toString(), (int) deleted);
    sim.control().transferIssue("admin", REPO.toString(), (int) moved, "acme/other");

    GitHubError gone = failureOf(client.getIssue(REPO, deleted));
    assertEquals(new GitHubError.Gone("/repos/acme/roadmap/issues/" + deleted), gone);
    assertFalse(gone.retryable());
    GitHubError.Moved e =
        assertInstanceOf(GitHubError.Moved.class, failureOf(client.getIssue(REPO, moved)));
    assertEquals(301, e.status());
    assertTrue(e.location().toString().startsWith(sim.baseUrl()), e.location().toString());
  }

  @Test
  void refusedWritesAreValidationErrorsWithFields() throws Exception {
    long number = await(client.createIssue(REPO, NewIssue.titled("x"))).number();
    GitHubError.Validation unknownMilestone =
        assertInstanceOf(
            GitHubError.Validation.class,
            failureOf(client.updateIssue(REPO, number, IssuePatch.empty().withMilestone(999))));
    assertTrue(
        unknownMilestone.errors().stream().anyMatch(f -> "milestone".equals(f.field())),
        unknownMilestone.toString());
    await(client.createMilestone(REPO, "v1", null));
    GitHubError.Validation duplicate =
        assertInstanceOf(
            GitHubError.Validation.class, failureOf(client.createMilestone(REPO, "v1", null)));
    assertEquals("already_exists", duplicate.errors().get(0).code());
  }

  @Test
  void injected5xxIsAServerError() {
    sim.control().injectFault(FaultRule.status("GET", "/repos/acme/roadmap/issues/1", 1, 503));
    GitHubError e = failureOf(client.getIssue(REPO, 1));
    assertEquals(503, assertInstanceOf(GitHubError.ServerError.class, e).status());
    assertTrue(e.retryable());
  }

  @Test
  void latencyBeyondTheResponseTimeoutIsATimeout() throws Exception {
    GitHubClient impatient =
        new GitHubClient(
            testKit.system(),
            GitHubClientSettings.of(sim.baseUrl(), TOKEN)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(800)),
            s -> {});
    assertTrue(
        await(impatient.rateLimit()).core().isPresent(),
        "connection warm, fast answers arrive in time");
    sim.control().injectFault(FaultRule.latency("GET", "/user", 1, Duration.ofSeconds(3)));
    GitHubError e = failureOf(impatient.user());
    assertEquals(new GitHubError.Timeout("response", Duration.ofMillis(800)), e);
    assertTrue(e.retryable());
  }

  @Test
  void droppedConnectionsAndADeadServerAreConnectionFailed() {
    sim.control().injectFault(FaultRule.drop("GET", "/user", 1));
    GitHubError dropped = failureOf(client.user());
    assertInstanceOf(GitHubError.ConnectionFailed.class, dropped);
    assertTrue(dropped.retryable());
    sim.control().playDead(true);
    assertInstanceOf(GitHubError.ConnectionFailed.class, failureOf(client.user()));
  }
}
