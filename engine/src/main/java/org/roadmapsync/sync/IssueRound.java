package org.roadmapsync.sync;

import static org.roadmapsync.github.GitHubError.describe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.roadmapsync.roadmap.RoadmapStoreException;
import org.roadmapsync.sync.IssueSyncEntity.Command;
import org.roadmapsync.sync.IssueSyncEntity.Event;

/**
 * The sync round of one issue entity: read GitHub when needed, merge three ways, write GitHub and
 * the file, settle; before that, what a round needs first (the GitHub issue published, the file
 * naming its link). A failure ends the round and is tried again after a backoff when waiting can
 * mend it; a round that never ends is ended by the watchdog.
 */
final class IssueRound {

  private final String issueId;
  private final SyncContext sync;
  private final ActorContext<Command> context;
  private final EffectFactories<Event, IssueSyncState> effects;
  private final ReconcileRound round;
  private final BiConsumer<IssueSyncState, Trigger> publish;
  private final Predicate<IssueSyncState> commentsPending;

  /**
   * {@code publish} creates the GitHub issue of a roadmap issue asked to be published; {@code
   * commentsPending}: the issue's comments call for work (a round for them alone).
   */
  IssueRound(
      String issueId,
      SyncContext sync,
      ActorContext<Command> context,
      EffectFactories<Event, IssueSyncState> effects,
      ReconcileRound round,
      BiConsumer<IssueSyncState, Trigger> publish,
      Predicate<IssueSyncState> commentsPending) {
    this.issueId = issueId;
    this.sync = sync;
    this.context = context;
    this.effects = effects;
    this.round = round;
    this.publish = publish;
    this.commentsPending = commentsPending;
  }

  Trigger trigger() {
    return round.trigger();
  }

  long number() {
    return round.number();
  }

  /** GitHub, at the priority of what started this round. */
  GitHubPort github() {
    return sync.github().forTrigger(round.trigger());
  }

  /**
   * Starts a round if the state calls for one; during a round, asks for another after it ({@code
   * readFirst}: a sync asked for now must still read GitHub afterwards).
   */
  void start(IssueSyncState state, Trigger trigger, boolean readFirst) {
    if (sync.github().unavailable().isPresent()) {
      return; // no token, or read-only: the issue stays as it is, and the admin API says why
    }
    if (round.running()) {
      round.again(readFirst);
      return;
    }
    switch (state.phase()) {
      case BROKEN, UNLINKED -> {}
      case PUBLISHING -> {
        round.begin(trigger);
        publish.accept(state, trigger);
      }
      case RELINKING -> writeLink(state, state.link().number(), trigger);
      case UNLINKING -> writeLink(state, null, trigger);
      case LINKED -> {
        if (readFirst || state.remote() == null) {
          if (!readFirst
              && state.remote() == null
              && sync.links().awaitFullListing(state.link().repo(), issueId)) {
            return; // linked from the file just now: the repository's first listing brings GitHub's
            // side
          }
          round.begin(trigger);
          fetch(state.link());
        } else if (state.needsSync()) {
          round.begin(trigger);
          context.getSelf().tell(new IssueSyncEntity.Fetched(state.remote(), false, null));
        } else if (state.lastSyncError() != null) {
          // A change (a file edited back to what both sides agreed on, say) may have removed the
          // cause of the error: GitHub is read afresh, so an issue that is really gone fails again.
          round.begin(trigger);
          fetch(state.link());
        } else if (commentsPending.test(state)) {
          round.begin(trigger);
          afterFields(false);
        }
      }
    }
  }

  /**
   * A snapshot a webhook or poll brought starts the round at once, so the file can be written while
   * the observation is journaled; false when a round is under way or cannot run now.
   */
  boolean startWith(IssueSyncState state, Trigger trigger) {
    if (round.running()
        || state.phase() != IssueSyncState.Phase.LINKED
        || sync.github().unavailable().isPresent()) {
      return false;
    }
    round.begin(trigger);
    return true;
  }

  private void fetch(IssueLink link) {
    context.pipeToSelf(
        github().fetch(link),
        (remote, error) -> new IssueSyncEntity.Fetched(remote, true, Failure.of(error)));
  }

  ReplyEffect<Event, IssueSyncState> onFetched(IssueSyncState state, IssueSyncEntity.Fetched c) {
    if (c.failure() != null) {
      return failed(state, c.failure());
    }
    if (!stillLinkedTo(state, c.remote())
        || state.local() == null
        || state.localProblem() != null) {
      end(); // unlinked, relinked or the file broke while GitHub answered
      return effects.noReply();
    }
    return continueWith(state, c.remote(), c.fresh()).thenNoReply();
  }

  /**
   * Merges the file with {@code remote} and carries the result across; {@code fresh}: just read
   * from GitHub.
   */
  EffectBuilder<Event, IssueSyncState> continueWith(
      IssueSyncState state, RemoteSnapshot remote, boolean fresh) {
    List<Event> events = new ArrayList<>();
    if (!remote.equals(state.remote()) && remote.newerThan(state.remote())) {
      events.add(new IssueSyncEntity.RemoteObserved(remote));
    }
    IssueSyncState now = state.applyAll(events);
    RoundPlan.Step step = RoundPlan.next(now, now.merge(sync.strategy()), fresh);
    if (step instanceof RoundPlan.ReadGitHubFirst) {
      fetch(now.link());
      return persist(events);
    } else if (step instanceof RoundPlan.Conflict conflict) {
      if (conflict.news()) {
        events.add(new IssueSyncEntity.ConflictDetected(conflict.fields(), sync.clock().instant()));
      }
      return persist(events).thenRun(s -> afterFields(false));
    } else if (step instanceof RoundPlan.Push push) {
      context.pipeToSelf(
          github().push(now.link(), issueId, push.merged(), push.push()),
          (pushed, error) ->
              new IssueSyncEntity.PushDone(pushed, push.merged(), push.pull(), Failure.of(error)));
      return persist(events);
    } else if (step instanceof RoundPlan.Pull pull) {
      pull(now, pull.merged(), pull.pull());
      return persist(events);
    } else if (step instanceof RoundPlan.Settle settle) {
      events.add(new IssueSyncEntity.Synced(settle.merged(), sync.clock().instant()));
      return persist(events).thenRun(s -> afterFields(true));
    }
    return persist(events).thenRun(s -> afterFields(false));
  }

  ReplyEffect<Event, IssueSyncState> onPushDone(IssueSyncState state, IssueSyncEntity.PushDone c) {
    if (c.failure() != null) {
      return failed(state, c.failure());
    }
    if (!stillLinkedTo(state, c.remote())) {
      end(); // unlinked or relinked while the write was under way: its answer belongs to the old
      // link
      return effects.noReply();
    }
    List<Event> events = new ArrayList<>();
    events.add(
        new IssueSyncEntity.Pushed(
            c.remote(),
            entry(HistoryEntry.Direction.PUSH, state.remote().fields(), c.remote().fields())));
    if (c.pull().isEmpty()) {
      events.add(new IssueSyncEntity.Synced(c.merged(), sync.clock().instant()));
      return persist(events).thenRun(s -> afterFields(true)).thenNoReply();
    }
    return effects.persist(events).thenRun(s -> pull(s, c.merged(), c.pull())).thenNoReply();
  }

  private void pull(IssueSyncState state, IssueFields merged, Set<SyncField> fields) {
    context.pipeToSelf(
        sync.roadmap().write(issueId, merged, fields, state.local().contentHash()),
        (local, error) ->
            new IssueSyncEntity.PullDone(local, merged, Failure.of(error), stale(error)));
  }

  ReplyEffect<Event, IssueSyncState> onPullDone(IssueSyncState state, IssueSyncEntity.PullDone c) {
    if (c.stale()) {
      return reread();
    }
    if (c.failure() != null) {
      return failed(state, c.failure());
    }
    if (!c.local().fields().equals(c.merged())) {
      // The file kept a value it cannot change to (no status, priority or type): that value is
      // now a change of the file's, which the next round carries to GitHub.
      round.again(false);
    }
    return effects
        .persist(
            List.of(
                new IssueSyncEntity.Pulled(
                    c.local(),
                    entry(HistoryEntry.Direction.PULL, state.local().fields(), c.local().fields())),
                new IssueSyncEntity.Synced(c.merged(), sync.clock().instant())))
        .thenRun(s -> afterFields(true))
        .thenNoReply();
  }

  /** The file changed since it was read: read it again and merge that edit in the next round. */
  ReplyEffect<Event, IssueSyncState> reread() {
    context.pipeToSelf(
        sync.roadmap().read(issueId),
        (local, error) -> new IssueSyncEntity.LocalReread(local, describe(error)));
    return effects.noReply();
  }

  ReplyEffect<Event, IssueSyncState> onLocalReread(IssueSyncEntity.LocalReread c) {
    round.again(false);
    if (c.error() != null) {
      return effects
          .persist(new IssueSyncEntity.LocalProblemObserved(c.error()))
          .thenRun(s -> end())
          .thenNoReply();
    }
    return effects
        .persist(new IssueSyncEntity.LocalObserved(c.local()))
        .thenRun(s -> end())
        .thenNoReply();
  }

  /**
   * Writes the link into the file ({@code number} null: the file no longer names one). A file
   * changed since it was read is read again, and the next round writes the link into that: the
   * issue exists on GitHub, so its number must reach the file, never wait for another change.
   */
  private void writeLink(IssueSyncState state, Long number, Trigger trigger) {
    round.begin(trigger);
    context.pipeToSelf(
        sync.roadmap()
            .writeLink(issueId, number, state.local().contentHash())
            .exceptionallyCompose(
                error ->
                    stale(error)
                        ? sync.roadmap().read(issueId)
                        : CompletableFuture.failedStage(error)),
        (local, error) -> new IssueSyncEntity.LocalReread(local, describe(error)));
  }

  /**
   * Records the failure and ends the round; a passing one is tried again after a backoff that grows
   * with each failure in a row, the others wait for a change.
   */
  ReplyEffect<Event, IssueSyncState> failed(IssueSyncState state, Failure failure) {
    Instant now = sync.clock().instant();
    Instant retryAt = sync.requeue().retryAt(state.requeued(), failure, now);
    context
        .getLog()
        .warn(
            "sync of issue {} failed: {}; {}",
            issueId,
            failure.reason(),
            retryAt == null ? "waiting for a change" : "tried again at " + retryAt);
    return effects
        .persist(new IssueSyncEntity.SyncFailed(failure.reason(), now, retryAt))
        .thenRun(this::requeue)
        .thenRun(s -> end())
        .thenNoReply();
  }

  ReplyEffect<Event, IssueSyncState> onRetryDue(IssueSyncState state) {
    if (state.requeued() == null || state.requeued().at() == null) {
      return effects.noReply(); // synced, or parked, since the retry was scheduled
    }
    return effects.none().thenRun(s -> start(s, Trigger.RETRY, true)).thenNoReply();
  }

  /** The watchdog: a round still under way past its limit lost an answer; it ends as a failure. */
  ReplyEffect<Event, IssueSyncState> onOverdue(
      IssueSyncState state, IssueSyncEntity.RoundOverdue c) {
    if (!round.isCurrent(c.round())) {
      return effects.noReply();
    }
    context
        .getLog()
        .error(
            "the sync round of issue {} did not end within {}: ended, tried again later",
            issueId,
            round.limit());
    return failed(state, new Failure("the sync round did not end within " + round.limit(), true));
  }

  /** Hands the next try, if one is due, to whoever wakes this entity then. */
  void requeue(IssueSyncState state) {
    sync.requeue().wake(issueId, state.requeued());
  }

  /** The fields are done: the comments follow ({@code synced}: the fields ended in step). */
  void afterFields(boolean synced) {
    context.getSelf().tell(new IssueSyncEntity.CommentStep(synced));
  }

  /** Ends a round that left both sides in step, reporting how long it took. */
  void endSynced() {
    sync.metrics().roundSynced(round.elapsed());
    end();
  }

  void end() {
    round
        .end()
        .ifPresent(
            next ->
                context
                    .getSelf()
                    .tell(new IssueSyncEntity.Resume(next.trigger(), next.readFirst())));
  }

  /** Something arrived during the round: another follows it. */
  void again() {
    round.again(false);
  }

  private HistoryEntry entry(
      HistoryEntry.Direction direction, IssueFields before, IssueFields after) {
    return HistoryEntry.between(sync.clock().instant(), direction, round.trigger(), before, after);
  }

  private static boolean stillLinkedTo(IssueSyncState state, RemoteSnapshot answer) {
    return state.link() != null && state.link().equals(answer.link());
  }

  private EffectBuilder<Event, IssueSyncState> persist(List<Event> events) {
    return events.isEmpty() ? effects.none() : effects.persist(events);
  }

  /** The file changed since it was read: somewhere in the causes of {@code error}. */
  static boolean stale(Throwable error) {
    for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof RoadmapStoreException.StaleIssue) {
        return true;
      }
    }
    return false;
  }
}
