package org.roadmapsync.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * When an issue whose round failed for a passing reason is tried again, and who wakes it then:
 * after its n-th failure in a row, {@code base * 2^(n-1)} capped at {@code max}, less up to a fifth
 * at random so that issues failing together do not come back together.
 */
public final class Requeue {

  /** Computes when, wakes nobody: for tests of one entity. */
  public static final Requeue NEVER =
      new Requeue(Duration.ofSeconds(30), Duration.ofMinutes(30), (id, at) -> {});

  private final Duration base;
  private final Duration max;
  private final BiConsumer<String, Instant> wake;

  /** {@code wake} is told the item's id and when to wake it (its entity's {@code RetryDue}). */
  public Requeue(Duration base, Duration max, BiConsumer<String, Instant> wake) {
    this.base = base;
    this.max = max;
    this.wake = wake;
  }

  /** When the try after {@code attempts} failures in a row is due. */
  public Instant next(int attempts, Instant now) {
    long doublings = Math.min(attempts - 1, 30);
    long millis = Math.min(max.toMillis(), base.toMillis() << doublings);
    long jitter = ThreadLocalRandom.current().nextLong(millis / 5 + 1);
    return now.plusMillis(millis - jitter);
  }

  /** When the failed work is tried again: null when waiting cannot mend {@code failure}. */
  public Instant retryAt(Requeued before, Failure failure, Instant now) {
    return failure.retryable() ? next(before == null ? 1 : before.attempts() + 1, now) : null;
  }

  /** Hands the next try of {@code id}, if one is planned, to whoever wakes it then. */
  public void wake(String id, Requeued requeued) {
    if (requeued != null && requeued.at() != null) {
      wake.accept(id, requeued.at());
    }
  }
}
