package org.roadmapsync.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.gateway.FlakyClock;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubException;
import org.roadmapsync.github.GitHubResponse;

/**
 * The monitor alone, over a transport whose answers the test releases: one check at a time, each
 * one free {@code GET /rate_limit}, newest sync wins.
 */
class GitHubHealthMonitorTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("health-monitor", ConfigFactory.load());
  private static final Duration WAIT = Duration.ofSeconds(5);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private record Pending(String target, CompletableFuture<GitHubResponse> answer) {}

  /** GitHub's answer to {@code GET /rate_limit}, the only call a check makes. */
  private static GitHubResponse ok(String target) {
    String body =
        "{\"resources\":{\"core\":{\"limit\":5000,\"remaining\":4321,\"used\":679,\"reset\":1893456000}}}";
    return new GitHubResponse(
        200,
        Map.of("x-oauth-scopes", "repo, user"),
        body.getBytes(StandardCharsets.UTF_8),
        false,
        "http://github.test" + target);
  }

  @Test
  void aSlowCheckIsNotOverlappedAndItsResultIsServedFromMemory() {
    TestProbe<String> requests = testKit.createTestProbe();
    ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    GitHubClient client =
        new GitHubClient(
            request -> {
              var answer = new CompletableFuture<GitHubResponse>();
              pending.add(new Pending(request.target(), answer));
              requests.ref().tell(request.target());
              return answer;
            });
    AtomicReference<GitHubHealth> latest =
        new AtomicReference<>(GitHubHealth.notYetChecked(Instant.EPOCH));
    testKit.spawn(
        GitHubHealthMonitor.create(client, Duration.ofMillis(50), Clock.systemUTC(), latest));

    assertEquals("/rate_limit", requests.receiveMessage(WAIT), "the one request of a check");
    requests.expectNoMessage(Duration.ofMillis(300)); // six ticks while GitHub has not answered
    assertEquals(GitHubHealth.Status.DEGRADED, latest.get().status(), "not yet checked");

    pending.forEach(p -> p.answer().complete(ok(p.target())));
    pending.clear();
    requests.awaitAssert(
        WAIT,
        () -> {
          assertEquals(GitHubHealth.Status.UP, latest.get().status());
          return null;
        });
    assertEquals(4321, latest.get().rateLimit().remaining());
    assertEquals(
        java.util.List.of("repo", "user"),
        latest.get().scopes(),
        "the scopes come from /rate_limit's X-OAuth-Scopes");
    assertTrue(latest.get().authenticated());
    assertEquals("/rate_limit", requests.receiveMessage(WAIT)); // the next tick checks again
  }

  @Test
  void theFirstGoodCheckAfterFailuresRunsTheRecoveryActionOnce() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    ConcurrentLinkedQueue<String> targets = new ConcurrentLinkedQueue<>();
    GitHubClient client =
        new GitHubClient(
            request ->
                targets.add(request.target()) && calls.incrementAndGet() <= 2
                    ? CompletableFuture.failedFuture(
                        new org.roadmapsync.github.GitHubException(
                            new org.roadmapsync.github.GitHubError.ConnectionFailed("refused")))
                    : CompletableFuture.completedFuture(ok(request.target())));
    AtomicReference<GitHubHealth> latest =
        new AtomicReference<>(GitHubHealth.notYetChecked(Instant.EPOCH));
    TestProbe<String> recovered = testKit.createTestProbe();
    ActorRef<GitHubHealthMonitor.Command> monitor =
        testKit.spawn(
            GitHubHealthMonitor.create(client, Duration.ofMillis(100), Clock.systemUTC(), latest));
    monitor.tell(new GitHubHealthMonitor.WhenRecovered(() -> recovered.ref().tell("recovered")));
    monitor.tell(
        new GitHubHealthMonitor.WhenRecovered(() -> recovered.ref().tell("asked for deliveries")));

    recovered.expectMessage(WAIT, "recovered");
    recovered.expectMessage(WAIT, "asked for deliveries"); // every action registered runs
    assertEquals(GitHubHealth.Status.UP, latest.get().status());
    recovered.expectNoMessage(Duration.ofMillis(400)); // later good checks are not recoveries
    assertThat(targets).hasSizeGreaterThan(3).containsOnly("/rate_limit");
  }

  @Test
  void aCrashedMonitorIsRestartedAndKeepsItsRecoveryAction() {
    AtomicInteger calls = new AtomicInteger();
    GitHubClient client =
        new GitHubClient(
            request ->
                calls.incrementAndGet() == 1
                    ? CompletableFuture.failedFuture(
                        new GitHubException(new GitHubError.ConnectionFailed("refused")))
                    : CompletableFuture.completedFuture(ok(request.target())));
    FlakyClock clock = new FlakyClock();
    AtomicReference<GitHubHealth> latest =
        new AtomicReference<>(GitHubHealth.notYetChecked(Instant.EPOCH));
    TestProbe<String> recovered = testKit.createTestProbe();
    ActorRef<GitHubHealthMonitor.Command> monitor =
        testKit.spawn(GitHubHealthMonitor.create(client, Duration.ofMillis(100), clock, latest));
    monitor.tell(new GitHubHealthMonitor.WhenRecovered(() -> recovered.ref().tell("recovered")));
    recovered.awaitAssert(
        WAIT,
        () -> {
          assertEquals(1, latest.get().consecutiveFailures());
          return null;
        });
    clock.failures.set(1); // the next check's result crashes the monitor

    recovered.expectMessage(WAIT, "recovered");
    assertEquals(GitHubHealth.Status.UP, latest.get().status());
  }

  @Test
  void theNewestSuccessfulSyncIsKept() {
    GitHubClient silent = new GitHubClient(request -> new CompletableFuture<>());
    AtomicReference<GitHubHealth> latest =
        new AtomicReference<>(GitHubHealth.notYetChecked(Instant.EPOCH));
    ActorRef<GitHubHealthMonitor.Command> monitor =
        testKit.spawn(
            GitHubHealthMonitor.create(silent, Duration.ofHours(1), Clock.systemUTC(), latest));
    var handle = new GitHubHealthMonitor.Handle(monitor, latest::get);
    Instant later = Instant.parse("2026-05-01T10:00:05Z");
    handle.syncSucceeded(later);
    handle.syncSucceeded(later.minusSeconds(5));
    monitor.tell(
        GitHubHealthMonitor.CheckNow.INSTANCE); // a check in flight does not drop sync news
    handle.syncSucceeded(later.minusSeconds(1));
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertEquals(later, handle.latest().get().lastSuccessfulSync());
              return null;
            });
    testKit
        .createTestProbe()
        .expectNoMessage(Duration.ofMillis(200)); // the older news has been handled by now
    assertEquals(later, handle.latest().get().lastSuccessfulSync(), "older news does not win");
  }
}
