package org.roadmapsync.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * GitHub's secondary limits: requests in flight, writes per minute and per hour, spacing between
 * writes. Times are simulated. A rejected write is not recorded, so a client that waits as told
 * gets in.
 */
final class SecondaryLimiter {
  /** Which secondary limit a request broke, and how long (simulated) until it would pass. */
  record Violation(Kind kind, Duration waitFor) {}

  enum Kind {
    CONCURRENCY,
    WRITES_PER_MINUTE,
    WRITES_PER_HOUR,
    WRITE_SPACING
  }

  private SimLimits limits;
  private final Deque<Instant> writes = new ArrayDeque<>();
  private Instant lastWrite;
  private int inFlight;
  private int maxInFlight;

  SecondaryLimiter(SimLimits limits) {
    this.limits = limits;
  }

  /**
   * Admits a request into flight, unless that makes too many. Every admitted request must {@link
   * #leave()}.
   */
  synchronized Optional<Violation> enter() {
    if (limits.maxConcurrent() > 0 && inFlight >= limits.maxConcurrent()) {
      return Optional.of(new Violation(Kind.CONCURRENCY, limits.secondaryRetryAfter()));
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return Optional.empty();
  }

  synchronized void leave() {
    inFlight--;
  }

  synchronized int maxInFlight() {
    return maxInFlight;
  }

  synchronized Optional<Violation> admitWrite(Instant now) {
    while (!writes.isEmpty() && !writes.peekFirst().isAfter(now.minus(Duration.ofHours(1))))
      writes.pollFirst();
    if (lastWrite != null && !limits.minWriteSpacing().isZero()) {
      Duration since = Duration.between(lastWrite, now);
      if (since.compareTo(limits.minWriteSpacing()) < 0) {
        return Optional.of(
            new Violation(Kind.WRITE_SPACING, limits.minWriteSpacing().minus(since)));
      }
    }
    if (limits.writesPerMinute() > 0) {
      Instant minuteAgo = now.minus(Duration.ofMinutes(1));
      long lastMinute = writes.stream().filter(t -> t.isAfter(minuteAgo)).count();
      if (lastMinute >= limits.writesPerMinute()) {
        Instant oldest = writes.stream().filter(t -> t.isAfter(minuteAgo)).findFirst().orElse(now);
        return Optional.of(
            new Violation(Kind.WRITES_PER_MINUTE, Duration.between(minuteAgo, oldest)));
      }
    }
    if (limits.writesPerHour() > 0 && writes.size() >= limits.writesPerHour()) {
      Instant hourAgo = now.minus(Duration.ofHours(1));
      return Optional.of(
          new Violation(Kind.WRITES_PER_HOUR, Duration.between(hourAgo, writes.peekFirst())));
    }
    writes.addLast(now);
    lastWrite = now;
    return Optional.empty();
  }

  synchronized void setLimits(SimLimits newLimits) {
    limits = newLimits;
  }

  synchronized void reset() {
    writes.clear();
    lastWrite = null;
    maxInFlight = inFlight;
  }
}
