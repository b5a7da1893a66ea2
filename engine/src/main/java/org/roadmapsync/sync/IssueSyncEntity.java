package org.roadmapsync.sync;

import static org.roadmapsync.github.GitHubError.describe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.roadmapsync.persistence.CborSerializable;
import org.roadmapsync.roadmap.RoadmapStoreException;

/**
 * One roadmap issue's sync, one message at a time: that is the per-issue lock. It records what each
 * side looks like, merges them three ways against the base, and carries the result across: GitHub
 * through {@link GitHubPort} (always knowing GitHub's current state first), the file through {@link
 * RoadmapPort} (never over an edit it has not merged). One sync round runs at a time; what arrives
 * meanwhile is recorded and starts another round when this one ends.
 */
public final class IssueSyncEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        IssueSyncEntity.Command, IssueSyncEntity.Event, IssueSyncState> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "IssueSync");

  /** Events are tagged into this many slices, each read by one projection instance. */
  public static final int TAG_SLICES = 4;

  private static final Duration PUBLISH_LOOKBACK = Duration.ofMinutes(10);

  // ---- commands

  public sealed interface Command extends CborSerializable {}

  /** The roadmap file as it is now (from the watcher, a rescan or start-up). */
  public record ObserveLocal(
      LocalSnapshot local, Trigger trigger, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** The roadmap file cannot be used: bad YAML, a duplicate id, deleted... */
  public record ObserveLocalProblem(String problem, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** GitHub's issue as a webhook or poll showed it. */
  public record ObserveRemote(
      RemoteSnapshot remote, Trigger trigger, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record SyncNow(Trigger trigger, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Settles a manual conflict: per conflicting field, the side whose value both sides get. */
  public record Resolve(Map<SyncField, Side> choices, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record Link(IssueLink link, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record Unlink(ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Creates the GitHub issue of an unlinked roadmap issue; answers the link (idempotent). */
  public record Publish(ActorRef<StatusReply<IssueLink>> replyTo) implements Command {}

  public record Get(ActorRef<IssueSyncState> replyTo) implements Command {}

  /**
   * The full listing this entity waited for ended: if it did not bring the GitHub issue, read it
   * now.
   */
  public record ListingEnded(ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * What the issue's pull request did or went through, for the history; with a {@code status}, the
   * roadmap file takes that status (a pull request merged or closed on GitHub by someone else) and
   * the next round carries it on.
   */
  /** The backoff after a failed round ran out (from the {@link ReconcileQueue}): try again. */
  public record RetryDue() implements Command {}

  public record RecordPullActivity(
      String note, String status, Trigger trigger, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  // internal: results of the asynchronous steps of a round
  /**
   * GitHub's issue for the round: {@code fresh} when just read, else as a webhook or poll last
   * showed it.
   */
  private record Fetched(RemoteSnapshot remote, boolean fresh, Failure failure)
      implements Command {}

  private record PushDone(
      RemoteSnapshot remote, IssueFields merged, Set<SyncField> pull, Failure failure)
      implements Command {}

  private record PullDone(LocalSnapshot local, IssueFields merged, Failure failure, boolean stale)
      implements Command {}

  private record LocalReread(LocalSnapshot local, String error) implements Command {}

  private record LinkChecked(
      IssueLink link, RemoteSnapshot remote, String error, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  private record PublishAnswered(RemoteSnapshot remote, boolean lookedUp, Failure failure)
      implements Command {}

  /**
   * Starts the round that what arrived during the last one asked for; {@code fetchFirst}: a sync
   * was requested.
   */
  private record Resume(Trigger trigger, boolean fetchFirst) implements Command {}

  private record PullStatusWritten(
      LocalSnapshot local,
      HistoryEntry entry,
      String error,
      Trigger trigger,
      ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  // ---- events

  public sealed interface Event extends CborSerializable {}

  public record LocalObserved(LocalSnapshot local) implements Event {}

  public record LocalProblemObserved(String problem) implements Event {}

  public record RemoteObserved(RemoteSnapshot remote) implements Event {}

  public record Linked(IssueLink link) implements Event {}

  public record Unlinked() implements Event {}

  /**
   * Written before GitHub is asked to create the issue, so a crash in between cannot create a
   * second one.
   */
  public record PublishRequested(String repo, Instant at) implements Event {}

  public record Published(RemoteSnapshot remote, Instant at) implements Event {}

  public record Pushed(RemoteSnapshot remote, HistoryEntry entry) implements Event {}

  public record Pulled(LocalSnapshot local, HistoryEntry entry) implements Event {}

  /** Both sides now hold {@code base}. */
  public record Synced(IssueFields base, Instant at) implements Event {}

  public record ConflictDetected(List<FieldConflict> conflict, Instant at) implements Event {}

  /**
   * The new base makes the chosen side's value the only change, so the next round writes it
   * everywhere.
   */
  public record ConflictResolved(IssueFields base) implements Event {}

  /**
   * A round failed; {@code retryAt}: when it is tried again on its own (null: the failure cannot
   * pass by waiting, and the issue waits for a change).
   */
  public record SyncFailed(String error, Instant at, Instant retryAt) implements Event {}

  /**
   * Pull-request activity for the history; {@code local} is the file after the status it set (null:
   * untouched).
   */
  public record PullRequestActivity(HistoryEntry entry, LocalSnapshot local) implements Event {}

  // ----

  public static Behavior<Command> create(String issueId, SyncContext sync) {
    return Behaviors.setup(context -> new IssueSyncEntity(issueId, sync, context));
  }

  public static String tagFor(String issueId) {
    return "issue-sync-" + Math.floorMod(issueId.hashCode(), TAG_SLICES);
  }

  private final String issueId;
  private final SyncContext sync;
  private final ActorContext<Command> context;
  private final SyncRound round;
  private final List<ActorRef<StatusReply<IssueLink>>> publishWaiters = new ArrayList<>();

  private IssueSyncEntity(String issueId, SyncContext sync, ActorContext<Command> context) {
    super(PersistenceId.of(ENTITY_KEY.name(), issueId));
    this.issueId = issueId;
    this.sync = sync;
    this.round = new SyncRound(sync.clock());
    this.context = context;
  }

  @Override
  public IssueSyncState emptyState() {
    return IssueSyncState.empty(issueId);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, IssueSyncState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(ObserveLocal.class, this::onObserveLocal)
        .onCommand(ObserveLocalProblem.class, this::onObserveLocalProblem)
        .onCommand(ObserveRemote.class, this::onObserveRemote)
        .onCommand(
            SyncNow.class,
            (state, c) ->
                Effect()
                    .none()
                    .thenRun(s -> startRound(s, c.trigger(), true))
                    .thenReply(c.replyTo(), s -> StatusReply.ack()))
        .onCommand(Resolve.class, this::onResolve)
        .onCommand(Link.class, this::onLink)
        .onCommand(Unlink.class, this::onUnlink)
        .onCommand(Publish.class, this::onPublish)
        .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), state))
        .onCommand(
            ListingEnded.class,
            (state, c) ->
                Effect()
                    .none()
                    .thenRun(s -> startRound(s, Trigger.POLL, false))
                    .thenReply(c.replyTo(), s -> StatusReply.ack()))
        .onCommand(Fetched.class, this::onFetched)
        .onCommand(PushDone.class, this::onPushDone)
        .onCommand(PullDone.class, this::onPullDone)
        .onCommand(LocalReread.class, this::onLocalReread)
        .onCommand(LinkChecked.class, this::onLinkChecked)
        .onCommand(PublishAnswered.class, this::onPublishAnswered)
        .onCommand(RetryDue.class, this::onRetryDue)
        .onCommand(RecordPullActivity.class, this::onRecordPullActivity)
        .onCommand(PullStatusWritten.class, this::onPullStatusWritten)
        .onCommand(
            Resume.class,
            (state, c) ->
                Effect()
                    .none()
                    .thenRun(s -> startRound(s, c.trigger(), c.fetchFirst()))
                    .thenNoReply())
        .build();
  }

  // ---- observations

  private ReplyEffect<Event, IssueSyncState> onObserveLocal(IssueSyncState state, ObserveLocal c) {
    LocalSnapshot local = c.local();
    if (state.localProblem() == null
        && state.local() != null
        && state.local().contentHash().equals(local.contentHash())) {
      return Effect()
          .reply(c.replyTo(), StatusReply.ack()); // our own write, or a rescan of an unchanged file
    }
    List<Event> events = new ArrayList<>(List.of(new LocalObserved(local)));
    // The file names a GitHub issue we are not linked to: the user linked it by hand.
    if (local.githubIssue() != null
        && (state.link() == null || state.link().number() != local.githubIssue())) {
      Optional<String> repo =
          state.link() != null
              ? Optional.of(state.link().repo())
              : sync.repoFor().apply(local.fields());
      repo.ifPresent(r -> events.add(new Linked(new IssueLink(r, local.githubIssue()))));
    }
    return Effect()
        .persist(events)
        .thenRun(this::announceLink)
        .thenRun(s -> startRound(s, c.trigger(), false))
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, IssueSyncState> onObserveLocalProblem(
      IssueSyncState state, ObserveLocalProblem c) {
    if (c.problem().equals(state.localProblem())) {
      return Effect().reply(c.replyTo(), StatusReply.ack());
    }
    return Effect()
        .persist(new LocalProblemObserved(c.problem()))
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, IssueSyncState> onObserveRemote(
      IssueSyncState state, ObserveRemote c) {
    RemoteSnapshot remote = c.remote();
    if (state.link() == null
        || !state.link().equals(remote.link())
        || remote.equals(state.remote())
        || !remote.newerThan(state.remote())) {
      return Effect()
          .reply(c.replyTo(), StatusReply.ack()); // not ours, an echo, or older than what we know
    }
    if (round.running() || !readyForRound(state)) {
      return Effect()
          .persist(new RemoteObserved(remote))
          .thenRun(s -> startRound(s, c.trigger(), false))
          .thenReply(c.replyTo(), s -> StatusReply.ack());
    }
    // The round starts with this snapshot: the file can be written while the observation is
    // journaled.
    round.begin(c.trigger());
    return continueRound(state, remote, false).thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  // ---- requests

  private ReplyEffect<Event, IssueSyncState> onResolve(IssueSyncState state, Resolve c) {
    if (state.conflict().isEmpty()) {
      return Effect()
          .reply(c.replyTo(), StatusReply.error("issue " + issueId + " is not in conflict"));
    }
    IssueFields base = state.base() != null ? state.base() : state.remote().fields();
    for (FieldConflict conflict : state.conflict()) {
      Side side = c.choices().get(conflict.field());
      if (side == null) {
        return Effect()
            .reply(
                c.replyTo(),
                StatusReply.error("no choice for conflicting field " + conflict.field().apiName()));
      }
      // The side not chosen is made to look unchanged, so the merge takes the chosen one.
      IssueFields other = side == Side.ROADMAP ? state.remote().fields() : state.local().fields();
      base = base.with(conflict.field(), other.value(conflict.field()));
    }
    return Effect()
        .persist(new ConflictResolved(base))
        .thenRun(s -> startRound(s, Trigger.MANUAL, false))
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, IssueSyncState> onLink(IssueSyncState state, Link c) {
    if (c.link().equals(state.link())) {
      return Effect().reply(c.replyTo(), StatusReply.ack());
    }
    // Link only to an issue that exists; the answer comes back as LinkChecked.
    context.pipeToSelf(
        sync.github().forTrigger(Trigger.MANUAL).fetch(c.link()),
        (remote, error) -> new LinkChecked(c.link(), remote, describe(error), c.replyTo()));
    return Effect().noReply();
  }

  private ReplyEffect<Event, IssueSyncState> onLinkChecked(IssueSyncState state, LinkChecked c) {
    if (c.error() != null) {
      return Effect()
          .reply(c.replyTo(), StatusReply.error("cannot link to " + c.link() + ": " + c.error()));
    }
    return Effect()
        .persist(List.of(new Linked(c.link()), new RemoteObserved(c.remote())))
        .thenRun(this::announceLink)
        .thenRun(s -> startRound(s, Trigger.MANUAL, false))
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, IssueSyncState> onUnlink(IssueSyncState state, Unlink c) {
    if (state.link() == null && state.publishRequestedAt() == null) {
      return Effect().reply(c.replyTo(), StatusReply.ack());
    }
    return Effect()
        .persist(new Unlinked())
        .thenRun(this::announceLink)
        .thenRun(s -> startRound(s, Trigger.MANUAL, false))
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, IssueSyncState> onPublish(IssueSyncState state, Publish c) {
    if (state.link() != null) {
      return Effect().reply(c.replyTo(), StatusReply.success(state.link()));
    }
    if (state.local() == null || state.localProblem() != null) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.error(
                  "the roadmap file of " + issueId + " cannot be used: " + state.localProblem()));
    }
    Optional<String> repo = sync.repoFor().apply(state.local().fields());
    if (repo.isEmpty() && state.publishRepo() == null) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.error("no GitHub repository is configured (ROADMAP_GITHUB_REPO)"));
    }
    publishWaiters.add(c.replyTo());
    if (state.publishRequestedAt() != null) {
      return Effect().none().thenRun(s -> startRound(s, Trigger.MANUAL, false)).thenNoReply();
    }
    return Effect()
        .persist(new PublishRequested(repo.get(), sync.clock().instant()))
        .thenRun(s -> startRound(s, Trigger.MANUAL, false))
        .thenNoReply();
  }

  // ---- pull-request activity

  private ReplyEffect<Event, IssueSyncState> onRecordPullActivity(
      IssueSyncState state, RecordPullActivity c) {
    boolean statusChange =
        c.status() != null
            && state.local() != null
            && state.localProblem() == null
            && !c.status().equals(state.local().fields().status());
    if (!statusChange) {
      HistoryEntry entry =
          HistoryEntry.pullRequest(sync.clock().instant(), c.trigger(), c.note(), Map.of());
      return Effect()
          .persist(new PullRequestActivity(entry, null))
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
            new PullStatusWritten(local, entry, describe(error), c.trigger(), c.replyTo()));
    return Effect().noReply();
  }

  private ReplyEffect<Event, IssueSyncState> onPullStatusWritten(
      IssueSyncState state, PullStatusWritten c) {
    if (c.error() != null) {
      // The file changed meanwhile (or cannot be written): the lifecycle asks again.
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.error("could not set the status of " + issueId + ": " + c.error()));
    }
    return Effect()
        .persist(new PullRequestActivity(c.entry(), c.local()))
        .thenRun(s -> startRound(s, c.trigger(), false)) // carries the new status to GitHub
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  // ---- the round

  /** GitHub, at the priority of what started this round. */
  private GitHubPort github() {
    return sync.github().forTrigger(round.trigger());
  }

  private void startRound(IssueSyncState state, Trigger trigger, boolean fetchFirst) {
    if (round.running()) {
      round.again(fetchFirst); // a sync asked for now must still read GitHub afterwards
      return;
    }
    if (!readyForRound(state)) {
      prepare(state, trigger);
    } else if (fetchFirst || state.remote() == null) {
      if (!fetchFirst
          && state.remote() == null
          && sync.links().awaitFullListing(state.link().repo(), issueId)) {
        return; // linked from the file just now: the repository's first listing brings GitHub's
        // side
      }
      round.begin(trigger);
      fetch(state.link());
    } else if (state.needsSync()) {
      round.begin(trigger);
      context.getSelf().tell(new Fetched(state.remote(), false, null));
    }
  }

  /**
   * What has to happen before a round can merge: the GitHub issue created, or the file naming the
   * link.
   */
  private void prepare(IssueSyncState state, Trigger trigger) {
    if (state.local() == null || state.localProblem() != null) {
      return;
    }
    if (state.link() != null) {
      writeLink(state, state.link().number(), trigger); // the file names another number, or none
    } else if (state.publishRequestedAt() != null) {
      publish(state, trigger);
    } else if (state.local().githubIssue() != null) {
      writeLink(state, null, trigger); // unlinked: the file no longer names the GitHub issue
    }
  }

  private void fetch(IssueLink link) {
    context.pipeToSelf(
        github().fetch(link), (remote, error) -> new Fetched(remote, true, Failure.of(error)));
  }

  private static boolean readyForRound(IssueSyncState state) {
    return state.local() != null
        && state.localProblem() == null
        && state.link() != null
        && Objects.equals(state.local().githubIssue(), state.link().number());
  }

  private ReplyEffect<Event, IssueSyncState> onFetched(IssueSyncState state, Fetched c) {
    if (c.failure() != null) {
      return failed(state, c.failure());
    }
    if (!stillLinkedTo(state, c.remote())
        || state.local() == null
        || state.localProblem() != null) {
      endRound(); // unlinked, relinked or the file broke while GitHub answered
      return Effect().noReply();
    }
    return continueRound(state, c.remote(), c.fresh()).thenNoReply();
  }

  /**
   * Merges the file with {@code remote} and carries the result across; {@code fresh}: just read
   * from GitHub.
   */
  private EffectBuilder<Event, IssueSyncState> continueRound(
      IssueSyncState state, RemoteSnapshot remote, boolean fresh) {
    List<Event> events = new ArrayList<>();
    if (!remote.equals(state.remote()) && remote.newerThan(state.remote())) {
      events.add(new RemoteObserved(remote));
    }
    IssueSyncState now = state.applyAll(events);
    RoundPlan.Step step = RoundPlan.next(now, now.merge(sync.strategy()), fresh);
    if (step instanceof RoundPlan.ReadGitHubFirst) {
      fetch(now.link());
      return persist(events);
    } else if (step instanceof RoundPlan.Conflict conflict) {
      if (conflict.news()) {
        events.add(new ConflictDetected(conflict.fields(), sync.clock().instant()));
      }
      return persist(events).thenRun(s -> endRound());
    } else if (step instanceof RoundPlan.Push push) {
      context.pipeToSelf(
          github().push(now.link(), issueId, push.merged(), push.push()),
          (pushed, error) -> new PushDone(pushed, push.merged(), push.pull(), Failure.of(error)));
      return persist(events);
    } else if (step instanceof RoundPlan.Pull pull) {
      pull(now, pull.merged(), pull.pull());
      return persist(events);
    } else if (step instanceof RoundPlan.Settle settle) {
      events.add(new Synced(settle.merged(), sync.clock().instant()));
      return persist(events).thenRun(s -> endSyncedRound());
    }
    return persist(events).thenRun(s -> endRound());
  }

  private ReplyEffect<Event, IssueSyncState> onPushDone(IssueSyncState state, PushDone c) {
    if (c.failure() != null) {
      return failed(state, c.failure());
    }
    if (!stillLinkedTo(state, c.remote())) {
      endRound(); // unlinked or relinked while the write was under way: its answer belongs to the
      // old link
      return Effect().noReply();
    }
    List<Event> events = new ArrayList<>();
    events.add(
        new Pushed(
            c.remote(),
            entry(HistoryEntry.Direction.PUSH, state.remote().fields(), c.remote().fields())));
    if (c.pull().isEmpty()) {
      events.add(new Synced(c.merged(), sync.clock().instant()));
      return persist(events).thenRun(s -> endSyncedRound()).thenNoReply();
    }
    return Effect().persist(events).thenRun(s -> pull(s, c.merged(), c.pull())).thenNoReply();
  }

  private void pull(IssueSyncState state, IssueFields merged, Set<SyncField> fields) {
    context.pipeToSelf(
        sync.roadmap().write(issueId, merged, fields, state.local().contentHash()),
        (local, error) -> new PullDone(local, merged, Failure.of(error), stale(error)));
  }

  private ReplyEffect<Event, IssueSyncState> onPullDone(IssueSyncState state, PullDone c) {
    if (c.stale()) {
      // The file changed since we read it: read it again and merge that edit in the next round.
      context.pipeToSelf(
          sync.roadmap().read(issueId), (local, error) -> new LocalReread(local, describe(error)));
      return Effect().noReply();
    }
    if (c.failure() != null) {
      return failed(state, c.failure());
    }
    return Effect()
        .persist(
            List.of(
                new Pulled(
                    c.local(),
                    entry(HistoryEntry.Direction.PULL, state.local().fields(), c.local().fields())),
                new Synced(c.merged(), sync.clock().instant())))
        .thenRun(s -> endSyncedRound())
        .thenNoReply();
  }

  private ReplyEffect<Event, IssueSyncState> onLocalReread(IssueSyncState state, LocalReread c) {
    round.again(false);
    if (c.error() != null) {
      return Effect()
          .persist(new LocalProblemObserved(c.error()))
          .thenRun(s -> endRound())
          .thenNoReply();
    }
    return Effect().persist(new LocalObserved(c.local())).thenRun(s -> endRound()).thenNoReply();
  }

  private void writeLink(IssueSyncState state, Long number, Trigger trigger) {
    round.begin(trigger);
    context.pipeToSelf(
        sync.roadmap().writeLink(issueId, number, state.local().contentHash()),
        (local, error) -> new LocalReread(local, describe(error)));
  }

  private void publish(IssueSyncState state, Trigger trigger) {
    round.begin(trigger);
    String repo = state.publishRepo();
    // Look for an issue carrying our marker first: a crash after GitHub created it must not create
    // another.
    CompletionStage<PublishAnswered> answer =
        github()
            .findPublished(repo, issueId, state.publishRequestedAt().minus(PUBLISH_LOOKBACK))
            .thenCompose(
                found ->
                    found.isPresent()
                        ? CompletableFuture.completedFuture(
                            new PublishAnswered(found.get(), true, null))
                        : github()
                            .create(repo, issueId, state.local().fields())
                            .thenApply(created -> new PublishAnswered(created, false, null)));
    context.pipeToSelf(
        answer,
        (a, error) -> error == null ? a : new PublishAnswered(null, false, Failure.of(error)));
  }

  private ReplyEffect<Event, IssueSyncState> onPublishAnswered(
      IssueSyncState state, PublishAnswered c) {
    if (c.failure() != null) {
      publishWaiters.forEach(
          w ->
              w.tell(StatusReply.error("cannot publish " + issueId + ": " + c.failure().reason())));
      publishWaiters.clear();
      return failed(state, c.failure());
    }
    if (c.lookedUp()) {
      context
          .getLog()
          .info(
              "issue {} was already published as {}: linked, not created again",
              issueId,
              c.remote().link());
    }
    round.again(false); // next: write the number into the file
    return Effect()
        .persist(new Published(c.remote(), sync.clock().instant()))
        .thenRun(this::announceLink)
        .thenRun(
            s -> {
              publishWaiters.forEach(w -> w.tell(StatusReply.success(s.link())));
              publishWaiters.clear();
              endSyncedRound(); // both sides now hold the published fields
            })
        .thenNoReply();
  }

  /**
   * Records the failure and ends the round; a passing one is tried again after a backoff that grows
   * with each failure in a row, the others wait for a change.
   */
  private ReplyEffect<Event, IssueSyncState> failed(IssueSyncState state, Failure failure) {
    Instant now = sync.clock().instant();
    int attempts = state.requeued() == null ? 1 : state.requeued().attempts() + 1;
    Instant retryAt = failure.retryable() ? sync.requeue().next(attempts, now) : null;
    if (retryAt == null) {
      context.getLog().warn("sync of issue {} failed: {}", issueId, failure.reason());
    } else {
      context
          .getLog()
          .warn(
              "sync of issue {} failed ({} in a row): {}; tried again at {}",
              issueId,
              attempts,
              failure.reason(),
              retryAt);
    }
    return Effect()
        .persist(new SyncFailed(failure.reason(), now, retryAt))
        .thenRun(this::requeue)
        .thenRun(s -> endRound())
        .thenNoReply();
  }

  private ReplyEffect<Event, IssueSyncState> onRetryDue(IssueSyncState state, RetryDue c) {
    if (state.requeued() == null || state.requeued().at() == null) {
      return Effect().noReply(); // synced, or parked, since the retry was scheduled
    }
    return Effect().none().thenRun(s -> startRound(s, Trigger.RETRY, true)).thenNoReply();
  }

  /** Hands the next try, if one is due, to whoever wakes this entity then. */
  private void requeue(IssueSyncState state) {
    if (state.requeued() != null && state.requeued().at() != null) {
      sync.requeue().wake(issueId, state.requeued().at());
    }
  }

  /** Ends a round that left both sides in step, reporting how long it took. */
  private void endSyncedRound() {
    sync.metrics().roundSynced(round.elapsed());
    endRound();
  }

  private void endRound() {
    round
        .end()
        .ifPresent(next -> context.getSelf().tell(new Resume(next.trigger(), next.fetchFirst())));
  }

  private HistoryEntry entry(
      HistoryEntry.Direction direction, IssueFields before, IssueFields after) {
    return HistoryEntry.between(sync.clock().instant(), direction, round.trigger(), before, after);
  }

  private void announceLink(IssueSyncState state) {
    sync.links().announce(issueId, state.link());
  }

  private static boolean stillLinkedTo(IssueSyncState state, RemoteSnapshot answer) {
    return state.link() != null && state.link().equals(answer.link());
  }

  private EffectBuilder<Event, IssueSyncState> persist(List<Event> events) {
    return events.isEmpty() ? Effect().none() : Effect().persist(events);
  }

  /** The file changed since it was read: somewhere in the causes of {@code error}. */
  private static boolean stale(Throwable error) {
    for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof RoadmapStoreException.StaleIssue) {
        return true;
      }
    }
    return false;
  }

  // ---- events and signals

  @Override
  public EventHandler<IssueSyncState, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(IssueSyncState::apply);
  }

  @Override
  public SignalHandler<IssueSyncState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              announceLink(state);
              requeue(state);
              // Work that was under way when the service stopped (a publish, a pending change)
              // resumes.
              if (state.publishRequestedAt() != null || state.needsSync()) {
                context.getSelf().tell(new Resume(Trigger.MANUAL, false));
              }
            })
        .build();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(tagFor(issueId));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
