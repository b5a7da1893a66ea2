package org.roadmapsync.gateway;

import java.time.Duration;
import org.roadmapsync.config.Settings;

/**
 * The limits the governor keeps, all in real time. GitHub's published numbers are {@link
 * #github()}; {@link #scaled(double)} compresses every duration for a simulator whose clock runs
 * faster.
 *
 * @param readsInFlight reads running at once
 * @param writeSpacing least time from the end of one write to the start of the next (writes are
 *     serial)
 * @param writesPerMinute writes started per {@code minute}; GitHub's 80 content-creating requests
 *     per minute, applied to every write because GitHub does not say which edits create content
 * @param writesPerHour writes started per {@code hour} (500)
 * @param minute length of the short window (a minute, or less when scaled)
 * @param hour length of the long window
 * @param secondaryHold hold after a secondary limit without {@code retry-after}; doubled on each
 *     repeat
 * @param secondaryHoldCap the longest such hold
 * @param primaryMargin added to a primary reset time, which GitHub gives in whole seconds
 * @param lowRemainingShare when a resource has less than this share of its limit left, what is left
 *     is spread evenly until the reset
 */
public record PacingLimits(
    int readsInFlight,
    Duration writeSpacing,
    int writesPerMinute,
    int writesPerHour,
    Duration minute,
    Duration hour,
    Duration secondaryHold,
    Duration secondaryHoldCap,
    Duration primaryMargin,
    double lowRemainingShare) {

  public PacingLimits {
    if (readsInFlight < 1) throw new IllegalArgumentException("readsInFlight must be >= 1");
    if (writesPerMinute < 1 || writesPerHour < 1)
      throw new IllegalArgumentException("write windows must allow >= 1");
    if (lowRemainingShare < 0 || lowRemainingShare >= 1)
      throw new IllegalArgumentException("lowRemainingShare must be in [0, 1)");
  }

  public static PacingLimits github() {
    return new PacingLimits(
        4,
        Duration.ofSeconds(1),
        80,
        500,
        Duration.ofMinutes(1),
        Duration.ofHours(1),
        Duration.ofSeconds(60),
        Duration.ofMinutes(15),
        Duration.ofSeconds(1),
        0.1);
  }

  /**
   * GitHub's limits with what the configuration changes, compressed by its {@code time-scale} (1
   * with GitHub).
   */
  public static PacingLimits of(Settings.Pacing pacing) {
    PacingLimits g = github();
    PacingLimits configured =
        new PacingLimits(
            pacing.readsInFlight(),
            pacing.writeSpacing(),
            pacing.writesPerMinute(),
            pacing.writesPerHour(),
            g.minute(),
            g.hour(),
            g.secondaryHold(),
            pacing.secondaryHoldCap(),
            g.primaryMargin(),
            g.lowRemainingShare());
    return pacing.timeScale() == 1 ? configured : configured.scaled(pacing.timeScale());
  }

  /**
   * The same limits for a clock that runs {@code speed} times faster (the simulator's); the primary
   * margin stays.
   */
  public PacingLimits scaled(double speed) {
    if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0");
    return new PacingLimits(
        readsInFlight,
        div(writeSpacing, speed),
        writesPerMinute,
        writesPerHour,
        div(minute, speed),
        div(hour, speed),
        div(secondaryHold, speed),
        div(secondaryHoldCap, speed),
        primaryMargin,
        lowRemainingShare);
  }

  public PacingLimits withWrites(int perMinute, int perHour) {
    return new PacingLimits(
        readsInFlight,
        writeSpacing,
        perMinute,
        perHour,
        minute,
        hour,
        secondaryHold,
        secondaryHoldCap,
        primaryMargin,
        lowRemainingShare);
  }

  public PacingLimits withWriteSpacing(Duration spacing) {
    return new PacingLimits(
        readsInFlight,
        spacing,
        writesPerMinute,
        writesPerHour,
        minute,
        hour,
        secondaryHold,
        secondaryHoldCap,
        primaryMargin,
        lowRemainingShare);
  }

  public PacingLimits withReadsInFlight(int reads) {
    return new PacingLimits(
        reads,
        writeSpacing,
        writesPerMinute,
        writesPerHour,
        minute,
        hour,
        secondaryHold,
        secondaryHoldCap,
        primaryMargin,
        lowRemainingShare);
  }

  private static Duration div(Duration d, double speed) {
    return Duration.ofNanos((long) (d.toNanos() / speed));
  }
}
