package org.roadmapsync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.roadmapsync.sync.IssueSyncEntity.Command;
import org.roadmapsync.sync.IssueSyncEntity.Event;

/**
 * The comments' part of a sync round, after the fields: merge the file's comments with GitHub's
 * ({@link CommentMerge}), make one write, journal what it gave, merge again, until both sides hold
 * the same comments; then record the new base. A post is journaled before it is made and looked for
 * (a full read of the issue's comments) before it is made again, so a crash in between never makes
 * a second comment. GitHub's comments of the issue are read in full (a conditional request) only
 * when the issue's comment count says the known ones are not all of them (a deletion without a
 * webhook, a missed listing), before an edit or a delete (no blind write), and to look for a post.
 */
final class IssueComments {

  private final String issueId;
  private final SyncContext sync;
  private final ActorContext<Command> context;
  private final EffectFactories<Event, IssueSyncState> effects;
  private IssueRound round;

  /**
   * GitHub's comments of the issue were read by this incarnation since its last post that may have
   * been made unseen. A post is made only then: a journal write that a kill lost (the embedded
   * database commits to disk a moment later) cannot hide a comment an earlier incarnation made.
   */
  private boolean lookedSincePosting;

  /** The issue snapshot a full read of the comments was last made for: never twice for one. */
  private RemoteSnapshot readFor;

  /**
   * The round that last read GitHub's comments in full: an edit or delete is made only on what
   * GitHub holds now (no blind write), so it reads them first (free when nothing changed).
   */
  private long readInRound = -1;

  IssueComments(
      String issueId,
      SyncContext sync,
      ActorContext<Command> context,
      EffectFactories<Event, IssueSyncState> effects) {
    this.issueId = issueId;
    this.sync = sync;
    this.context = context;
    this.effects = effects;
  }

  /** The round they are part of (each knows the other). */
  void roundIs(IssueRound issueRound) {
    this.round = issueRound;
  }

  /** The comments call for a read, a write or a new base. */
  boolean pending(IssueSyncState state) {
    return pending(state, readFor, sync);
  }

  /**
   * The same for an entity that read GitHub's comments in full for {@code readFor} (null: not yet,
   * as a recovered entity).
   */
  static boolean pending(IssueSyncState state, RemoteSnapshot readFor, SyncContext sync) {
    if (!applies(state)) {
      return false;
    }
    CommentMerge.Plan plan = plan(state, sync);
    return countDiffers(state, readFor)
        || plan.writesGitHub()
        || !plan.file().equals(state.local().comments())
        || settles(state.comments(), plan);
  }

  ReplyEffect<Event, IssueSyncState> onStep(
      IssueSyncState state, IssueSyncEntity.CommentStep step) {
    if (!applies(state)) {
      return finish(state, List.of(), step.synced());
    }
    CommentMerge.Plan plan = plan(state);
    boolean lookFirst = !plan.posts().isEmpty() && !lookedSincePosting;
    boolean blind =
        plan.posts().isEmpty()
            && (!plan.edits().isEmpty() || !plan.deletes().isEmpty())
            && readInRound != round.number();
    if (lookFirst || blind || countDiffers(state)) {
      readFor = state.remote();
      readInRound = round.number();
      context.pipeToSelf(
          round.github().comments(state.link()),
          (all, error) -> new IssueSyncEntity.CommentsRead(all, Failure.of(error)));
      return effects.noReply();
    }
    IssueLink link = state.link();
    if (!plan.posts().isEmpty()) {
      CommentMerge.Post post = plan.posts().get(0);
      if (post.asked()) {
        post(link, post); // asked before and looked for since: not on GitHub
        return effects.noReply();
      }
      // the intent is journaled before GitHub is asked: a crash in between is looked for after
      return effects
          .persist(new IssueSyncEntity.CommentPostRequested(post.comment(), sync.clock().instant()))
          .thenRun(s -> post(link, post))
          .thenNoReply();
    }
    if (!plan.edits().isEmpty()) {
      CommentMerge.Edit edit = plan.edits().get(0);
      RemoteComment theirs = state.comments().github().get(edit.github());
      String body =
          theirs.postedFor(issueId).isPresent()
              ? CommentMarker.withMarker(issueId, edit.comment(), edit.text())
              : edit.text();
      context.pipeToSelf(
          round.github().editComment(link.repo(), edit.github(), body),
          (answer, error) ->
              new IssueSyncEntity.CommentWritten(
                  answer,
                  null,
                  edit.comment(),
                  edit.text(),
                  new HistoryEntry.CommentChanges(0, 1, 0),
                  Failure.of(error)));
      return effects.noReply();
    }
    if (!plan.deletes().isEmpty()) {
      long id = plan.deletes().get(0);
      context.pipeToSelf(
          round.github().deleteComment(link.repo(), id),
          (done, error) ->
              new IssueSyncEntity.CommentWritten(
                  null,
                  id,
                  null,
                  null,
                  new HistoryEntry.CommentChanges(0, 0, 1),
                  Failure.of(error)));
      return effects.noReply();
    }
    List<LocalComment> before = state.local().comments();
    if (!plan.file().equals(before)) {
      HistoryEntry.CommentChanges change = CommentMerge.counts(before, plan.file());
      context.pipeToSelf(
          sync.roadmap().writeComments(issueId, plan.file(), state.local().contentHash()),
          (local, error) ->
              new IssueSyncEntity.CommentsPulled(
                  local, change, Failure.of(error), IssueRound.stale(error)));
      return effects.noReply();
    }
    List<Event> events = new ArrayList<>();
    if (settles(state.comments(), plan)) {
      events.add(
          new IssueSyncEntity.CommentsSettled(
              plan.links(), plan.detached(), plan.conflicts(), plan.problems()));
    }
    return finish(state, events, step.synced());
  }

  private void post(IssueLink link, CommentMerge.Post post) {
    context.pipeToSelf(
        round
            .github()
            .postComment(link, CommentMarker.withMarker(issueId, post.comment(), post.text())),
        (answer, error) ->
            new IssueSyncEntity.CommentWritten(
                answer,
                null,
                post.comment(),
                post.text(),
                new HistoryEntry.CommentChanges(1, 0, 0),
                Failure.of(error)));
  }

  ReplyEffect<Event, IssueSyncState> onRead(IssueSyncState state, IssueSyncEntity.CommentsRead c) {
    if (c.failure() != null) {
      return round.failed(state, c.failure());
    }
    lookedSincePosting = true;
    return effects
        .persist(new IssueSyncEntity.CommentsObserved(c.all(), List.of(), true, null, null))
        .thenRun(s -> next())
        .thenNoReply();
  }

  ReplyEffect<Event, IssueSyncState> onWritten(
      IssueSyncState state, IssueSyncEntity.CommentWritten c) {
    if (c.failure() != null) {
      if (c.comment() != null) {
        lookedSincePosting = false; // a failed post may have been made: look again first
      }
      if (c.comment() != null && refused(c.failure())) {
        // this comment cannot go as it is; the others go on
        context
            .getLog()
            .warn("comment {} of issue {} refused: {}", c.comment(), issueId, c.failure().reason());
        return effects
            .persist(
                new IssueSyncEntity.CommentFailed(
                    new CommentThread.Problem(c.comment(), c.text(), c.failure().reason())))
            .thenRun(s -> next())
            .thenNoReply();
      }
      return round.failed(state, c.failure());
    }
    Instant now = sync.clock().instant();
    return effects
        .persist(
            new IssueSyncEntity.CommentsObserved(
                c.answer() == null ? List.of() : List.of(c.answer()),
                c.deleted() == null ? List.of() : List.of(c.deleted()),
                false,
                c.answer() != null && c.answer().updatedAt() != null ? c.answer().updatedAt() : now,
                HistoryEntry.comments(
                    now, HistoryEntry.Direction.PUSH, round.trigger(), c.change())))
        .thenRun(s -> next())
        .thenNoReply();
  }

  ReplyEffect<Event, IssueSyncState> onPulled(
      IssueSyncState state, IssueSyncEntity.CommentsPulled c) {
    if (c.stale()) {
      return round.reread();
    }
    if (c.failure() != null) {
      return round.failed(state, c.failure());
    }
    HistoryEntry.CommentChanges change = c.change();
    // a link written back into an entry changes no comment: no history entry for it
    Event written =
        change.added() + change.edited() + change.removed() == 0
            ? new IssueSyncEntity.LocalObserved(c.local())
            : new IssueSyncEntity.Pulled(
                c.local(),
                HistoryEntry.comments(
                    sync.clock().instant(), HistoryEntry.Direction.PULL, round.trigger(), change));
    return effects.persist(written).thenRun(s -> next()).thenNoReply();
  }

  private void next() {
    context.getSelf().tell(new IssueSyncEntity.CommentStep(true));
  }

  /**
   * Ends the round. An error of an earlier round that only the comments' work was left to mend (the
   * fields in step) is cleared by a sync of the base.
   */
  private ReplyEffect<Event, IssueSyncState> finish(
      IssueSyncState state, List<Event> settle, boolean synced) {
    List<Event> events = new ArrayList<>(settle);
    boolean mended =
        state.lastSyncError() != null
            && state.base() != null
            && state.conflict().isEmpty()
            && !state.needsSync();
    if (mended) {
      events.add(new IssueSyncEntity.Synced(state.base(), sync.clock().instant()));
    }
    boolean counts = synced || mended;
    if (events.isEmpty()) {
      end(counts);
      return effects.noReply();
    }
    return effects.persist(events).thenRun(s -> end(counts)).thenNoReply();
  }

  private void end(boolean synced) {
    if (synced) {
      round.endSynced();
    } else {
      round.end();
    }
  }

  private static boolean applies(IssueSyncState state) {
    return state.phase() == IssueSyncState.Phase.LINKED && state.local().comments() != null;
  }

  private CommentMerge.Plan plan(IssueSyncState state) {
    return plan(state, sync);
  }

  private static CommentMerge.Plan plan(IssueSyncState state, SyncContext sync) {
    return CommentMerge.plan(
        state.id(),
        state.local().comments(),
        state.comments(),
        sync.commentDeletes(),
        sync.strategy());
  }

  /**
   * The issue counts other comments than those known (one deleted without a webhook, say), and the
   * count is not from before sync's own last write: read them all, once per snapshot.
   */
  /**
   * GitHub counts comments other than those this entity saw, and no read in this incarnation
   * covered its snapshot of the issue.
   */
  boolean countUnread(IssueSyncState state) {
    return applies(state) && countDiffers(state);
  }

  private boolean countDiffers(IssueSyncState state) {
    return countDiffers(state, readFor);
  }

  private static boolean countDiffers(IssueSyncState state, RemoteSnapshot readFor) {
    RemoteSnapshot remote = state.remote();
    if (remote == null || remote.commentCount() == null || remote.equals(readFor)) {
      return false;
    }
    Instant wrote = state.comments().wroteAt();
    boolean current =
        wrote == null || (remote.updatedAt() != null && !remote.updatedAt().isBefore(wrote));
    return current && remote.commentCount() != state.comments().github().size();
  }

  private static boolean settles(CommentThread thread, CommentMerge.Plan plan) {
    return !thread.links().equals(plan.links())
        || !thread.detached().equals(plan.detached())
        || !thread.conflicts().equals(plan.conflicts())
        || !thread.problems().equals(plan.problems())
        || plan.links().stream().anyMatch(l -> thread.posting().containsKey(l.local()));
  }

  /** GitHub will not take it as it is: too long (422), the issue locked (403), gone (404). */
  private static boolean refused(Failure failure) {
    return !failure.retryable();
  }
}
