package org.roadmapsync.sync;

import static org.roadmapsync.github.GitHubError.describe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.roadmapsync.sync.IssueSyncEntity.Command;
import org.roadmapsync.sync.IssueSyncEntity.Event;

/**
 * Linking a roadmap issue to an existing GitHub issue (only one that exists) and unlinking it; the
 * round then keeps {@code remote_ids.github} and {@code github_issue} in the file in step.
 */
final class IssueLinking {

  private final SyncContext sync;
  private final ActorContext<Command> context;
  private final EffectFactories<Event, IssueSyncState> effects;
  private final IssueRound round;
  private final Consumer<IssueSyncState> announceLink;

  IssueLinking(
      SyncContext sync,
      ActorContext<Command> context,
      EffectFactories<Event, IssueSyncState> effects,
      IssueRound round,
      Consumer<IssueSyncState> announceLink) {
    this.sync = sync;
    this.context = context;
    this.effects = effects;
    this.round = round;
    this.announceLink = announceLink;
  }

  ReplyEffect<Event, IssueSyncState> onLink(IssueSyncState state, IssueSyncEntity.Link c) {
    if (c.link().equals(state.link())) {
      return effects.reply(c.replyTo(), StatusReply.ack());
    }
    // Link only to an issue that exists; the answer comes back as LinkChecked.
    context.pipeToSelf(
        sync.github().forTrigger(Trigger.MANUAL).fetch(c.link()),
        (remote, error) ->
            new IssueSyncEntity.LinkChecked(c.link(), remote, describe(error), c.replyTo()));
    return effects.noReply();
  }

  ReplyEffect<Event, IssueSyncState> onLinkChecked(IssueSyncEntity.LinkChecked c) {
    if (c.error() != null) {
      return effects.reply(
          c.replyTo(), StatusReply.error("cannot link to " + c.link() + ": " + c.error()));
    }
    return effects
        .persist(
            List.of(
                new IssueSyncEntity.Linked(c.link()),
                new IssueSyncEntity.RemoteObserved(c.remote())))
        .thenRun(announceLink::accept)
        .thenRun(s -> round.start(s, Trigger.MANUAL, false))
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  /** An imported file: its entity starts linked, from the GitHub issue it was made of. */
  ReplyEffect<Event, IssueSyncState> onAdoptImported(
      IssueSyncState state, IssueSyncEntity.AdoptImported c) {
    if (state.local() != null || state.link() != null) {
      return effects.reply(
          c.replyTo(),
          StatusReply.error(
              "roadmap issue " + state.id() + " already exists: an import cannot take its id"));
    }
    Instant now = sync.clock().instant();
    List<Event> events = new ArrayList<>();
    events.add(new IssueSyncEntity.Linked(c.remote().link()));
    events.add(new IssueSyncEntity.RemoteObserved(c.remote()));
    events.add(
        new IssueSyncEntity.Pulled(
            c.local(),
            HistoryEntry.between(
                now, HistoryEntry.Direction.PULL, c.trigger(), null, c.local().fields())));
    if (c.local().fields().equals(c.remote().fields())) {
      events.add(new IssueSyncEntity.Synced(c.local().fields(), now));
    }
    return effects
        .persist(events)
        .thenRun(announceLink::accept)
        .thenRun(s -> round.start(s, c.trigger(), false)) // a file that differs: a round settles it
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  ReplyEffect<Event, IssueSyncState> onUnlink(IssueSyncState state, IssueSyncEntity.Unlink c) {
    if (state.link() == null && state.publishRequestedAt() == null) {
      return effects.reply(c.replyTo(), StatusReply.ack());
    }
    return effects
        .persist(new IssueSyncEntity.Unlinked())
        .thenRun(announceLink::accept)
        .thenRun(s -> round.start(s, Trigger.MANUAL, false))
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }
}
