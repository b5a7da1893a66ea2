package org.roadmapsync.persistence;

import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * Proves the journal works end to end: each ping is a real event written to and acknowledged by the
 * database. Old pings are deleted with each snapshot, so the journal does not grow with health
 * checks.
 */
public final class JournalProbe
    extends EventSourcedBehaviorWithEnforcedReplies<
        JournalProbe.Command, JournalProbe.Event, JournalProbe.State> {

  public sealed interface Command extends CborSerializable {}

  /** Answered once the ping event is durably written. */
  public record Ping(ActorRef<StatusReply<State>> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record Pinged(Instant at) implements Event {}

  public record State(long pings, Instant lastPingAt) implements CborSerializable {}

  public static Behavior<Command> create() {
    return new JournalProbe(PersistenceId.ofUniqueId("journal-probe"));
  }

  /**
   * One probe per node of a cluster, named after the node: nodes sharing a journal must never write
   * the same persistence id.
   */
  public static Behavior<Command> create(String node) {
    return new JournalProbe(PersistenceId.ofUniqueId("journal-probe-" + node));
  }

  private JournalProbe(PersistenceId id) {
    super(id);
  }

  @Override
  public State emptyState() {
    return new State(0, Instant.EPOCH);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(
            Ping.class,
            (state, ping) ->
                Effect()
                    .persist(new Pinged(Instant.now()))
                    .thenReply(ping.replyTo(), StatusReply::success))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Pinged.class, (state, e) -> new State(state.pings() + 1, e.at()))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 1).withDeleteEventsOnSnapshot();
  }
}
