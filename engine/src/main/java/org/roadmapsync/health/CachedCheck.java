package org.roadmapsync.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a health check at most once per time-to-live, whatever the request rate: concurrent callers
 * share the check in flight, so {@code /health} cannot be used to load the database or the disk.
 */
final class CachedCheck<T> {

  private record Entry<T>(Instant at, CompletionStage<T> result) {}

  private final Supplier<CompletionStage<T>> check;
  private final Duration ttl;
  private final Clock clock;
  private final AtomicReference<Entry<T>> last = new AtomicReference<>();

  CachedCheck(Supplier<CompletionStage<T>> check, Duration ttl, Clock clock) {
    this.check = check;
    this.ttl = ttl;
    this.clock = clock;
  }

  CompletionStage<T> get() {
    Instant now = clock.instant();
    Entry<T> current = last.get();
    if (current != null && current.at().plus(ttl).isAfter(now)) {
      return current.result();
    }
    Entry<T> fresh = new Entry<>(now, check.get());
    return last.compareAndSet(current, fresh) ? fresh.result() : last.get().result();
  }
}
