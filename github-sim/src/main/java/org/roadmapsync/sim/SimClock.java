package org.roadmapsync.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;

/**
 * Simulated time: starts at the real time and runs {@code speed} times faster, so that hour-long
 * windows can be exercised in a minute. Tests can also jump it forward. Headers that tell a client
 * how long to wait are converted back to real time with {@link #toReal(Duration)}.
 */
public final class SimClock {
  private final LongSupplier realNanos;
  private long anchorReal;
  private Instant anchorSim;
  private double speed;

  public SimClock(double speed) {
    this(speed, System::nanoTime, Instant.now());
  }

  SimClock(double speed, LongSupplier realNanos, Instant start) {
    this.realNanos = realNanos;
    this.anchorReal = realNanos.getAsLong();
    this.anchorSim = start;
    setSpeed(speed);
  }

  public synchronized Instant now() {
    long elapsed = realNanos.getAsLong() - anchorReal;
    return anchorSim.plusNanos((long) (elapsed * speed));
  }

  /** GitHub writes timestamps with second precision. */
  public Instant nowSeconds() {
    return now().truncatedTo(ChronoUnit.SECONDS);
  }

  public synchronized double speed() {
    return speed;
  }

  public synchronized void setSpeed(double newSpeed) {
    if (!(newSpeed > 0))
      throw new IllegalArgumentException("clock speed must be > 0, was " + newSpeed);
    Instant current = nowUnlocked();
    anchorReal = realNanos.getAsLong();
    anchorSim = current;
    speed = newSpeed;
  }

  public synchronized void advance(Duration by) {
    if (by.isNegative()) throw new IllegalArgumentException("the clock only moves forward");
    Instant current = nowUnlocked();
    anchorReal = realNanos.getAsLong();
    anchorSim = current.plus(by);
  }

  /** How long a client must really wait for {@code simulated} to pass. */
  public synchronized Duration toReal(Duration simulated) {
    return Duration.ofNanos((long) (simulated.toNanos() / speed));
  }

  private Instant nowUnlocked() {
    long elapsed = realNanos.getAsLong() - anchorReal;
    return anchorSim.plusNanos((long) (elapsed * speed));
  }
}
