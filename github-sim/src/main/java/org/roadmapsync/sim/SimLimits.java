package org.roadmapsync.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * Primary and secondary rate limits, in simulated time. A value of 0 switches a secondary limit
 * off.
 *
 * @param primaryLimit requests per {@code primaryWindow} for the token
 * @param maxConcurrent requests in flight at once
 * @param writesPerMinute content-creating requests (POST, PATCH, PUT, DELETE) per minute
 * @param writesPerHour content-creating requests per hour
 * @param minWriteSpacing least time between two writes
 * @param sendRetryAfter whether a secondary-limit answer carries {@code retry-after}
 * @param secondaryRetryAfter the wait a secondary-limit answer asks for, in simulated time
 * @param exhaustedStatus 403 or 429 when the primary limit is spent
 */
public record SimLimits(
    int primaryLimit,
    Duration primaryWindow,
    int maxConcurrent,
    int writesPerMinute,
    int writesPerHour,
    Duration minWriteSpacing,
    boolean sendRetryAfter,
    Duration secondaryRetryAfter,
    int exhaustedStatus) {

  public SimLimits {
    Objects.requireNonNull(primaryWindow, "primaryWindow");
    Objects.requireNonNull(minWriteSpacing, "minWriteSpacing");
    Objects.requireNonNull(secondaryRetryAfter, "secondaryRetryAfter");
    if (primaryLimit < 1) throw new IllegalArgumentException("primaryLimit must be >= 1");
    if (primaryWindow.isNegative() || primaryWindow.isZero())
      throw new IllegalArgumentException("primaryWindow must be > 0");
    if (maxConcurrent < 0 || writesPerMinute < 0 || writesPerHour < 0) {
      throw new IllegalArgumentException("secondary limits must be >= 0 (0 = off)");
    }
    if (exhaustedStatus != 403 && exhaustedStatus != 429)
      throw new IllegalArgumentException("exhaustedStatus must be 403 or 429");
  }

  /** GitHub's published numbers for a personal token. */
  public static SimLimits github() {
    return new SimLimits(
        5000, Duration.ofHours(1), 100, 80, 500, Duration.ZERO, true, Duration.ofSeconds(60), 403);
  }

  /** No limit that a test would ever hit. */
  public static SimLimits unlimited() {
    return new SimLimits(
        Integer.MAX_VALUE,
        Duration.ofHours(1),
        0,
        0,
        0,
        Duration.ZERO,
        true,
        Duration.ofSeconds(60),
        403);
  }

  public SimLimits withPrimary(int limit, Duration window) {
    return new SimLimits(
        limit,
        window,
        maxConcurrent,
        writesPerMinute,
        writesPerHour,
        minWriteSpacing,
        sendRetryAfter,
        secondaryRetryAfter,
        exhaustedStatus);
  }

  public SimLimits withMaxConcurrent(int max) {
    return new SimLimits(
        primaryLimit,
        primaryWindow,
        max,
        writesPerMinute,
        writesPerHour,
        minWriteSpacing,
        sendRetryAfter,
        secondaryRetryAfter,
        exhaustedStatus);
  }

  public SimLimits withWrites(int perMinute, int perHour) {
    return new SimLimits(
        primaryLimit,
        primaryWindow,
        maxConcurrent,
        perMinute,
        perHour,
        minWriteSpacing,
        sendRetryAfter,
        secondaryRetryAfter,
        exhaustedStatus);
  }

  public SimLimits withMinWriteSpacing(Duration spacing) {
    return new SimLimits(
        primaryLimit,
        primaryWindow,
        maxConcurrent,
        writesPerMinute,
        writesPerHour,
        spacing,
        sendRetryAfter,
        secondaryRetryAfter,
        exhaustedStatus);
  }

  public SimLimits withRetryAfter(boolean send, Duration wait) {
    return new SimLimits(
        primaryLimit,
        primaryWindow,
        maxConcurrent,
        writesPerMinute,
        writesPerHour,
        minWriteSpacing,
        send,
        wait,
        exhaustedStatus);
  }

  public SimLimits withExhaustedStatus(int status) {
    return new SimLimits(
        primaryLimit,
        primaryWindow,
        maxConcurrent,
        writesPerMinute,
        writesPerHour,
        minWriteSpacing,
        sendRetryAfter,
        secondaryRetryAfter,
        status);
  }
}
