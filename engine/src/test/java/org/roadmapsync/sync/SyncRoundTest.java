package org.roadmapsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncRoundTest {

  private final Instant start = Instant.parse("2026-11-22T05:00:00Z");

  @Test
  void aRoundWithNothingArrivingMeanwhileAsksForNoOther() {
    SyncRound round = new SyncRound(Clock.fixed(start, ZoneOffset.UTC));
    round.begin(Trigger.WEBHOOK);
    assertTrue(round.running());
    assertEquals(Trigger.WEBHOOK, round.trigger());
    assertEquals(Optional.empty(), round.end());
    assertFalse(round.running());
  }

  @Test
  void whatArrivesMeanwhileAsksForOneMoreRoundReadingGitHubFirstIfAnyAskedForIt() {
    SyncRound round = new SyncRound(Clock.fixed(start, ZoneOffset.UTC));
    round.begin(Trigger.POLL);
    round.again(true);
    round.again(false);
    assertEquals(Optional.of(new SyncRound.Next(Trigger.POLL, true)), round.end());

    round.begin(Trigger.MANUAL);
    round.again(false);
    assertEquals(Optional.of(new SyncRound.Next(Trigger.MANUAL, false)), round.end());
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
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    SyncRound round = new SyncRound(clock);
    round.begin(Trigger.WATCH);
    now[0] = start.plusMillis(250);
    assertEquals(Duration.ofMillis(250), round.elapsed());
  }
}
