package org.roadmapsync.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubException;
import org.roadmapsync.persistence.JournalFlush;

/**
 * Pending GitHub operations of the issue entities. An operation whose {@link Operation#key() key}
 * is already pending joins it (a push updates it to the newest target), so each issue gets one
 * PATCH of its latest state; operations of one key never run side by side. Retryable failures are
 * tried again after {@link RetryPolicy} backoff (a write that adds something only when GitHub
 * surely did not take it); the rest, and exhausted retries, fail the caller with the last error.
 *
 * <p>Nothing here is persisted: what an entity asked for and did not get, it asks again after a
 * restart ({@code IssueSyncEntity} resumes pending work on recovery).
 */
public final class OperationQueue extends AbstractBehavior<OperationQueue.Command> {

  public sealed interface Command {}

  /**
   * Runs {@code operation} at {@code priority}; {@code result} completes with the port's answer.
   */
  public record Submit(Operation operation, Priority priority, CompletableFuture<Object> result)
      implements Command {}

  public record GetState(ActorRef<State> replyTo) implements Command {}

  private record Done(long entryId, Object value, Throwable failure) implements Command {}

  private record RetryDue(long entryId) implements Command {}

  /** Counters for {@code /metrics}: depth now, and totals since start. */
  public record State(
      int pending,
      int running,
      int waitingToRetry,
      long retries,
      long deduplicated,
      long coalesced,
      long failed) {}

  /**
   * @param readsRunning reads handed to the governor at once
   * @param writesRunning writes handed to the governor at once (the governor runs them one by one;
   *     two keep it busy)
   * @param journalFlush asked before a write that adds content is sent: its intent, journaled by
   *     the caller before it asked, must survive a kill once GitHub may have made it
   */
  public record Settings(
      int readsRunning, int writesRunning, RetryPolicy retry, JournalFlush journalFlush) {
    public static Settings of(RetryPolicy retry) {
      return new Settings(4, 2, retry, JournalFlush.NONE);
    }

    public Settings withJournalFlush(JournalFlush flush) {
      return new Settings(readsRunning, writesRunning, retry, flush);
    }
  }

  /** Queues {@code operation} and answers its result, typed as the caller expects it. */
  @SuppressWarnings("unchecked")
  static <T> CompletionStage<T> submit(
      ActorRef<Command> queue, Operation operation, Priority priority) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    queue.tell(new Submit(operation, priority, result));
    return result.thenApply(value -> (T) value);
  }

  /**
   * @param executors the ports that run an operation of a priority (clients behind the governor)
   */
  public static Behavior<Command> create(
      Function<Priority, Operation.Ports> executors, Settings settings) {
    return create(executors, settings, GatewayEvents.NONE);
  }

  public static Behavior<Command> create(
      Function<Priority, Operation.Ports> executors, Settings settings, GatewayEvents events) {
    return Behaviors.supervise(
            Behaviors.<Command>setup(
                context ->
                    Behaviors.withTimers(
                        timers ->
                            new OperationQueue(context, timers, executors, settings, events))))
        .onFailure(
            SupervisorStrategy.restartWithBackoff(
                Duration.ofMillis(100), Duration.ofSeconds(10), 0.2));
  }

  private static final class Entry {
    final long id;
    final long seq;
    Operation operation;
    Priority priority;
    final List<CompletableFuture<Object>> results = new ArrayList<>();
    int attempts;

    Entry(long id, long seq, Operation operation, Priority priority) {
      this.id = id;
      this.seq = seq;
      this.operation = operation;
      this.priority = priority;
    }
  }

  private static final Comparator<Entry> ORDER =
      Comparator.<Entry>comparingInt(e -> e.priority.ordinal()).thenComparingLong(e -> e.seq);

  private final TimerScheduler<Command> timers;
  private final Function<Priority, Operation.Ports> executors;
  private final Settings settings;
  private final GatewayEvents events;
  private final Map<String, Entry> pendingByKey = new HashMap<>();
  private final TreeSet<Entry> ready = new TreeSet<>(ORDER);
  private final Map<Long, Entry> retrying = new HashMap<>();
  private final Map<Long, Entry> running = new HashMap<>();
  private final Set<String> runningKeys = new HashSet<>();
  private final RecentlyMade recentlyMade = new RecentlyMade();

  /**
   * Entry ids are unique across restarts: a late answer to a previous incarnation's entry matches
   * nothing.
   */
  private static final AtomicLong ENTRY_IDS = new AtomicLong();

  private long nextSeq;
  private int readsRunning;
  private int writesRunning;
  private long retries;
  private long deduplicated;
  private long coalesced;
  private long failed;

  private OperationQueue(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Function<Priority, Operation.Ports> executors,
      Settings settings,
      GatewayEvents events) {
    super(context);
    this.events = events;
    this.timers = timers;
    this.executors = executors;
    this.settings = settings;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(Done.class, this::onDone)
        .onMessage(RetryDue.class, this::onRetryDue)
        .onMessage(GetState.class, this::onGetState)
        .onSignal(PreRestart.class, this::onPreRestart)
        .build();
  }

  private Behavior<Command> onSubmit(Submit submit) {
    Operation op = submit.operation();
    if (op.addsContent() && joinedWhatIsMade(op, submit.result())) {
      deduplicated++;
      return this;
    }
    Entry pending = pendingByKey.get(op.key());
    if (pending == null) {
      Entry entry = new Entry(ENTRY_IDS.incrementAndGet(), nextSeq++, op, submit.priority());
      entry.results.add(submit.result());
      pendingByKey.put(op.key(), entry);
      ready.add(entry);
      return dispatch();
    }
    if (pending.operation.equals(op)) {
      deduplicated++;
    } else {
      coalesced++;
      pending.operation = pending.operation.merge(op);
    }
    pending.results.add(submit.result());
    if (submit.priority().ordinal() < pending.priority.ordinal()) {
      boolean wasReady = ready.remove(pending);
      pending.priority = submit.priority();
      if (wasReady) ready.add(pending);
    }
    return dispatch();
  }

  private Behavior<Command> onDone(Done done) {
    Entry entry = running.remove(done.entryId());
    if (entry == null) {
      return this; // answered to an incarnation before a restart; the operation was submitted again
    }
    runningKeys.remove(entry.operation.key());
    if (entry.operation.write()) writesRunning--;
    else readsRunning--;
    if (done.failure() == null) {
      if (entry.operation.addsContent()) {
        recentlyMade.remember(entry.operation, done.value());
      }
      entry.results.forEach(r -> r.complete(done.value()));
      return dispatch();
    }
    Throwable failure =
        done.failure() instanceof CompletionException c && c.getCause() != null
            ? c.getCause()
            : done.failure();
    var delay =
        mayRunAgain(entry.operation, failure)
            ? settings
                .retry()
                .delayBefore(
                    entry.attempts + 1, failure, () -> ThreadLocalRandom.current().nextDouble())
            : Optional.<Duration>empty();
    if (delay.isEmpty()) {
      failed++;
      getContext()
          .getLog()
          .debug(
              "{} failed after {} attempt(s): {}",
              entry.operation.key(),
              entry.attempts,
              failure.getMessage());
      entry.results.forEach(r -> r.completeExceptionally(failure));
      return dispatch();
    }
    retries++;
    events.retry(entry.operation.write() ? "write" : "read");
    Entry newer = pendingByKey.get(entry.operation.key());
    if (newer != null) {
      // A newer request for the same thing arrived meanwhile: it runs next and answers both.
      newer.operation = entry.operation.merge(newer.operation);
      newer.results.addAll(entry.results);
      return dispatch();
    }
    pendingByKey.put(entry.operation.key(), entry);
    retrying.put(entry.id, entry);
    timers.startSingleTimer(entry.id, new RetryDue(entry.id), delay.get());
    return dispatch();
  }

  private Behavior<Command> onRetryDue(RetryDue due) {
    Entry entry = retrying.remove(due.entryId());
    if (entry != null && pendingByKey.get(entry.operation.key()) == entry) {
      ready.add(entry);
    }
    return dispatch();
  }

  private Behavior<Command> onGetState(GetState get) {
    get.replyTo()
        .tell(
            new State(
                pendingByKey.size(),
                running.size(),
                retrying.size(),
                retries,
                deduplicated,
                coalesced,
                failed));
    return this;
  }

  /**
   * The same content asked for again (by an entity that restarted, say, and did not see its first
   * request's answer) while it is being made, or just after: it gets that answer, never a second
   * copy on GitHub.
   */
  private boolean joinedWhatIsMade(Operation op, CompletableFuture<Object> result) {
    Optional<Object> made = recentlyMade.answerTo(op);
    if (made.isPresent()) {
      result.complete(made.get());
      return true;
    }
    for (Entry entry : running.values()) {
      if (entry.operation.equals(op)) {
        entry.results.add(result);
        return true;
      }
    }
    return false;
  }

  /**
   * A write that adds something (an issue, a comment, a pull request) is sent again only when
   * GitHub surely did not take it: it was held for the rate limit or never got a permit. After a
   * timeout or a 5xx it may have been made; its caller looks for it before making it again.
   */
  private static boolean mayRunAgain(Operation operation, Throwable failure) {
    if (!operation.addsContent()) {
      return true;
    }
    return GitHubError.of(failure)
        .filter(
            e ->
                e instanceof GitHubError.PrimaryRateLimited
                    || e instanceof GitHubError.SecondaryRateLimited
                    || (e instanceof GitHubError.Timeout t
                        && t.what().equals(GovernedTransport.PERMIT_WAIT)))
        .isPresent();
  }

  private Behavior<Command> onPreRestart(PreRestart signal) {
    // Everything pending, and every running operation that may run twice, is submitted again to the
    // next
    // incarnation. One that may not (a create may have happened) fails: its caller looks before it
    // tries again.
    List<Entry> again = new ArrayList<>(pendingByKey.values());
    for (Entry e : running.values()) {
      if (!e.operation.repeatable()) {
        e.results.forEach(
            r ->
                r.completeExceptionally(
                    new GitHubException(
                        new GitHubError.ConnectionFailed(
                            "the operation queue restarted while running " + e.operation.key()))));
      } else {
        again.add(e);
      }
    }
    again.forEach(
        e ->
            e.results.forEach(
                r -> getContext().getSelf().tell(new Submit(e.operation, e.priority, r))));
    return this;
  }

  /** Starts the most urgent ready operations while their lane has room; one at a time per key. */
  private Behavior<Command> dispatch() {
    List<Entry> start = new ArrayList<>();
    int reads = readsRunning;
    int writes = writesRunning;
    for (Entry e : ready) {
      if (reads >= settings.readsRunning() && writes >= settings.writesRunning()) break;
      boolean write = e.operation.write();
      if (runningKeys.contains(e.operation.key())
          || (write ? writes >= settings.writesRunning() : reads >= settings.readsRunning())) {
        continue;
      }
      if (write) writes++;
      else reads++;
      start.add(e);
    }
    start.forEach(this::run);
    events.queueDepth(pendingByKey.size() + running.size() + retrying.size());
    return this;
  }

  private void run(Entry e) {
    // Called first: if the port throws, the entry is still pending and survives the restart that
    // follows.
    Operation.Ports ports = executors.apply(e.priority);
    var answer =
        e.operation.addsContent()
            ? settings.journalFlush().flush().thenCompose(flushed -> e.operation.run(ports))
            : e.operation.run(ports);
    ready.remove(e);
    pendingByKey.remove(e.operation.key());
    runningKeys.add(e.operation.key());
    running.put(e.id, e);
    if (e.operation.write()) writesRunning++;
    else readsRunning++;
    e.attempts++;
    getContext().pipeToSelf(answer, (value, failure) -> new Done(e.id, value, failure));
  }
}
