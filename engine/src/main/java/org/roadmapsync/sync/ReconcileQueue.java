package org.roadmapsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Holds when each item is to be reconciled again and wakes it then, whether or not its entity is
 * running meanwhile (sharding passivates idle entities, and their own timers with them). One timer
 * per item: a later schedule replaces the earlier one. Entities schedule again on recovery, so a
 * restart loses nothing.
 */
public final class ReconcileQueue {

  public sealed interface Command {}

  /** Wake {@code id} at {@code at}, at once if that is past. */
  public record Schedule(String id, Instant at) implements Command {}

  private record Due(String id) implements Command {}

  private ReconcileQueue() {}

  /** {@code wake} is called with the id on the queue's own thread: keep it to a {@code tell}. */
  public static Behavior<Command> create(Consumer<String> wake, Clock clock) {
    return Behaviors.withTimers(
        timers ->
            Behaviors.receive(Command.class)
                .onMessage(
                    Schedule.class,
                    s -> {
                      Duration delay = Duration.between(clock.instant(), s.at());
                      timers.startSingleTimer(
                          s.id(), new Due(s.id()), delay.isNegative() ? Duration.ZERO : delay);
                      return Behaviors.same();
                    })
                .onMessage(
                    Due.class,
                    d -> {
                      wake.accept(d.id());
                      return Behaviors.same();
                    })
                .build());
  }
}
