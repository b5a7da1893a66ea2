package org.roadmapsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubRequest;
import org.roadmapsync.github.RateLimitSnapshot;

class PacingPolicyTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final GitHubRequest READ = GitHubRequest.get("/repos/o/r/issues/1");
  private static final GitHubRequest WRITE =
      GitHubRequest.write(
          GitHubRequest.Method.PATCH, "/repos/o/r/issues/1", JsonNodeFactory.instance.objectNode());
  private static final GitHubRequest CREATE =
      GitHubRequest.create("/repos/o/r/issues", JsonNodeFactory.instance.objectNode());
  private static final GitHubRequest RATE_LIMIT = GitHubRequest.get("/rate_limit");

  private final PacingPolicy policy = new PacingPolicy(PacingLimits.github());

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private Instant waitUntil(GitHubRequest request, Instant now) {
    return assertInstanceOf(PacingPolicy.Verdict.WaitUntil.class, policy.decide(request, now)).at();
  }

  private void go(GitHubRequest request, Instant now) {
    assertInstanceOf(PacingPolicy.Verdict.Go.class, policy.decide(request, now));
    policy.started(request, now);
  }

  @Test
  void atMostFourReadsRunAtOnce() {
    for (int i = 0; i < 4; i++) go(READ, T0);
    assertInstanceOf(PacingPolicy.Verdict.WaitForRelease.class, policy.decide(READ, T0));
    policy.finished(READ, Optional.empty(), T0);
    go(READ, T0);
    assertEquals(4, policy.view(T0).readsInFlight());
  }

  @Test
  void writesAreSerialAndASecondApartFromTheLastEnd() {
    go(WRITE, at(0));
    assertInstanceOf(PacingPolicy.Verdict.WaitForRelease.class, policy.decide(WRITE, at(0)));
    assertInstanceOf(PacingPolicy.Verdict.WaitForRelease.class, policy.decide(CREATE, at(0)));
    go(READ, at(0)); // reads are another lane
    policy.finished(WRITE, Optional.empty(), at(2));
    assertEquals(at(3), waitUntil(WRITE, at(2)));
    go(CREATE, at(3));
    assertTrue(policy.view(at(3)).writeInFlight());
  }

  @Test
  void writesStayUnderTheirPerMinuteAndPerHourWindows() {
    PacingPolicy tight =
        new PacingPolicy(PacingLimits.github().withWriteSpacing(Duration.ZERO).withWrites(3, 5));
    Instant t = T0;
    for (int i = 0; i < 3; i++) {
      assertInstanceOf(PacingPolicy.Verdict.Go.class, tight.decide(WRITE, t));
      tight.started(WRITE, t);
      tight.finished(WRITE, Optional.empty(), t);
      t = t.plusSeconds(1);
    }
    var minute = assertInstanceOf(PacingPolicy.Verdict.WaitUntil.class, tight.decide(CREATE, t));
    assertEquals(T0.plusSeconds(60), minute.at());
    assertEquals("writes per minute", minute.reason());
    for (int i = 0; i < 2; i++) {
      Instant later = T0.plusSeconds(61 + i);
      assertInstanceOf(PacingPolicy.Verdict.Go.class, tight.decide(WRITE, later));
      tight.started(WRITE, later);
      tight.finished(WRITE, Optional.empty(), later);
    }
    var hour =
        assertInstanceOf(
            PacingPolicy.Verdict.WaitUntil.class, tight.decide(WRITE, T0.plusSeconds(200)));
    assertEquals(T0.plusSeconds(3600), hour.at());
    assertInstanceOf(PacingPolicy.Verdict.Go.class, tight.decide(WRITE, T0.plusSeconds(3601)));
  }

  @Test
  void aSpentPrimaryQuotaHoldsItsResourceUntilResetPlusOneSecond() {
    policy.observe(new RateLimitSnapshot(5000, 0, 5000, at(600), "core"), at(0));
    assertEquals(at(601), waitUntil(READ, at(0)));
    assertEquals(at(601), waitUntil(WRITE, at(10)));
    assertEquals(at(601), policy.view(at(0)).primaryHolds().get("core"));
    // Another resource, and the free GET /rate_limit, are not held.
    assertInstanceOf(
        PacingPolicy.Verdict.Go.class,
        policy.decide(GitHubRequest.get("/search/issues?q=x"), at(0)));
    assertInstanceOf(PacingPolicy.Verdict.Go.class, policy.decide(RATE_LIMIT, at(0)));
    assertInstanceOf(PacingPolicy.Verdict.Go.class, policy.decide(READ, at(601)));
    assertEquals(1, policy.view(at(0)).holds());
    assertTrue(policy.view(at(700)).primaryHolds().isEmpty());
  }

  @Test
  void aPrimaryRateLimitErrorHoldsUntilItsReset() {
    go(READ, at(0));
    policy.finished(READ, Optional.of(new GitHubError.PrimaryRateLimited(at(120), "core")), at(1));
    assertEquals(at(121), waitUntil(READ, at(1)));
    // A reset already past holds nothing.
    policy.finished(READ, Optional.of(new GitHubError.PrimaryRateLimited(at(-5), "search")), at(1));
    assertInstanceOf(
        PacingPolicy.Verdict.Go.class, policy.decide(GitHubRequest.get("/search/issues"), at(1)));
  }

  @Test
  void aSecondaryLimitHoldsForRetryAfter() {
    go(WRITE, at(0));
    policy.finished(
        WRITE,
        Optional.of(
            new GitHubError.SecondaryRateLimited(Optional.of(Duration.ofSeconds(7)), "slow down")),
        at(0));
    assertEquals(at(7), waitUntil(WRITE, at(0)));
    assertEquals(at(7), waitUntil(READ, at(0)));
    assertEquals(Optional.of(at(7)), policy.view(at(0)).secondaryHold());
  }

  @Test
  void aSecondaryLimitWithoutRetryAfterHoldsSixtySecondsDoublingUpToTheCap() {
    Instant t = at(0);
    long[] expected = {60, 120, 240, 480, 900, 900};
    for (long seconds : expected) {
      go(WRITE, t);
      policy.finished(
          WRITE,
          Optional.of(
              new GitHubError.SecondaryRateLimited(Optional.empty(), "secondary rate limit")),
          t);
      Instant until = waitUntil(WRITE, t);
      assertEquals(Duration.ofSeconds(seconds), Duration.between(t, until));
      t = until;
    }
    assertEquals(6, policy.view(t).secondaryStrikes());
    // A write that gets through ends the series.
    go(WRITE, t.plusSeconds(1));
    policy.finished(WRITE, Optional.empty(), t.plusSeconds(1));
    go(WRITE, t.plusSeconds(3));
    policy.finished(
        WRITE,
        Optional.of(new GitHubError.SecondaryRateLimited(Optional.empty(), "again")),
        t.plusSeconds(3));
    assertEquals(t.plusSeconds(63), waitUntil(READ, t.plusSeconds(3)));
  }

  @Test
  void lowRemainingQuotaIsSpreadEvenlyUntilTheReset() {
    go(READ, at(0));
    policy.finished(READ, Optional.empty(), at(0));
    policy.observe(new RateLimitSnapshot(5000, 100, 4900, at(1000), "core"), at(0));
    // 100 left for 1000 s: one every 10 s, counted from the last start.
    var spread = assertInstanceOf(PacingPolicy.Verdict.WaitUntil.class, policy.decide(READ, at(1)));
    assertThat(spread.at()).isBetween(at(9), at(11));
    assertThat(spread.reason()).contains("low remaining");
    assertInstanceOf(PacingPolicy.Verdict.Go.class, policy.decide(READ, at(11)));
    // Plenty left: no spreading.
    policy.observe(new RateLimitSnapshot(5000, 4000, 1000, at(1000), "core"), at(1));
    assertInstanceOf(PacingPolicy.Verdict.Go.class, policy.decide(READ, at(1)));
    assertEquals(4000, policy.view(at(1)).quota().get("core").remaining());
  }

  @Test
  void resourcesAndFreeRequestsAreRecognised() {
    assertEquals("core", PacingPolicy.resourceOf(READ));
    assertEquals(
        "search",
        PacingPolicy.resourceOf(GitHubRequest.get("https://api.github.com/search/issues?q=1")));
    assertEquals("graphql", PacingPolicy.resourceOf(GitHubRequest.create("/graphql", null)));
    assertTrue(PacingPolicy.free(RATE_LIMIT));
    assertFalse(PacingPolicy.free(READ));
  }

  @Test
  void limitsScaleForAFasterClockAndRefuseNonsense() {
    PacingLimits fast = PacingLimits.github().scaled(60);
    assertEquals(
        Duration.ofMillis(16),
        fast.writeSpacing().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertEquals(Duration.ofSeconds(1), fast.minute());
    assertEquals(Duration.ofSeconds(1), fast.secondaryHold());
    assertEquals(Duration.ofSeconds(1), fast.primaryMargin());
    assertEquals(2, PacingLimits.github().withReadsInFlight(2).readsInFlight());
    assertEquals(
        PacingLimits.github(),
        PacingLimits.of(
            new org.roadmapsync.config.Settings.Pacing(
                4, Duration.ofSeconds(1), 80, 500, Duration.ofMinutes(15))));
    assertThrows(IllegalArgumentException.class, () -> PacingLimits.github().scaled(0));
    assertThrows(IllegalArgumentException.class, () -> PacingLimits.github().withReadsInFlight(0));
    assertThrows(IllegalArgumentException.class, () -> PacingLimits.github().withWrites(0, 1));
  }
}
