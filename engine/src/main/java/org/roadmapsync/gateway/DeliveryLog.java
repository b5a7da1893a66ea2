package org.roadmapsync.gateway;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.roadmapsync.persistence.CborSerializable;

/**
 * The webhook delivery ids already taken ({@code X-GitHub-Delivery}), journaled so a delivery GitHub
 * (or someone replaying it) sends again after a restart is still recognised. Bounded: the oldest ids
 * beyond {@link #capacity} are forgotten, which only matters for a replay older than that many deliveries.
 *
 * <p>A new id is answered at once and journaled with the others that arrive meanwhile, in one write:
 * the webhook's answer does not wait for the disk. A crash in between forgets only ids whose work was
 * queued in memory and lost with it anyway; such a delivery, if sent again, is taken again, and the
 * issue entity ignores a snapshot it already has.
 */
public final class DeliveryLog extends EventSourcedBehavior<DeliveryLog.Command, DeliveryLog.Event, DeliveryLog.Ids> {

  public static final int DEFAULT_CAPACITY = 10_000;

  public sealed interface Command extends CborSerializable {}

  /** Answers true for a delivery id not seen before (and records it), false for a repeat. */
  public record Record(String deliveryId, ActorRef<Boolean> replyTo) implements Command {}

  /** Journals the ids that came in meanwhile, in one write. */
  private enum Flush implements Command { INSTANCE }

  public sealed interface Event extends CborSerializable {}

  public record DeliveryRecorded(String deliveryId) implements Event {}

  /** The journaled form of the remembered ids, oldest first. */
  public record Snapshot(List<String> ids) implements CborSerializable {}

  /** The remembered ids: a queue for age and a set for lookups. Mutable, owned by the actor. */
  public static final class Ids {
    private final ArrayDeque<String> order = new ArrayDeque<>();
    private final Set<String> known = new HashSet<>();
    private final int capacity;

    Ids(int capacity) {
      this.capacity = capacity;
    }

    boolean contains(String id) {
      return known.contains(id);
    }

    Ids add(String id) {
      if (known.add(id)) {
        order.addLast(id);
        while (order.size() > capacity) {
          known.remove(order.removeFirst());
        }
      }
      return this;
    }

    int size() {
      return order.size();
    }
  }

  public static Behavior<Command> create(String name, int capacity) {
    return Behaviors.setup(context -> new DeliveryLog(PersistenceId.ofUniqueId(name), capacity, context.getSelf()));
  }

  private final int capacity;
  private final ActorRef<Command> self;
  // Ids answered but not journaled yet: under load one journal write takes many deliveries, instead of one each.
  private final Set<String> waiting = new java.util.LinkedHashSet<>();

  private DeliveryLog(PersistenceId id, int capacity, ActorRef<Command> self) {
    super(id);
    this.capacity = capacity;
    this.self = self;
  }

  @Override
  public Ids emptyState() {
    return new Ids(capacity);
  }

  @Override
  public CommandHandler<Command, Event, Ids> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Record.class, this::onRecord)
        .onCommand(Flush.class, (ids, c) -> flush())
        .build();
  }

  private Effect<Event, Ids> onRecord(Ids ids, Record c) {
    if (ids.contains(c.deliveryId()) || !waiting.add(c.deliveryId())) {
      return Effect().reply(c.replyTo(), false);
    }
    if (waiting.size() == 1) {
      self.tell(Flush.INSTANCE); // behind every Record already in the mailbox or stashed during the last write
    }
    return Effect().reply(c.replyTo(), true);
  }

  private Effect<Event, Ids> flush() {
    if (waiting.isEmpty()) {
      return Effect().none();
    }
    List<Event> batch = waiting.stream().<Event>map(DeliveryRecorded::new).toList();
    waiting.clear();
    return Effect().persist(batch);
  }

  @Override
  public EventHandler<Ids, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onEvent(DeliveryRecorded.class, (ids, e) -> ids.add(e.deliveryId())).build();
  }

  /** The state is mutable: the snapshot is an immutable copy taken on the actor's thread. */
  @Override
  public SnapshotAdapter<Ids> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(Ids ids) {
        return new Snapshot(List.copyOf(ids.order));
      }

      @Override
      public Ids fromJournal(Object from) {
        Ids ids = new Ids(capacity);
        ((Snapshot) from).ids().forEach(ids::add);
        return ids;
      }
    };
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(1_000, 2).withDeleteEventsOnSnapshot();
  }
}
