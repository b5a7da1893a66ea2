package org.roadmapsync.intake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.roadmapsync.github.RateLimitSnapshot;

class PollIntervalTest {

  private static Optional<RateLimitSnapshot> remaining(long left) {
    return Optional.of(
        new RateLimitSnapshot(
            5000, left, 5000 - left, Instant.parse("2026-01-01T00:00:00Z"), "core"));
  }

  @Test
  void errorsDoubleTheWaitUpToThirtyMinutesAndASuccessRestoresIt() {
    PollInterval interval = new PollInterval(Duration.ofMinutes(5));
    assertEquals(Duration.ofMinutes(30), interval.cap());
    assertEquals(Duration.ofMinutes(10), interval.failed());
    assertEquals(Duration.ofMinutes(20), interval.failed());
    assertEquals(Duration.ofMinutes(30), interval.failed());
    assertEquals(Duration.ofMinutes(30), interval.failed());
    assertEquals(Duration.ofMinutes(5), interval.succeeded(remaining(4000)));
    assertEquals(Duration.ofMinutes(5), interval.current());
  }

  @Test
  void aLongConfiguredIntervalMayGrowToFourTimesItself() {
    PollInterval interval = new PollInterval(Duration.ofMinutes(30));
    assertEquals(Duration.ofMinutes(120), interval.cap());
    interval.failed();
    interval.failed();
    assertEquals(Duration.ofMinutes(120), interval.failed());
  }

  @Test
  void aSuccessWithLittleQuotaLeftStillBacksOff() {
    PollInterval interval = new PollInterval(Duration.ofSeconds(60));
    assertEquals(Duration.ofSeconds(120), interval.succeeded(remaining(499)));
    assertEquals(Duration.ofSeconds(60), interval.succeeded(remaining(500)));
    assertEquals(Duration.ofSeconds(60), interval.succeeded(Optional.empty()));
    assertTrue(PollInterval.underPressure(remaining(10).get()));
    assertFalse(PollInterval.underPressure(new RateLimitSnapshot(0, 0, 0, Instant.EPOCH, "core")));
  }

  @Test
  void theIntervalMustBePositive() {
    assertThatThrownBy(() -> new PollInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
