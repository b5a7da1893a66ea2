package org.roadmapsync.sim;

import java.time.Instant;

/**
 * The primary rate limit of the token: {@code limit} requests per fixed window, the window starting
 * at the first request after the previous one ended (as GitHub's reset moves). Pure; callers hold
 * no lock because every method is synchronized.
 */
final class PrimaryLimiter {
  private SimLimits limits;
  private Instant windowStart;
  private int used;

  PrimaryLimiter(SimLimits limits) {
    this.limits = limits;
  }

  /** What the rate-limit headers say at {@code now}. */
  record Quota(int limit, int used, Instant reset) {
    int remaining() {
      return Math.max(0, limit - used);
    }
  }

  synchronized Quota quota(Instant now) {
    roll(now);
    return new Quota(limits.primaryLimit(), used, windowStart.plus(limits.primaryWindow()));
  }

  synchronized boolean exhausted(Instant now) {
    roll(now);
    return used >= limits.primaryLimit();
  }

  synchronized void charge(Instant now) {
    roll(now);
    used++;
  }

  synchronized void setLimits(SimLimits newLimits) {
    limits = newLimits;
  }

  synchronized void reset() {
    windowStart = null;
    used = 0;
  }

  private void roll(Instant now) {
    if (windowStart == null || !now.isBefore(windowStart.plus(limits.primaryWindow()))) {
      windowStart = now;
      used = 0;
    }
  }
}
