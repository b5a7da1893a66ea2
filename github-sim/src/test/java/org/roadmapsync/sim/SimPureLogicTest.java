package org.roadmapsync.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The simulator's pure decisions: limits, clock, paging, query parsing, settings validation. */
class SimPureLogicTest {
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void primaryWindowResetsAfterItsLength() {
    PrimaryLimiter p =
        new PrimaryLimiter(SimLimits.unlimited().withPrimary(2, Duration.ofHours(1)));
    p.charge(T0);
    p.charge(T0.plusSeconds(10));
    assertTrue(p.exhausted(T0.plusSeconds(20)));
    assertEquals(T0.plus(Duration.ofHours(1)), p.quota(T0.plusSeconds(20)).reset());
    assertEquals(0, p.quota(T0.plusSeconds(20)).remaining());
    assertFalse(p.exhausted(T0.plus(Duration.ofHours(1))));
  }

  @Test
  void writeSpacingTellsHowLongToWait() {
    SecondaryLimiter s =
        new SecondaryLimiter(SimLimits.unlimited().withMinWriteSpacing(Duration.ofSeconds(1)));
    assertTrue(s.admitWrite(T0).isEmpty());
    var v = s.admitWrite(T0.plusMillis(400)).orElseThrow();
    assertEquals(SecondaryLimiter.Kind.WRITE_SPACING, v.kind());
    assertEquals(Duration.ofMillis(600), v.waitFor());
    assertTrue(s.admitWrite(T0.plusMillis(1000)).isEmpty(), "a rejected write is not counted");
  }

  @Test
  void writesPerMinuteSlideAndPerHourCount() {
    SecondaryLimiter s = new SecondaryLimiter(SimLimits.unlimited().withWrites(2, 3));
    assertTrue(s.admitWrite(T0).isEmpty());
    assertTrue(s.admitWrite(T0.plusSeconds(30)).isEmpty());
    var perMinute = s.admitWrite(T0.plusSeconds(40)).orElseThrow();
    assertEquals(SecondaryLimiter.Kind.WRITES_PER_MINUTE, perMinute.kind());
    assertEquals(Duration.ofSeconds(20), perMinute.waitFor());
    assertTrue(s.admitWrite(T0.plusSeconds(61)).isEmpty());
    assertEquals(
        SecondaryLimiter.Kind.WRITES_PER_HOUR,
        s.admitWrite(T0.plusSeconds(200)).orElseThrow().kind());
    assertTrue(s.admitWrite(T0.plus(Duration.ofHours(1)).plusSeconds(1)).isEmpty());
  }

  @Test
  void concurrencyIsCountedInAndOut() {
    SecondaryLimiter s = new SecondaryLimiter(SimLimits.unlimited().withMaxConcurrent(1));
    assertTrue(s.enter().isEmpty());
    assertEquals(SecondaryLimiter.Kind.CONCURRENCY, s.enter().orElseThrow().kind());
    s.leave();
    assertTrue(s.enter().isEmpty());
    assertEquals(1, s.maxInFlight());
  }

  @Test
  void clockRunsFasterAndConvertsWaitsBack() {
    AtomicLong nanos = new AtomicLong();
    SimClock clock = new SimClock(60, nanos::get, T0);
    nanos.set(Duration.ofSeconds(1).toNanos());
    assertEquals(T0.plusSeconds(60), clock.now());
    assertEquals(Duration.ofSeconds(1), clock.toReal(Duration.ofMinutes(1)));
    clock.advance(Duration.ofHours(1));
    assertEquals(T0.plusSeconds(3660), clock.now());
    clock.setSpeed(1);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertEquals(T0.plusSeconds(3662), clock.now());
    assertThrows(IllegalArgumentException.class, () -> clock.setSpeed(0));
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
  }

  @Test
  void linkHeaderKeepsFiltersAndNamesEveryNeighbour() {
    String link =
        Paging.link(
            "http://h/repos/o/r/issues",
            Map.of("state", "all", "page", "2", "per_page", "10"),
            2,
            10,
            35);
    assertEquals("http://h/repos/o/r/issues?page=3&per_page=10&state=all", Links.rel(link, "next"));
    assertEquals("http://h/repos/o/r/issues?page=4&per_page=10&state=all", Links.rel(link, "last"));
    assertEquals(
        "http://h/repos/o/r/issues?page=1&per_page=10&state=all", Links.rel(link, "first"));
    assertEquals("http://h/repos/o/r/issues?page=1&per_page=10&state=all", Links.rel(link, "prev"));
    assertEquals("", Paging.link("http://h/x", Map.of(), 1, 30, 30), "one page needs no Link");
    assertEquals(List.of(), Paging.slice(List.of(1, 2), 5, 10));
    assertEquals(30, Paging.perPage(Map.of()));
    assertEquals(1, Paging.perPage(Map.of("per_page", "0")));
  }

  @Test
  void issueQueryDefaultsAndRejects() {
    IssueListFilters q = IssueListFilters.from(Map.of());
    assertEquals("open", q.state());
    assertEquals("created", q.sort());
    assertEquals("desc", q.direction());
    assertEquals(
        422,
        assertThrows(
                GitHubErrorResponse.class,
                () -> IssueListFilters.from(Map.of("since", "yesterday")))
            .status());
    assertEquals(
        422,
        assertThrows(
                GitHubErrorResponse.class, () -> IssueListFilters.from(Map.of("direction", "up")))
            .status());
    assertEquals(List.of("a", "b"), IssueListFilters.from(Map.of("labels", "a, b")).labels());
  }

  @Test
  void settingsRejectBadValuesAndHideSecrets() {
    assertThrows(IllegalArgumentException.class, () -> SimSettings.defaults(" ", "o/r"));
    assertThrows(IllegalArgumentException.class, () -> SimSettings.defaults("t", "no-slash"));
    assertThrows(
        IllegalArgumentException.class, () -> SimSettings.defaults("t", "o/r").withClockSpeed(-1));
    assertThrows(
        IllegalArgumentException.class, () -> SimSettings.defaults("t", "o/r").withPort(70000));
    assertThrows(
        IllegalArgumentException.class, () -> new SimSettings.WebhookTarget("http://x", "s", 2, 0));
    assertThrows(IllegalArgumentException.class, () -> SimLimits.github().withExhaustedStatus(500));
    assertThrows(IllegalArgumentException.class, () -> FaultRule.status("GET", "(", 1, 500));
    SimSettings s =
        SimSettings.defaults("super-secret-token", "o/r")
            .withWebhook(SimSettings.WebhookTarget.reliable("http://x", "hook-secret"));
    assertFalse(s.toString().contains("super-secret-token"));
    assertFalse(s.toString().contains("hook-secret"));
    assertNull(Links.rel("", "next"));
  }
}
