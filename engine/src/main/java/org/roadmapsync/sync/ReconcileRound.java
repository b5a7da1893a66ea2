package org.roadmapsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The round an entity has under way (one at a time per item), kept in memory: a round does not
 * survive a restart, recovery starts a new one. What arrives while it runs is noted and asks for
 * another round when it ends. A round that has not ended within its limit is caught: the {@link
 * Watchdog} hands the entity a message naming the round, and the entity ends it as a passing
 * failure (so it is tried again) instead of waiting for an answer that will never come.
 */
public final class ReconcileRound {

  /** The round to start when this one ends: its trigger, and whether it reads GitHub first. */
  public record Next(Trigger trigger, boolean readFirst) {}

  /** Arms a timer for the round under way; disarmed when it ends. */
  public interface Watchdog {
    void arm(long round, Duration limit);

    void disarm();

    Watchdog NONE =
        new Watchdog() {
          public void arm(long round, Duration limit) {}

          public void disarm() {}
        };

    /** A single timer of the entity's: {@code overdue} names the round that ran past its limit. */
    static <T> Watchdog onTimers(TimerScheduler<T> timers, LongFunction<T> overdue) {
      Object key = new Object();
      return new Watchdog() {
        public void arm(long round, Duration limit) {
          timers.startSingleTimer(key, overdue.apply(round), limit);
        }

        public void disarm() {
          timers.cancel(key);
        }
      };
    }
  }

  private final Clock clock;
  private final Duration limit;
  private final Watchdog watchdog;
  private boolean running;
  private long number;
  private Trigger trigger = Trigger.MANUAL;
  private boolean again;
  private boolean readFirstAgain;
  private Instant startedAt;

  public ReconcileRound(Clock clock, Duration limit, Watchdog watchdog) {
    this.clock = clock;
    this.limit = limit;
    this.watchdog = watchdog;
  }

  public boolean running() {
    return running;
  }

  /** Whether {@code round} is the one under way (a watchdog's message may come after its end). */
  /** The current (or last) round's number: rounds of one entity count up from 1. */
  public long number() {
    return number;
  }

  public boolean isCurrent(long round) {
    return running && round == number;
  }

  public Duration limit() {
    return limit;
  }

  /**
   * What started the round under way (or the last one): its GitHub calls take that priority, its
   * history that name.
   */
  public Trigger trigger() {
    return trigger;
  }

  public void begin(Trigger trigger) {
    this.running = true;
    this.trigger = trigger;
    this.startedAt = clock.instant();
    watchdog.arm(++number, limit);
  }

  /**
   * Something arrived during the round: another follows it, reading GitHub first when {@code
   * readFirst}.
   */
  public void again(boolean readFirst) {
    again = true;
    readFirstAgain |= readFirst;
  }

  public Duration elapsed() {
    return Duration.between(startedAt, clock.instant());
  }

  /** Ends the round; the next one, when something arrived meanwhile. */
  public Optional<Next> end() {
    running = false;
    watchdog.disarm();
    if (!again) {
      return Optional.empty();
    }
    Next next = new Next(trigger, readFirstAgain);
    again = false;
    readFirstAgain = false;
    return Optional.of(next);
  }
}
