package org.roadmapsync.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.roadmapsync.roadmap.LoadResult;
import org.roadmapsync.roadmap.RoadmapEvent;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.roadmap.RoadmapWatcher;
import org.slf4j.Logger;

/**
 * The roadmap side of sync: loads every file at start, then turns the watcher's events into
 * observations for the issue entities. File reads run on the blocking dispatcher; the watcher's own
 * writes are already filtered out by the store. The start-up load hands the files over a few at a
 * time, each once its entity has journaled it (thousands at once would overflow the journal's write
 * queue), and completes {@code loaded} when every entity has its file. An entity at rest whose file
 * is as it last saw it is not woken ({@link RestingIssues}), and a new issue whose file and GitHub
 * issue agree is adopted without starting one ({@link IssueSeeds}).
 */
public final class RoadmapObserver extends AbstractBehavior<RoadmapObserver.Command> {

  public sealed interface Command {}

  private record Loaded(LoadResult result, RoadmapWatcher watcher, Throwable error)
      implements Command {}

  /** The loaded files, and the issues among them whose entities rest: not woken. */
  private record Sorted(LoadResult result, Set<String> resting) implements Command {}

  private record FileChanged(RoadmapEvent event) implements Command {}

  /** A read for the watcher's event number {@code event}. */
  private record FileRead(String id, long event, Optional<RoadmapIssue> issue, Throwable error)
      implements Command {}

  /** One entity's part of the start-up load. */
  private record HandOver(
      String id, Function<ActorRef<StatusReply<Done>>, IssueSyncEntity.Command> command) {}

  static final int LOAD_PARALLELISM = 32;
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

  /**
   * @param resting the issues whose entities the start-up load leaves asleep
   * @param listed GitHub's issues as the listings read while the roadmap loads showed them: the
   *     load waits for them (bounded) and hands each over with its file
   * @param changed told after each file change the watcher reports (not sync's own writes): the
   *     dependencies span files, so they are planned again
   */
  public static Behavior<Command> create(
      RoadmapStore store,
      StoreRoadmapPort port,
      Function<String, RecipientRef<IssueSyncEntity.Command>> entities,
      RestingIssues resting,
      FirstListings listed,
      Executor blocking,
      RoadmapWatcher.Settings watching,
      CompletableFuture<Done> loaded,
      Runnable changed) {
    // Restarted after a failure: it watches and loads again, which the entities take as no change.
    return Behaviors.<Command>supervise(
            Behaviors.setup(
                context ->
                    new RoadmapObserver(
                        context, store, port, entities, resting, listed, blocking, watching, loaded,
                        changed)))
        .onFailure(
            SupervisorStrategy.restartWithBackoff(
                Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
  }

  private final RoadmapStore store;
  private final StoreRoadmapPort port;
  private final Function<String, RecipientRef<IssueSyncEntity.Command>> entities;
  private final RestingIssues resting;
  private final FirstListings listed;
  private final Executor blocking;
  private final ActorRef<StatusReply<Done>> noReply;
  private final CompletableFuture<Done> loaded;
  private final Runnable changed;
  private RoadmapWatcher watcher;

  /**
   * The rows of the resting entities, read while the roadmap loads ({@link
   * RestingIssues#readRows}).
   */
  private CompletionStage<Map<String, IssueSyncState>> restingRows;

  /**
   * Per file, the number of the newest watcher event: reads run in parallel and may finish out of
   * order, and a stale one (a read of a half-written file finishing last) must not have the last
   * word, since no further event would come to correct it.
   */
  private final Map<String, Long> newestEvent = new HashMap<>();

  private long events;

  private RoadmapObserver(
      ActorContext<Command> context,
      RoadmapStore store,
      StoreRoadmapPort port,
      Function<String, RecipientRef<IssueSyncEntity.Command>> entities,
      RestingIssues resting,
      FirstListings listed,
      Executor blocking,
      RoadmapWatcher.Settings watching,
      CompletableFuture<Done> loaded,
      Runnable changed) {
    super(context);
    this.resting = resting;
    this.listed = listed;
    this.loaded = loaded;
    this.changed = changed;
    this.store = store;
    this.port = port;
    this.entities = entities;
    this.blocking = blocking;
    this.noReply = context.getSystem().ignoreRef();
    ActorRef<Command> self = context.getSelf();
    context.pipeToSelf(
        CompletableFuture.supplyAsync(
            () -> {
              // Watch first, then load: a change made in between is reported, never lost. The
              // watcher's first view comes from the load: each file is read once.
              RoadmapWatcher started =
                  RoadmapWatcher.start(
                      store, watching, e -> self.tell(new FileChanged(e)), store::loadAll);
              return new Loaded(started.takeLoaded(), started, null);
            },
            blocking),
        (result, error) -> error == null ? result : new Loaded(null, null, error));
    this.restingRows = resting.readRows();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Loaded.class, this::onLoaded)
        .onMessage(Sorted.class, this::onSorted)
        .onMessage(FileChanged.class, this::onFileChanged)
        .onMessage(FileRead.class, this::onFileRead)
        .onSignal(PostStop.class, signal -> stopWatching())
        .onSignal(PreRestart.class, signal -> stopWatching())
        .build();
  }

  private Behavior<Command> onLoaded(Loaded loaded) {
    if (loaded.error() != null) {
      getContext()
          .getLog()
          .error(
              "cannot read the roadmap folder {}: {}", store.root(), loaded.error().getMessage());
      this.loaded.complete(
          Done.getInstance()); // nothing to wait for: the folder check in /health says why
      return this;
    }
    if (watcher != null) {
      loaded.watcher().close(); // the load of an incarnation before a restart: this one watches
      return this;
    }
    watcher = loaded.watcher();
    var rows = restingRows;
    restingRows = null; // the rows of 100,000 issues are not kept once judged
    Logger log = getContext().getLog();
    getContext()
        .pipeToSelf(
            resting
                .among(rows, loaded.result().issues())
                .thenCombine(
                    listed.readOrTimedOut(loaded.result().issues().size()), (ids, read) -> ids),
            (ids, error) -> {
              if (error != null) {
                log.warn("every issue is woken at start-up: {}", error.getMessage());
              }
              return new Sorted(loaded.result(), error == null ? ids : Set.of());
            });
    return this;
  }

  private Behavior<Command> onSorted(Sorted sorted) {
    Map<String, RestingIssues.FirstSight> seen = new HashMap<>();
    sorted.result().issues().stream()
        .filter(issue -> !sorted.resting().contains(issue.id()))
        .forEach(issue -> seen.put(issue.id(), firstSight(issue)));
    var system = getContext().getSystem();
    Logger log = getContext().getLog();
    resting
        .adoptAsleep(seen)
        .exceptionally(
            error -> {
              log.warn("every new issue is handed to its entity: {}", error.getMessage());
              return Set.of();
            })
        .thenCompose(
            adopted -> {
              List<HandOver> handOvers = new ArrayList<>();
              seen.forEach(
                  (id, sight) -> {
                    if (!adopted.contains(id)) {
                      handOvers.add(observed(id, sight, Trigger.WATCH));
                    }
                  });
              sorted
                  .result()
                  .problems()
                  .forEach(
                      p -> p.issueId().ifPresent(id -> handOvers.add(problem(id, p.toString()))));
              return handOver(handOvers, system, log)
                  .thenApply(
                      done -> {
                        log.info(
                            "roadmap loaded: {} issues ({} at rest, {} adopted asleep, not woken), {} unusable files",
                            sorted.result().issues().size(),
                            sorted.resting().size(),
                            adopted.size(),
                            sorted.result().problems().size());
                        return done;
                      });
            })
        .whenComplete((done, error) -> this.loaded.complete(Done.getInstance()));
    return this;
  }

  /** Each to its entity, a few at a time; one that does not take its file is logged. */
  private CompletionStage<Done> handOver(
      List<HandOver> handOvers, ActorSystem<Void> system, Logger log) {
    return Source.from(handOvers)
        .mapAsyncUnordered(
            LOAD_PARALLELISM,
            h ->
                AskPattern.askWithStatus(
                        entities.apply(h.id()),
                        h.command()::apply,
                        LOAD_TIMEOUT,
                        system.scheduler())
                    .exceptionally(
                        error -> {
                          log.warn(
                              "issue {} did not take its file at start-up: {}",
                              h.id(),
                              error.getMessage());
                          return Done.getInstance();
                        }))
        .runWith(Sink.ignore(), system);
  }

  private Behavior<Command> onFileChanged(FileChanged fileChanged) {
    changed.run();
    RoadmapEvent event = fileChanged.event();
    String id = event.id();
    if (id.isEmpty()) {
      return this; // a file without a usable id: nothing to hand over
    }
    long number = ++events;
    newestEvent.put(id, number);
    if (event instanceof RoadmapEvent.Deleted deleted) {
      tell(problem(id, "the roadmap file " + deleted.path() + " was deleted"));
    } else if (event instanceof RoadmapEvent.Invalid invalid) {
      tell(problem(id, invalid.problem().toString()));
    } else {
      getContext()
          .pipeToSelf(
              CompletableFuture.supplyAsync(() -> store.read(id), blocking),
              (issue, error) -> new FileRead(id, number, issue, error));
    }
    return this;
  }

  private Behavior<Command> onFileRead(FileRead read) {
    if (!Long.valueOf(read.event()).equals(newestEvent.get(read.id()))) {
      return this; // a newer event of this file was handled, or is being read
    }
    newestEvent.remove(read.id());
    if (read.error() != null) {
      tell(problem(read.id(), read.error().getMessage()));
    } else if (read.issue().isPresent()) {
      tell(observed(read.id(), firstSight(read.issue().get()), Trigger.WATCH));
    }
    return this;
  }

  /** The file of {@code issue}, and GitHub's issue it names if the first listing showed it. */
  private RestingIssues.FirstSight firstSight(RoadmapIssue issue) {
    LocalSnapshot local = port.snapshot(issue);
    return new RestingIssues.FirstSight(local, listed.issueOf().apply(local).orElse(null));
  }

  /** What an issue's entity is to take from its file, for an ask (start-up) or a tell. */
  private HandOver observed(String id, RestingIssues.FirstSight sight, Trigger trigger) {
    return new HandOver(
        id,
        reply -> new IssueSyncEntity.ObserveLocal(sight.local(), trigger, reply, sight.listed()));
  }

  private HandOver problem(String id, String problem) {
    return new HandOver(id, reply -> new IssueSyncEntity.ObserveLocalProblem(problem, reply));
  }

  private void tell(HandOver handOver) {
    entities.apply(handOver.id()).tell(handOver.command().apply(noReply));
  }

  private Behavior<Command> stopWatching() {
    if (watcher != null) {
      watcher.close();
    }
    return this;
  }
}
