package org.roadmapsync.git;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The clone's one actor: one {@link GitCycle} at a time, on the blocking dispatcher. A fetch at
 * every poll tick, {@code pollNow} and {@code push} webhook; the service's own writes committed
 * {@code commitWindow} after the first of a batch, then pushed. A failed cycle (remote unreachable,
 * push refused) fails the actor, and Pekko's backoff supervision starts it again after a growing
 * pause; each start runs a full cycle, so commits made meanwhile are pushed and the remote's
 * brought in. Requests that arrive during the pause wait in the supervisor's stash.
 */
public final class RoadmapGitSync {

  public sealed interface Command {}

  /** Fetch, bring the remote's commits in, push: a poll, {@code pollNow}, a push webhook. */
  public enum FetchNow implements Command {
    INSTANCE
  }

  /** The store wrote a roadmap file: commit within the window. */
  public enum Written implements Command {
    INSTANCE
  }

  /** Periodic fetching on or off ({@code PUT /api/auto-sync}). */
  public record SetAutoSync(boolean enabled) implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private enum CommitDue implements Command {
    INSTANCE
  }

  private record CycleEnded(boolean fetched, Throwable error) implements Command {}

  /**
   * @param autoSync periodic fetching on or off, kept across the actor's restarts
   * @param commitWindow how long after the first of a batch of writes they are committed
   * @param backoff the pause after the first failed cycle, doubling up to {@code maxBackoff}
   */
  record Wiring(
      GitCycle cycle,
      Executor blocking,
      Duration pollInterval,
      AtomicBoolean autoSync,
      Duration commitWindow,
      Duration backoff,
      Duration maxBackoff,
      Runnable beforeCommit,
      Runnable fetched) {}

  private RoadmapGitSync() {}

  static Behavior<Command> create(Wiring wiring) {
    Behavior<Command> running =
        Behaviors.setup(
            context ->
                Behaviors.withTimers(timers -> new Running(context, timers, wiring).start()));
    return Behaviors.supervise(running)
        .onFailure(
            GitCycle.Failed.class,
            SupervisorStrategy.restartWithBackoff(wiring.backoff(), wiring.maxBackoff(), 0.2)
                .withResetBackoffAfter(wiring.maxBackoff().multipliedBy(2))
                .withStashCapacity(1000)
                // the failure is logged once, as a warning with its reason, by the actor itself
                .withLoggingEnabled(false));
  }

  private static final class Running {
    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final Wiring wiring;
    private boolean busy;
    private boolean fetchWanted;
    private boolean commitWanted;

    Running(ActorContext<Command> context, TimerScheduler<Command> timers, Wiring wiring) {
      this.context = context;
      this.timers = timers;
      this.wiring = wiring;
    }

    Behavior<Command> start() {
      // as last switched: a restart after a failure keeps it
      setAutoSync(wiring.autoSync().get());
      // every start (the first, or after a failure): push what is ahead, bring in what is new
      fetchWanted = true;
      runIfIdle();
      return Behaviors.receive(Command.class)
          .onMessage(FetchNow.class, m -> fetch())
          .onMessage(Tick.class, m -> fetch())
          .onMessage(Written.class, m -> written())
          .onMessage(CommitDue.class, m -> commitDue())
          .onMessage(SetAutoSync.class, m -> setAutoSync(m.enabled()))
          .onMessage(CycleEnded.class, this::ended)
          .build();
    }

    private Behavior<Command> fetch() {
      fetchWanted = true;
      runIfIdle();
      return Behaviors.same();
    }

    private Behavior<Command> written() {
      if (!timers.isTimerActive(CommitDue.INSTANCE)) {
        timers.startSingleTimer(CommitDue.INSTANCE, wiring.commitWindow());
      }
      return Behaviors.same();
    }

    private Behavior<Command> commitDue() {
      commitWanted = true;
      runIfIdle();
      return Behaviors.same();
    }

    private Behavior<Command> setAutoSync(boolean enabled) {
      wiring.autoSync().set(enabled);
      if (enabled) {
        timers.startTimerWithFixedDelay(Tick.INSTANCE, wiring.pollInterval());
      } else {
        timers.cancel(Tick.INSTANCE);
      }
      return Behaviors.same();
    }

    private void runIfIdle() {
      if (busy || !(fetchWanted || commitWanted)) {
        return;
      }
      boolean fetch = fetchWanted;
      fetchWanted = false;
      commitWanted = false;
      busy = true;
      // writes from here on need another commit: let the store's listener say so again
      wiring.beforeCommit().run();
      context.pipeToSelf(
          CompletableFuture.runAsync(() -> wiring.cycle().run(fetch), wiring.blocking()),
          (done, error) -> new CycleEnded(fetch, error));
    }

    private Behavior<Command> ended(CycleEnded ended) {
      busy = false;
      if (ended.error() != null) {
        Throwable cause =
            ended.error() instanceof java.util.concurrent.CompletionException c
                    && c.getCause() != null
                ? c.getCause()
                : ended.error();
        context.getLog().warn("git: {}; trying again after a pause", cause.getMessage());
        throw cause instanceof GitCycle.Failed failed
            ? failed
            : new GitCycle.Failed(String.valueOf(cause.getMessage()), cause);
      }
      if (ended.fetched()) {
        wiring.fetched().run();
      }
      runIfIdle();
      return Behaviors.same();
    }
  }
}
