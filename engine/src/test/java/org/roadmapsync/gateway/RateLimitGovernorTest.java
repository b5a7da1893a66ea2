package org.roadmapsync.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.github.GitHubRequest;
import org.roadmapsync.github.RateLimitSnapshot;

/** The governor's own protocol, with probes: who gets the next permit, and surviving a crash. */
class RateLimitGovernorTest {

  private static final ActorTestKit kit =
      ActorTestKit.create(
          "governor",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
  private static final GitHubRequest READ = GitHubRequest.get("/repos/o/r/issues/1");

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static RateLimitGovernor.State state(ActorRef<RateLimitGovernor.Command> governor) {
    TestProbe<RateLimitGovernor.State> probe = kit.createTestProbe();
    governor.tell(new RateLimitGovernor.GetState(probe.ref()));
    return probe.receiveMessage();
  }

  @Test
  void manualAndWebhookWorkGetsTheNextPermitThenWatcherThenPolling() {
    var governor =
        kit.spawn(
            RateLimitGovernor.create(
                PacingLimits.github().withReadsInFlight(1), Clock.systemUTC()));
    TestProbe<RateLimitGovernor.Permit> first = kit.createTestProbe();
    TestProbe<RateLimitGovernor.Permit> poll = kit.createTestProbe();
    TestProbe<RateLimitGovernor.Permit> watch = kit.createTestProbe();
    TestProbe<RateLimitGovernor.Permit> manual = kit.createTestProbe();
    governor.tell(new RateLimitGovernor.Acquire(READ, Priority.POLL, first.ref()));
    long running = first.receiveMessage().id();
    governor.tell(new RateLimitGovernor.Acquire(READ, Priority.POLL, poll.ref()));
    governor.tell(new RateLimitGovernor.Acquire(READ, Priority.WATCH, watch.ref()));
    governor.tell(new RateLimitGovernor.Acquire(READ, Priority.INTERACTIVE, manual.ref()));
    assertEquals(
        Map.of(Priority.INTERACTIVE, 1, Priority.WATCH, 1, Priority.POLL, 1),
        state(governor).waiting());

    governor.tell(new RateLimitGovernor.Release(running, Optional.empty()));
    running = manual.receiveMessage().id();
    watch.expectNoMessage(Duration.ofMillis(200));
    poll.expectNoMessage(Duration.ZERO);
    governor.tell(new RateLimitGovernor.Release(running, Optional.empty()));
    running = watch.receiveMessage().id();
    poll.expectNoMessage(Duration.ofMillis(200));
    governor.tell(new RateLimitGovernor.Release(running, Optional.empty()));
    poll.receiveMessage();
    RateLimitGovernor.State s = state(governor);
    assertEquals(4, s.granted());
    assertEquals(3, s.waits());
    assertEquals(1, s.pacing().readsInFlight());
  }

  @Test
  void theFreeRateLimitCallPassesAHold() {
    var governor = kit.spawn(RateLimitGovernor.create(PacingLimits.github(), Clock.systemUTC()));
    governor.tell(
        new RateLimitGovernor.RateLimitSeen(
            new RateLimitSnapshot(5000, 0, 5000, Instant.now().plusSeconds(3600), "core")));
    TestProbe<RateLimitGovernor.Permit> held = kit.createTestProbe();
    TestProbe<RateLimitGovernor.Permit> free = kit.createTestProbe();
    governor.tell(new RateLimitGovernor.Acquire(READ, Priority.INTERACTIVE, held.ref()));
    governor.tell(
        new RateLimitGovernor.Acquire(GitHubRequest.get("/rate_limit"), Priority.POLL, free.ref()));
    free.receiveMessage();
    held.expectNoMessage(Duration.ofMillis(200));
    RateLimitGovernor.State s = state(governor);
    assertTrue(s.pacing().primaryHolds().containsKey("core"));
    assertEquals(1, s.waiting().get(Priority.INTERACTIVE));
  }

  @Test
  void aCrashedGovernorRestartsAndServesTheRequestThatWasWaiting() {
    FlakyClock clock = new FlakyClock();
    var governor = kit.spawn(RateLimitGovernor.create(PacingLimits.github(), clock));
    TestProbe<RateLimitGovernor.Permit> probe = kit.createTestProbe();
    clock.failures.set(1);
    governor.tell(new RateLimitGovernor.Acquire(READ, Priority.WATCH, probe.ref()));
    RateLimitGovernor.Permit permit = probe.receiveMessage(Duration.ofSeconds(5));
    assertEquals(0, clock.failures.get(), "the governor did crash");
    governor.tell(new RateLimitGovernor.Release(permit.id(), Optional.empty()));
    governor.tell(new RateLimitGovernor.Acquire(READ, Priority.WATCH, probe.ref()));
    probe.receiveMessage();
    assertEquals(
        Map.of(Priority.INTERACTIVE, 0, Priority.WATCH, 0, Priority.POLL, 0),
        state(governor).waiting());
  }

  @Test
  void aPermitThatNeverComesFailsTheRequestWithARetryableTimeout() {
    TestProbe<RateLimitGovernor.Command> silent = kit.createTestProbe();
    var transport =
        GovernedTransport.wrap(silent.ref(), Priority.POLL, kit.scheduler(), Duration.ofMillis(100))
            .apply(
                request -> {
                  throw new AssertionError("must not be sent without a permit");
                });
    var failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class,
            () ->
                transport
                    .execute(READ)
                    .toCompletableFuture()
                    .get(5, java.util.concurrent.TimeUnit.SECONDS));
    var error = org.roadmapsync.github.GitHubError.of(failure).orElseThrow();
    assertTrue(
        error instanceof org.roadmapsync.github.GitHubError.Timeout && error.retryable(),
        error.describe());
    assertEquals(
        Priority.POLL, silent.expectMessageClass(RateLimitGovernor.Acquire.class).priority());
  }

  @Test
  void aRequestThatThrowsStillGivesItsPermitBack() {
    var governor =
        kit.spawn(
            RateLimitGovernor.create(
                PacingLimits.github().withReadsInFlight(1), Clock.systemUTC()));
    var transport =
        GovernedTransport.wrap(
                governor, Priority.INTERACTIVE, kit.scheduler(), Duration.ofSeconds(5))
            .apply(
                request -> {
                  throw new IllegalStateException("transport broke");
                });
    for (int i = 0; i < 3; i++) {
      var failure =
          org.junit.jupiter.api.Assertions.assertThrows(
              java.util.concurrent.ExecutionException.class,
              () ->
                  transport
                      .execute(READ)
                      .toCompletableFuture()
                      .get(5, java.util.concurrent.TimeUnit.SECONDS));
      assertTrue(failure.getCause() instanceof IllegalStateException);
    }
    assertEquals(0, state(governor).pacing().readsInFlight());
  }
}
