package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

  @Test
  void readsGitHubsEpochSeconds() {
    RateLimitSnapshot s =
        RateLimitHeaders.parse(
                Map.of(
                    "x-ratelimit-limit",
                    "5000",
                    "x-ratelimit-remaining",
                    "4990",
                    "x-ratelimit-used",
                    "10",
                    "x-ratelimit-reset",
                    "1658208999",
                    "x-ratelimit-resource",
                    "core"))
            .orElseThrow();
    assertEquals(
        new RateLimitSnapshot(5000, 4990, 10, Instant.parse("2022-07-19T05:36:39Z"), "core"), s);
  }

  @Test
  void readsTheRecordingsMillisecondsAsTheSameKindOfInstant() {
    RateLimitSnapshot s =
        RateLimitHeaders.parse(
                Map.of(
                    "x-ratelimit-limit",
                    "5000",
                    "x-ratelimit-remaining",
                    "4999",
                    "x-ratelimit-used",
                    "1",
                    "x-ratelimit-reset",
                    "1507651200000",
                    "x-ratelimit-resource",
                    "search"))
            .orElseThrow();
    assertEquals(Instant.parse("2017-10-10T16:00:00Z"), s.resetAt());
    assertEquals("search", s.resource());
  }

  @Test
  void thresholdSeparatesSecondsFromMilliseconds() {
    assertEquals(
        Instant.ofEpochSecond(99_999_999_999L), RateLimitHeaders.resetInstant(99_999_999_999L));
    assertEquals(
        Instant.ofEpochMilli(100_000_000_000L), RateLimitHeaders.resetInstant(100_000_000_000L));
  }

  @Test
  void usedDefaultsToLimitMinusRemainingAndResourceToCore() {
    RateLimitSnapshot s =
        RateLimitHeaders.parse(
                Map.of(
                    "x-ratelimit-limit",
                    "60",
                    "x-ratelimit-remaining",
                    "0",
                    "x-ratelimit-reset",
                    "1700000000"))
            .orElseThrow();
    assertEquals(60, s.used());
    assertEquals("core", s.resource());
    assertTrue(s.exhausted());
  }

  @Test
  void missingOrGarbledHeadersGiveNoSnapshot() {
    assertTrue(RateLimitHeaders.parse(Map.of()).isEmpty());
    assertTrue(
        RateLimitHeaders.parse(
                Map.of(
                    "x-ratelimit-limit",
                    "5000",
                    "x-ratelimit-remaining",
                    "lots",
                    "x-ratelimit-reset",
                    "1700000000"))
            .isEmpty());
  }
}
