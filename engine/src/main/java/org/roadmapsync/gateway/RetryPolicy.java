package org.roadmapsync.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.roadmapsync.config.Settings;
import org.roadmapsync.github.GitHubError;

/**
 * Which failures are tried again, and after how long: exponential backoff from {@code base}, capped
 * at {@code max}, with "equal jitter" (half fixed, half random) so that many retries do not arrive
 * together. Only errors GitHub's taxonomy calls retryable are; anything else (401, missing scopes,
 * 404, 410, 422, a bug) fails at once.
 *
 * @param attempts attempts in all, the first included (1 = never retry)
 */
public record RetryPolicy(Duration base, Duration max, int attempts) {

  public RetryPolicy {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || attempts < 1) {
      throw new IllegalArgumentException("retry needs 0 < base <= max and attempts >= 1");
    }
  }

  public static RetryPolicy of(Settings.Retry retry) {
    return new RetryPolicy(retry.base(), retry.max(), retry.attempts());
  }

  /**
   * The wait before attempt number {@code next} (2 is the first retry) after {@code failure}; empty
   * when the failure is not retryable or no attempt is left.
   *
   * @param random a number in [0, 1)
   */
  public Optional<Duration> delayBefore(int next, Throwable failure, DoubleSupplier random) {
    boolean retryable = GitHubError.of(failure).map(GitHubError::retryable).orElse(false);
    if (!retryable || next > attempts) {
      return Optional.empty();
    }
    Duration backoff = base;
    for (int i = 2; i < next && backoff.compareTo(max) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    if (backoff.compareTo(max) > 0) {
      backoff = max;
    }
    Duration half = backoff.dividedBy(2);
    return Optional.of(half.plusNanos((long) (half.toNanos() * random.getAsDouble())));
  }
}
