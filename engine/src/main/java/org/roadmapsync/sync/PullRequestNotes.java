package org.roadmapsync.sync;

import static org.roadmapsync.github.GitHubError.describe;

import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.roadmapsync.sync.IssueSyncEntity.Command;
import org.roadmapsync.sync.IssueSyncEntity.Event;

/**
 * What the issue's pull request did, told by its lifecycle: a history entry, and for a pull request
 * merged or closed on GitHub by someone else the status it gives the roadmap file (which the next
 * round carries on to GitHub).
 */
final class PullRequestNotes {

  private final String issueId;
  private final SyncContext sync;
  private final ActorContext<Command> context;
  private final EffectFactories<Event, IssueSyncState> effects;
  private final IssueRound round;

  PullRequestNotes(
      String issueId,
      SyncContext sync,
      ActorContext<Command> context,
      EffectFactories<Event, IssueSyncState> effects,
      IssueRound round) {
    this.issueId = issueId;
    this.sync = sync;
    this.context = context;
    this.effects = effects;
    this.round = round;
  }

  ReplyEffect<Event, IssueSyncState> onRecord(
      IssueSyncState state, IssueSyncEntity.RecordPullActivity c) {
    boolean statusChange =
        c.status() != null
            && state.local() != null
            && state.localProblem() == null
            && !c.status().equals(state.local().fields().status());
    if (!statusChange) {
      HistoryEntry entry =
          HistoryEntry.pullRequest(sync.clock().instant(), c.trigger(), c.note(), Map.of());
      return effects
          .persist(new IssueSyncEntity.PullRequestActivity(entry, null))
          .thenReply(c.replyTo(), s -> StatusReply.ack());
    }
    IssueFields target = state.local().fields().with(SyncField.STATUS, c.status());
    HistoryEntry entry =
        HistoryEntry.pullRequest(
            sync.clock().instant(),
            c.trigger(),
            c.note(),
            Map.of(
                SyncField.STATUS.apiName(),
                new FieldChange(state.local().fields().status(), c.status())));
    context.pipeToSelf(
        sync.roadmap()
            .write(issueId, target, Set.of(SyncField.STATUS), state.local().contentHash()),
        (local, error) ->
            new IssueSyncEntity.PullStatusWritten(
                local, entry, describe(error), c.trigger(), c.replyTo()));
    return effects.noReply();
  }

  ReplyEffect<Event, IssueSyncState> onStatusWritten(IssueSyncEntity.PullStatusWritten c) {
    if (c.error() != null) {
      // The file changed meanwhile (or cannot be written): the lifecycle asks again.
      return effects.reply(
          c.replyTo(),
          StatusReply.error("could not set the status of " + issueId + ": " + c.error()));
    }
    return effects
        .persist(new IssueSyncEntity.PullRequestActivity(c.entry(), c.local()))
        .thenRun(s -> round.start(s, c.trigger(), false)) // carries the new status to GitHub
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }
}
