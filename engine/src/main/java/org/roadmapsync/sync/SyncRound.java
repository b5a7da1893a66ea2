package org.roadmapsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The sync round an issue entity has under way, kept in memory only: a round does not survive a
 * restart, recovery starts a new one. What arrives while it runs is noted and asks for another
 * round when it ends.
 */
final class SyncRound {

  /** The round to start when this one ends: its trigger, and whether it reads GitHub first. */
  record Next(Trigger trigger, boolean fetchFirst) {}

  private final Clock clock;
  private boolean running;
  private Trigger trigger = Trigger.MANUAL;
  private boolean again;
  private boolean fetchFirstAgain;
  private Instant startedAt;

  SyncRound(Clock clock) {
    this.clock = clock;
  }

  boolean running() {
    return running;
  }

  /**
   * What started the round under way (or the last one): its GitHub calls take that priority, its
   * history that name.
   */
  Trigger trigger() {
    return trigger;
  }

  void begin(Trigger trigger) {
    this.running = true;
    this.trigger = trigger;
    this.startedAt = clock.instant();
  }

  /**
   * Something arrived during the round: another follows it, reading GitHub first when {@code
   * fetchFirst}.
   */
  void again(boolean fetchFirst) {
    again = true;
    fetchFirstAgain |= fetchFirst;
  }

  Duration elapsed() {
    return Duration.between(startedAt, clock.instant());
  }

  /** Ends the round; the next one, when something arrived meanwhile. */
  Optional<Next> end() {
    running = false;
    if (!again) {
      return Optional.empty();
    }
    Next next = new Next(trigger, fetchFirstAgain);
    again = false;
    fetchFirstAgain = false;
    return Optional.of(next);
  }
}
