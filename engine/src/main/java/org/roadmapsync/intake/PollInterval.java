package org.roadmapsync.intake;

import java.time.Duration;
import java.util.Optional;
import org.roadmapsync.github.RateLimitSnapshot;

/**
 * How long a repository poller waits before its next poll. Polling is only a safety net next to
 * webhooks, so when GitHub pushes back (errors, a nearly spent rate limit) the wait doubles, up to
 * the larger of 30 minutes and four times the configured interval, and drops back after a calm
 * success. Not thread-safe: owned by one poller actor.
 */
public final class PollInterval {

  static final Duration CEILING = Duration.ofMinutes(30);

  /** Below this share of the limit left, a success still counts as pressure. */
  static final double LOW_QUOTA_SHARE = 0.1;

  private final Duration configured;
  private final Duration cap;
  private Duration current;

  public PollInterval(Duration configured) {
    if (configured.isNegative() || configured.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive, got " + configured);
    }
    this.configured = configured;
    Duration fourTimes = configured.multipliedBy(4);
    this.cap = fourTimes.compareTo(CEILING) > 0 ? fourTimes : CEILING;
    this.current = configured;
  }

  public Duration current() {
    return current;
  }

  public Duration cap() {
    return cap;
  }

  /**
   * A poll answered; {@code rateLimit} is what its last response said about the quota, if anything.
   */
  public Duration succeeded(Optional<RateLimitSnapshot> rateLimit) {
    if (rateLimit.filter(PollInterval::underPressure).isPresent()) {
      return backOff();
    }
    current = configured;
    return current;
  }

  /** A poll failed (GitHub error, timeout, rate limited). */
  public Duration failed() {
    return backOff();
  }

  static boolean underPressure(RateLimitSnapshot snapshot) {
    return snapshot.limit() > 0 && snapshot.remaining() < snapshot.limit() * LOW_QUOTA_SHARE;
  }

  private Duration backOff() {
    Duration doubled = current.multipliedBy(2);
    current = doubled.compareTo(cap) > 0 ? cap : doubled;
    return current;
  }
}
