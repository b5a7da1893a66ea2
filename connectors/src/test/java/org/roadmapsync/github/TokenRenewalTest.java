package org.roadmapsync.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenRenewalTest {

  static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void anHourLongTokenIsRenewedFiveMinutesBeforeItExpires() {
    assertThat(TokenRenewal.renewAt(NOW, NOW.plus(Duration.ofHours(1))))
        .isEqualTo(NOW.plus(Duration.ofMinutes(55)));
  }

  @Test
  void aShortTokenIsRenewedAFifthOfItsLifeBeforeItExpires() {
    assertThat(TokenRenewal.renewAt(NOW, NOW.plusSeconds(10))).isEqualTo(NOW.plusSeconds(8));
    assertThat(TokenRenewal.renewAt(NOW, NOW.plus(Duration.ofMinutes(20))))
        .isEqualTo(NOW.plus(Duration.ofMinutes(16)));
    // from 25 minutes on, the five-minute lead is the smaller one
    assertThat(TokenRenewal.renewAt(NOW, NOW.plus(Duration.ofMinutes(30))))
        .isEqualTo(NOW.plus(Duration.ofMinutes(25)));
  }

  @Test
  void aTokenThatArrivedExpiredIsRenewedAtOnce() {
    assertThat(TokenRenewal.renewAt(NOW, NOW)).isEqualTo(NOW);
    assertThat(TokenRenewal.renewAt(NOW, NOW.minusSeconds(30))).isEqualTo(NOW);
  }
}
