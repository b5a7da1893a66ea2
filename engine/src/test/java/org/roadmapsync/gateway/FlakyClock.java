package org.roadmapsync.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A clock that fails the next {@code failures} readings: a fault inside the actor that reads it.
 */
public final class FlakyClock extends Clock {
  public final AtomicInteger failures = new AtomicInteger();

  @Override
  public Instant instant() {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("clock broke");
    }
    return Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
