package org.roadmapsync.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.roadmapsync.sync.IssueSyncEntity.Command;
import org.roadmapsync.sync.IssueSyncEntity.Event;

/**
 * Creating the GitHub issue of an unlinked roadmap issue, never twice: the request is journaled
 * before GitHub is asked, and an issue carrying our marker is looked for before creating one, so a
 * crash between GitHub's answer and the journal links the issue it created instead of making
 * another.
 */
final class IssuePublishing {

  private static final Duration LOOKBACK = Duration.ofMinutes(10);

  private final String issueId;
  private final SyncContext sync;
  private final ActorContext<Command> context;
  private final EffectFactories<Event, IssueSyncState> effects;
  private final IssueRound round;
  private final Consumer<IssueSyncState> announceLink;
  private final List<ActorRef<StatusReply<IssueLink>>> waiters = new ArrayList<>();

  /**
   * The request was journaled by this incarnation and GitHub not asked yet: no earlier attempt can
   * have created the issue, so the first attempt creates without looking (a bulk publish of N
   * issues would otherwise list the repository's recent issues N times). Any later attempt, and
   * every attempt after a restart, looks first.
   */
  private boolean requestedNow;

  IssuePublishing(
      String issueId,
      SyncContext sync,
      ActorContext<Command> context,
      EffectFactories<Event, IssueSyncState> effects,
      IssueRound round,
      Consumer<IssueSyncState> announceLink) {
    this.issueId = issueId;
    this.sync = sync;
    this.context = context;
    this.effects = effects;
    this.round = round;
    this.announceLink = announceLink;
  }

  ReplyEffect<Event, IssueSyncState> onPublish(IssueSyncState state, IssueSyncEntity.Publish c) {
    if (state.link() != null) {
      return effects.reply(c.replyTo(), StatusReply.success(state.link()));
    }
    Optional<String> noGitHub = sync.github().unavailable();
    if (noGitHub.isPresent()) {
      return effects.reply(c.replyTo(), StatusReply.error(noGitHub.get()));
    }
    if (state.local() == null || state.localProblem() != null) {
      return effects.reply(
          c.replyTo(),
          StatusReply.error(
              "the roadmap file of " + issueId + " cannot be used: " + state.localProblem()));
    }
    Optional<String> repo = sync.repoFor().apply(state.local().fields());
    if (repo.isEmpty() && state.publishRepo() == null) {
      return effects.reply(
          c.replyTo(),
          StatusReply.error("no GitHub repository is configured (ROADMAP_GITHUB_REPO)"));
    }
    waiters.add(c.replyTo());
    if (state.publishRequestedAt() != null) {
      return effects.none().thenRun(s -> round.start(s, Trigger.MANUAL, false)).thenNoReply();
    }
    return effects
        .persist(new IssueSyncEntity.PublishRequested(repo.get(), sync.clock().instant()))
        .thenRun(
            s -> {
              requestedNow = true;
              round.start(s, Trigger.MANUAL, false);
            })
        .thenNoReply();
  }

  /** The round's first step for an issue asked to be published. */
  void publish(IssueSyncState state, Trigger trigger) {
    String repo = state.publishRepo();
    GitHubPort github = round.github();
    if (requestedNow) {
      requestedNow = false;
      context.pipeToSelf(
          github.create(repo, issueId, state.local().fields()),
          (created, error) ->
              error == null
                  ? new IssueSyncEntity.PublishAnswered(created, false, null)
                  : new IssueSyncEntity.PublishAnswered(null, false, Failure.of(error)));
      return;
    }
    CompletionStage<IssueSyncEntity.PublishAnswered> answer =
        github
            .findPublished(repo, issueId, state.publishRequestedAt().minus(LOOKBACK))
            .thenCompose(
                found ->
                    found.isPresent()
                        ? CompletableFuture.completedFuture(
                            new IssueSyncEntity.PublishAnswered(found.get(), true, null))
                        : github
                            .create(repo, issueId, state.local().fields())
                            .thenApply(
                                created ->
                                    new IssueSyncEntity.PublishAnswered(created, false, null)));
    context.pipeToSelf(
        answer,
        (a, error) ->
            error == null
                ? a
                : new IssueSyncEntity.PublishAnswered(null, false, Failure.of(error)));
  }

  ReplyEffect<Event, IssueSyncState> onPublishAnswered(
      IssueSyncState state, IssueSyncEntity.PublishAnswered c) {
    if (c.failure() != null) {
      waiters.forEach(
          w ->
              w.tell(StatusReply.error("cannot publish " + issueId + ": " + c.failure().reason())));
      waiters.clear();
      return round.failed(state, c.failure());
    }
    if (c.lookedUp()) {
      context
          .getLog()
          .info(
              "issue {} was already published as {}: linked, not created again",
              issueId,
              c.remote().link());
    }
    round.again(); // next: write the number into the file
    return effects
        .persist(new IssueSyncEntity.Published(c.remote(), sync.clock().instant()))
        .thenRun(announceLink::accept)
        .thenRun(
            s -> {
              waiters.forEach(w -> w.tell(StatusReply.success(s.link())));
              waiters.clear();
              round.afterFields(true); // both sides now hold the published fields
            })
        .thenNoReply();
  }
}
