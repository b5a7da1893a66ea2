package org.roadmapsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcileRoundTest {

  private static final Duration LIMIT = Duration.ofMinutes(5);
  private final Instant start = Instant.parse("2026-11-22T05:00:00Z");

  @Test
  void aRoundWithNothingArrivingMeanwhileAsksForNoOther() {
    ReconcileRound round =
        new ReconcileRound(Clock.fixed(start, ZoneOffset.UTC), LIMIT, ReconcileRound.Watchdog.NONE);
    round.begin(Trigger.WEBHOOK);
    assertTrue(round.running());
    assertEquals(Trigger.WEBHOOK, round.trigger());
    assertEquals(Optional.empty(), round.end());
    assertFalse(round.running());
  }

  @Test
  void whatArrivesMeanwhileAsksForOneMoreRoundReadingGitHubFirstIfAnyAskedForIt() {
    ReconcileRound round =
        new ReconcileRound(Clock.fixed(start, ZoneOffset.UTC), LIMIT, ReconcileRound.Watchdog.NONE);
    round.begin(Trigger.POLL);
    round.again(true);
    round.again(false);
    assertEquals(Optional.of(new ReconcileRound.Next(Trigger.POLL, true)), round.end());

    round.begin(Trigger.MANUAL);
    round.again(false);
    assertEquals(Optional.of(new ReconcileRound.Next(Trigger.MANUAL, false)), round.end());
    assertEquals(Optional.empty(), round.end());
  }

  @Test
  void elapsedIsCountedFromTheStartOfTheRound() {
    Instant[] now = {start};
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    ReconcileRound round = new ReconcileRound(clock, LIMIT, ReconcileRound.Watchdog.NONE);
    round.begin(Trigger.WATCH);
    now[0] = start.plusMillis(250);
    assertEquals(Duration.ofMillis(250), round.elapsed());
  }

  @Test
  void theWatchdogIsArmedForEachRoundByNumberAndDisarmedWhenItEnds() {
    List<String> calls = new ArrayList<>();
    ReconcileRound round =
        new ReconcileRound(
            Clock.fixed(start, ZoneOffset.UTC),
            LIMIT,
            new ReconcileRound.Watchdog() {
              public void arm(long number, Duration limit) {
                calls.add("arm " + number + " " + limit);
              }

              public void disarm() {
                calls.add("disarm");
              }
            });
    round.begin(Trigger.POLL);
    assertTrue(round.isCurrent(1));
    round.end();
    assertFalse(round.isCurrent(1), "an ended round is no longer current");
    round.begin(Trigger.POLL);
    assertFalse(round.isCurrent(1), "a late watchdog of round 1 does not end round 2");
    assertTrue(round.isCurrent(2));
    assertEquals(List.of("arm 1 PT5M", "disarm", "arm 2 PT5M"), calls);
  }
}
