package org.roadmapsync.git;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.roadmapsync.roadmap.RoadmapStore;

/**
 * The git-backed roadmap as the rest of the service sees it: fetch now (a poll, a push webhook),
 * periodic fetching on or off, the status for {@code /health} and {@code GET /api/git}.
 */
public final class RoadmapGit {

  /** The service's writes of one short window go into one commit. */
  public static final Duration COMMIT_WINDOW = Duration.ofSeconds(2);

  /** Timings; tests shorten them. */
  public record Timing(Duration commitWindow, Duration backoff, Duration maxBackoff) {
    public static final Timing DEFAULT =
        new Timing(COMMIT_WINDOW, Duration.ofSeconds(1), Duration.ofMinutes(2));
  }

  private final ActorRef<RoadmapGitSync.Command> actor;
  private final GitStatusBoard board;
  private final RoadmapClone clone;
  private final String repositoryName;

  private RoadmapGit(
      ActorRef<RoadmapGitSync.Command> actor,
      GitStatusBoard board,
      RoadmapClone clone,
      String repositoryName) {
    this.actor = actor;
    this.board = board;
    this.clone = clone;
    this.repositoryName = repositoryName;
  }

  /**
   * Spawns the clone's actor as a child of {@code context}; the store (when the roadmap folder
   * exists in the clone) tells it of every write and holds its writes while git changes the tree.
   *
   * @param repositoryName {@code owner/name} a push webhook must name
   */
  public static RoadmapGit start(
      ActorContext<?> context,
      CloneStartup.Prepared prepared,
      String repositoryName,
      Optional<RoadmapStore> store,
      Duration pollInterval,
      boolean autoSync,
      GitEvents events,
      Timing timing) {
    return start(
        context,
        prepared,
        repositoryName,
        store,
        pollInterval,
        autoSync,
        events,
        timing,
        true,
        context::spawn,
        () -> {});
  }

  /**
   * @param writes false under {@code ROADMAP_SYNC_READ_ONLY}: the clone follows the remote, and
   *     nothing is committed or pushed
   * @param spawner where the clone's actor runs: a child of {@code context}, or in a cluster the
   *     singleton that owns the roadmap clone
   * @param fetched called after each fetch that succeeded
   */
  public static RoadmapGit start(
      ActorContext<?> context,
      CloneStartup.Prepared prepared,
      String repositoryName,
      Optional<RoadmapStore> store,
      Duration pollInterval,
      boolean autoSync,
      GitEvents events,
      Timing timing,
      boolean writes,
      BiFunction<Behavior<RoadmapGitSync.Command>, String, ActorRef<RoadmapGitSync.Command>>
          spawner,
      Runnable fetched) {
    RoadmapClone clone = prepared.roadmapClone();
    var board = new GitStatusBoard(clone, Clock.systemUTC(), prepared.remoteProblem());
    GitCycle.Gate gate =
        store
            .<GitCycle.Gate>map(
                s ->
                    new GitCycle.Gate() {
                      @Override
                      public <T> T hold(Supplier<T> work) {
                        return s.withoutWrites(work);
                      }
                    })
            .orElse(GitCycle.Gate.NONE);
    Executor blocking =
        context
            .getSystem()
            .dispatchers()
            .lookup(DispatcherSelector.fromConfig("roadmap-sync.blocking-dispatcher"));
    var pending = new AtomicBoolean();
    ActorRef<RoadmapGitSync.Command> actor =
        spawner.apply(
            RoadmapGitSync.create(
                new RoadmapGitSync.Wiring(
                    new GitCycle(clone, gate, board, events, writes),
                    blocking,
                    pollInterval,
                    new AtomicBoolean(autoSync),
                    timing.commitWindow(),
                    timing.backoff(),
                    timing.maxBackoff(),
                    () -> pending.set(false),
                    fetched)),
            "roadmap-git");
    store.ifPresent(
        s ->
            s.onWrite(
                () -> {
                  // one message per batch, however many files an initial sync writes
                  if (pending.compareAndSet(false, true)) {
                    actor.tell(RoadmapGitSync.Written.INSTANCE);
                  }
                }));
    return new RoadmapGit(actor, board, clone, repositoryName);
  }

  /** Fetch, bring the remote's commits in and push, now. */
  public void fetchNow() {
    actor.tell(RoadmapGitSync.FetchNow.INSTANCE);
  }

  public void setAutoSync(boolean enabled) {
    actor.tell(new RoadmapGitSync.SetAutoSync(enabled));
  }

  public GitStatus status() {
    return board.get();
  }

  public Supplier<GitStatus> statusSupplier() {
    return board::get;
  }

  /**
   * A {@code push} webhook: taken (and a fetch started) when it names this remote's repository
   * ({@code owner/name}, case ignored) and branch; the answer says so.
   */
  public boolean onPush(String repository, String ref) {
    if (repository == null
        || ref == null
        || !repository.toLowerCase(Locale.ROOT).equals(repositoryName.toLowerCase(Locale.ROOT))
        || !ref.equals(clone.localRef())) {
      return false;
    }
    fetchNow();
    return true;
  }

  public String branch() {
    return clone.branch();
  }
}
