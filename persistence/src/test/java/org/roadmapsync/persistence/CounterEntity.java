package org.roadmapsync.persistence;

import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * A minimal event-sourced entity for persistence tests; each event is tagged {@code <id>-odd} or
 * {@code <id>-even}.
 */
final class CounterEntity
    extends EventSourcedBehavior<CounterEntity.Command, CounterEntity.Added, CounterEntity.State> {

  sealed interface Command extends CborSerializable {}

  record Add(int amount, ActorRef<State> replyTo) implements Command {}

  record Get(ActorRef<State> replyTo) implements Command {}

  record Added(int amount) implements CborSerializable {}

  record State(int total, int events) implements CborSerializable {}

  static Behavior<Command> create(String id) {
    return new CounterEntity(PersistenceId.of("Counter", id));
  }

  private final String id;

  private CounterEntity(PersistenceId persistenceId) {
    super(persistenceId);
    this.id = persistenceId.entityId();
  }

  @Override
  public Set<String> tagsFor(Added event) {
    return Set.of(id + (event.amount() % 2 == 0 ? "-even" : "-odd"));
  }

  @Override
  public State emptyState() {
    return new State(0, 0);
  }

  @Override
  public CommandHandler<Command, Added, State> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(
            Add.class,
            (s, c) -> Effect().persist(new Added(c.amount())).thenReply(c.replyTo(), n -> n))
        .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .build();
  }

  @Override
  public EventHandler<State, Added> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Added.class, (s, e) -> new State(s.total() + e.amount(), s.events() + 1))
        .build();
  }
}
