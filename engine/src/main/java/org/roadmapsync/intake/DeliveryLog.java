package org.roadmapsync.intake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.roadmapsync.persistence.CborSerializable;

/**
 * The webhook delivery ids already taken ({@code X-GitHub-Delivery}), journaled so a delivery
 * GitHub (or someone replaying it) sends again after a restart is still recognised. Bounded: the
 * oldest ids beyond {@link #capacity} are forgotten, which only matters for a replay older than
 * that many deliveries.
 *
 * <p>The webhook intake decides from its own copy of the ids ({@link GetRecorded} once at start,
 * then {@link Record} for each new one), so its answer never waits for the disk; the log journals
 * the ids that arrive meanwhile in one write. A crash in between forgets only ids whose work was
 * queued in memory and lost with it anyway; such a delivery, if sent again, is taken again, and the
 * issue entity ignores a snapshot it already has.
 */
public final class DeliveryLog
    extends EventSourcedBehavior<DeliveryLog.Command, DeliveryLog.Event, DeliveryLog.Ids> {

  public static final int DEFAULT_CAPACITY = 10_000;

  public sealed interface Command extends CborSerializable {}

  /** A delivery id the intake took: journal it (a repeat is ignored). */
  public record Record(String deliveryId) implements Command {}

  /** The remembered ids, oldest first, including those not journaled yet. */
  public record GetRecorded(ActorRef<Snapshot> replyTo) implements Command {}

  /** Journals the ids that came in meanwhile, in one write. */
  private enum Flush implements Command {
    INSTANCE
  }

  public sealed interface Event extends CborSerializable {}

  public record DeliveryRecorded(String deliveryId) implements Event {}

  /**
   * The remembered ids, oldest first: the journaled form, and the answer to {@link GetRecorded}.
   */
  public record Snapshot(List<String> ids) implements CborSerializable {}

  /**
   * Remembered ids: a queue for age and a set for lookups. Mutable: the actor's state, and the
   * intake's copy.
   */
  public static final class Ids {
    private final ArrayDeque<String> order = new ArrayDeque<>();
    private final Set<String> known = new HashSet<>();
    private final int capacity;

    Ids(int capacity) {
      this.capacity = capacity;
    }

    static Ids of(int capacity, List<String> oldestFirst) {
      Ids ids = new Ids(capacity);
      oldestFirst.forEach(ids::add);
      return ids;
    }

    boolean contains(String id) {
      return known.contains(id);
    }

    /** Whether {@code id} is remembered. Thread-safe, for the intake's copy. */
    synchronized boolean has(String id) {
      return known.contains(id);
    }

    /** Adds {@code id}; false when it was already there. Thread-safe, for the intake's copy. */
    synchronized boolean takeNew(String id) {
      if (known.contains(id)) {
        return false;
      }
      add(id);
      return true;
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
    return Behaviors.setup(
        context -> new DeliveryLog(PersistenceId.ofUniqueId(name), capacity, context.getSelf()));
  }

  private final int capacity;
  private final ActorRef<Command> self;
  // Ids answered but not journaled yet: under load one journal write takes many deliveries, instead
  // of one each.
  private final Set<String> waiting = new LinkedHashSet<>();

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
        .onCommand(
            GetRecorded.class,
            (ids, c) -> {
              List<String> all = new ArrayList<>(ids.order);
              all.addAll(waiting);
              c.replyTo().tell(new Snapshot(all));
              return Effect().none();
            })
        .onCommand(Flush.class, (ids, c) -> flush())
        .build();
  }

  private Effect<Event, Ids> onRecord(Ids ids, Record c) {
    if (!ids.contains(c.deliveryId()) && waiting.add(c.deliveryId()) && waiting.size() == 1) {
      self.tell(
          Flush.INSTANCE); // behind every Record already in the mailbox or stashed during the last
      // write
    }
    return Effect().none();
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
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(DeliveryRecorded.class, (ids, e) -> ids.add(e.deliveryId()))
        .build();
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
        return Ids.of(capacity, ((Snapshot) from).ids());
      }
    };
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(1_000, 2).withDeleteEventsOnSnapshot();
  }
}
