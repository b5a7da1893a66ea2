package org.roadmapsync.github;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code x-ratelimit-*} response headers (names lower-cased) into a {@link
 * RateLimitSnapshot}.
 */
public final class RateLimitHeaders {

  /**
   * GitHub sends the reset as epoch seconds; the normalized Octokit recordings carry epoch
   * milliseconds. 100,000,000,000 s is the year 5138, while 100,000,000,000 ms is March 1973: a
   * value at or above it can only be milliseconds of a plausible date, anything below it is
   * seconds.
   */
  static final long MILLIS_THRESHOLD = 100_000_000_000L;

  private RateLimitHeaders() {}

  /**
   * Empty when the limit, remaining or reset header is missing or not a number (e.g. a proxy's
   * answer).
   */
  public static Optional<RateLimitSnapshot> parse(Map<String, String> headers) {
    Optional<Long> limit = number(headers.get("x-ratelimit-limit"));
    Optional<Long> remaining = number(headers.get("x-ratelimit-remaining"));
    Optional<Long> reset = number(headers.get("x-ratelimit-reset"));
    if (limit.isEmpty() || remaining.isEmpty() || reset.isEmpty()) {
      return Optional.empty();
    }
    long used = number(headers.get("x-ratelimit-used")).orElse(limit.get() - remaining.get());
    String resource =
        Optional.ofNullable(headers.get("x-ratelimit-resource"))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .orElse("core");
    return Optional.of(
        new RateLimitSnapshot(
            limit.get(), remaining.get(), used, resetInstant(reset.get()), resource));
  }

  /**
   * Epoch seconds or, when too large to be seconds, epoch milliseconds (see {@link
   * #MILLIS_THRESHOLD}).
   */
  public static Instant resetInstant(long value) {
    return value >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
  }

  private static Optional<Long> number(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
