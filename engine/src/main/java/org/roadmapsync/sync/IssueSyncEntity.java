package org.roadmapsync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
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

/**
 * One roadmap issue's sync, one message at a time: that is the per-issue lock. It records what each
 * side looks like, merges them three ways against the base, and carries the result across: GitHub
 * through {@link GitHubPort} (always knowing GitHub's current state first), the file through {@link
 * RoadmapPort} (never over an edit it has not merged). One sync round runs at a time; what arrives
 * meanwhile is recorded and starts another round when this one ends.
 *
 * <p>Over 500 lines: its protocol (the commands and events of the fields and the comments, nested
 * here as the platform guide writes an entity) is most of its length; the work is done by {@link
 * IssueRound}, {@link IssueComments}, {@link IssuePublishing}, {@link IssueLinking} and {@link
 * PullRequestNotes}.
 */
public final class IssueSyncEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        IssueSyncEntity.Command, IssueSyncEntity.Event, IssueSyncState> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "IssueSync");

  /** Events are tagged into this many slices, each read by one projection instance. */
  public static final int TAG_SLICES = 4;

  // ---- commands

  public sealed interface Command extends CborSerializable {}

  /**
   * The roadmap file as it is now (from the watcher, a rescan or start-up), and {@code listed}:
   * GitHub's issue the file names as the first listing since the start showed it, when that listing
   * came before the file was handed over (else null).
   */
  public record ObserveLocal(
      LocalSnapshot local,
      Trigger trigger,
      ActorRef<StatusReply<Done>> replyTo,
      RemoteSnapshot listed)
      implements Command {

    public ObserveLocal(LocalSnapshot local, Trigger trigger, ActorRef<StatusReply<Done>> replyTo) {
      this(local, trigger, replyTo, null);
    }
  }

  /** The roadmap file cannot be used: bad YAML, a duplicate id, deleted... */
  public record ObserveLocalProblem(String problem, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** GitHub's issue as a webhook or poll showed it. */
  public record ObserveRemote(
      RemoteSnapshot remote, Trigger trigger, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record SyncNow(Trigger trigger, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * Settles a manual conflict: per conflicting field, and per conflicting comment (by its id in the
   * file), the side whose value both sides get.
   */
  public record Resolve(
      Map<SyncField, Side> choices,
      Map<Integer, Side> commentChoices,
      ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record Link(IssueLink link, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record Unlink(ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * The roadmap file just created for GitHub's issue {@code remote} (an import): linked, with a
   * history entry, and synced at once when the file reads back as GitHub's issue, without asking
   * GitHub again.
   */
  public record AdoptImported(
      LocalSnapshot local,
      RemoteSnapshot remote,
      Trigger trigger,
      ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** Creates the GitHub issue of an unlinked roadmap issue; answers the link (idempotent). */
  public record Publish(ActorRef<StatusReply<IssueLink>> replyTo) implements Command {}

  public record Get(ActorRef<IssueSyncState> replyTo) implements Command {}

  /**
   * GitHub's comments of the issue as a webhook or the repository's comment listing showed them:
   * made or edited ({@code seen}) and deleted.
   */
  public record ObserveComments(
      List<RemoteComment> seen,
      List<Long> deleted,
      Trigger trigger,
      ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

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

  /**
   * What the dependencies' sync did or found for this issue (a relation written, a list edited, a
   * cycle, a refusal): recorded in its history.
   */
  public record RecordDependencies(String note, Trigger trigger) implements Command {}

  public record RecordPullActivity(
      String note, String status, Trigger trigger, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  // internal: results of the asynchronous steps of a round
  /**
   * GitHub's issue for the round: {@code fresh} when just read, else as a webhook or poll last
   * showed it.
   */
  record Fetched(RemoteSnapshot remote, boolean fresh, Failure failure) implements Command {}

  record PushDone(RemoteSnapshot remote, IssueFields merged, Set<SyncField> pull, Failure failure)
      implements Command {}

  record PullDone(LocalSnapshot local, IssueFields merged, Failure failure, boolean stale)
      implements Command {}

  record LocalReread(LocalSnapshot local, String error) implements Command {}

  record LinkChecked(
      IssueLink link, RemoteSnapshot remote, String error, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  record PublishAnswered(RemoteSnapshot remote, boolean lookedUp, Failure failure)
      implements Command {}

  /**
   * Starts the round that what arrived during the last one asked for; {@code fetchFirst}: a sync
   * was requested.
   */
  record Resume(Trigger trigger, boolean fetchFirst) implements Command {}

  record PullStatusWritten(
      LocalSnapshot local,
      HistoryEntry entry,
      String error,
      Trigger trigger,
      ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /**
   * The fields are carried across: the comments' turn, one write at a time; {@code synced}: the
   * fields ended in step (the round counts as a sync).
   */
  record CommentStep(boolean synced) implements Command {}

  record CommentsRead(List<RemoteComment> all, Failure failure) implements Command {}

  /**
   * A comment write answered: {@code answer} (a post or an edit) or {@code deleted}; {@code
   * comment}, the file comment it was for (null for a delete).
   */
  record CommentWritten(
      RemoteComment answer,
      Long deleted,
      Integer comment,
      String text,
      HistoryEntry.CommentChanges change,
      Failure failure)
      implements Command {}

  record CommentsPulled(
      LocalSnapshot local, HistoryEntry.CommentChanges change, Failure failure, boolean stale)
      implements Command {}

  /** The watchdog of round {@code round}: it has not ended within its limit. */
  record RoundOverdue(long round) implements Command {}

  /** The seeds' planting that this entity waited for, to recover after it, has ended. */
  record SeedsPlanted() implements Command {}

  // ---- events

  public sealed interface Event extends CborSerializable {}

  public record LocalObserved(LocalSnapshot local) implements Event {}

  public record LocalProblemObserved(String problem) implements Event {}

  public record RemoteObserved(RemoteSnapshot remote) implements Event {}

  /**
   * A file seen for the first time, naming a GitHub issue whose listed fields equal its own: linked
   * and synced in one event, what a first round over two equal sides journals in four ({@link
   * LocalObserved}, {@link Linked}, {@link RemoteObserved}, {@link Synced} with those fields).
   */
  public record Adopted(LocalSnapshot local, IssueLink link, RemoteSnapshot remote, Instant at)
      implements Event {}

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
   * GitHub's comments as seen ({@code complete}: every one of them, the others are gone), or as
   * GitHub answered sync's own write made at {@code wroteAt} with its history {@code entry} (both
   * null for what others did).
   */
  public record CommentsObserved(
      List<RemoteComment> seen,
      List<Long> deleted,
      boolean complete,
      Instant wroteAt,
      HistoryEntry entry)
      implements Event {}

  /**
   * Written before GitHub is asked to post file comment {@code comment}, so that after a crash the
   * post is looked for before it is made again.
   */
  public record CommentPostRequested(int comment, Instant at) implements Event {}

  /** GitHub refused a file comment (too long, the issue locked): parked with the reason. */
  public record CommentFailed(CommentThread.Problem problem) implements Event {}

  /** The comments' new base, and what waits for a person. */
  public record CommentsSettled(
      List<CommentThread.Link> links,
      List<Long> detached,
      List<CommentThread.Conflict> conflicts,
      List<CommentThread.Problem> problems)
      implements Event {}

  /** Conflicting comments settled: per file comment id, the base that makes the choice win. */
  public record CommentConflictsResolved(Map<Integer, String> bases) implements Event {}

  /**
   * Pull-request activity for the history; {@code local} is the file after the status it set (null:
   * untouched).
   */
  public record PullRequestActivity(HistoryEntry entry, LocalSnapshot local) implements Event {}

  /** What the dependencies' sync did or found for this issue, as a history entry. */
  public record DependenciesRecorded(HistoryEntry entry) implements Event {}

  // ----

  public static Behavior<Command> create(String issueId, SyncContext sync) {
    return Behaviors.setup(
        context -> {
          Behavior<Command> entity =
              Behaviors.withTimers(timers -> new IssueSyncEntity(issueId, sync, context, timers));
          CompletionStage<?> seeds = sync.seeds().starting(issueId);
          if (seeds.toCompletableFuture().isDone()) {
            return entity;
          }
          // the seeds are being planted, maybe this issue's: recovery reads its snapshot after
          context.pipeToSelf(seeds, (planted, error) -> new SeedsPlanted());
          return Behaviors.withStash(
              WAITING_FOR_SEEDS,
              stash ->
                  Behaviors.receive(Command.class)
                      .onMessage(SeedsPlanted.class, planted -> stash.unstashAll(entity))
                      .onAnyMessage(
                          command -> {
                            stash.stash(command);
                            return Behaviors.same();
                          })
                      .build());
        });
  }

  /** Commands an entity keeps while it waits for the seeds' planting (a few seconds at most). */
  private static final int WAITING_FOR_SEEDS = 1_000;

  public static String tagFor(String issueId) {
    return "issue-sync-" + Math.floorMod(issueId.hashCode(), TAG_SLICES);
  }

  private final String issueId;
  private final SyncContext sync;
  private final ActorRef<Command> self;
  private final IssueRound round;
  private final IssuePublishing publishing;
  private final IssueLinking linking;
  private final PullRequestNotes pullRequestNotes;
  private final IssueComments comments;

  private IssueSyncEntity(
      String issueId,
      SyncContext sync,
      ActorContext<Command> context,
      TimerScheduler<Command> timers) {
    super(PersistenceId.of(ENTITY_KEY.name(), issueId));
    this.issueId = issueId;
    this.sync = sync;
    this.self = context.getSelf();
    ReconcileRound rounds =
        new ReconcileRound(
            sync.clock(),
            sync.roundLimit(),
            ReconcileRound.Watchdog.onTimers(timers, RoundOverdue::new));
    // the round starts a publish and the publishing ends the round: each knows the other
    this.comments = new IssueComments(issueId, sync, context, Effect());
    this.round =
        new IssueRound(issueId, sync, context, Effect(), rounds, this::publish, comments::pending);
    comments.roundIs(round);
    this.publishing =
        new IssuePublishing(issueId, sync, context, Effect(), round, this::announceLink);
    this.linking = new IssueLinking(sync, context, Effect(), round, this::announceLink);
    this.pullRequestNotes = new PullRequestNotes(issueId, sync, context, Effect(), round);
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
                startRound(c.trigger(), true).thenReply(c.replyTo(), s -> StatusReply.ack()))
        .onCommand(Resolve.class, this::onResolve)
        .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), state))
        .onCommand(
            ListingEnded.class,
            (state, c) ->
                startRound(Trigger.POLL, false).thenReply(c.replyTo(), s -> StatusReply.ack()))
        .onCommand(
            Resume.class, (state, c) -> startRound(c.trigger(), c.fetchFirst()).thenNoReply())
        // the round
        .onCommand(Fetched.class, round::onFetched)
        .onCommand(PushDone.class, round::onPushDone)
        .onCommand(PullDone.class, round::onPullDone)
        .onCommand(LocalReread.class, (state, c) -> round.onLocalReread(c))
        .onCommand(RetryDue.class, (state, c) -> round.onRetryDue(state))
        .onCommand(RoundOverdue.class, round::onOverdue)
        // comments
        .onCommand(ObserveComments.class, this::onObserveComments)
        .onCommand(CommentStep.class, comments::onStep)
        .onCommand(CommentsRead.class, comments::onRead)
        .onCommand(CommentWritten.class, comments::onWritten)
        .onCommand(CommentsPulled.class, comments::onPulled)
        // links
        .onCommand(Link.class, linking::onLink)
        .onCommand(LinkChecked.class, (state, c) -> linking.onLinkChecked(c))
        .onCommand(Unlink.class, linking::onUnlink)
        .onCommand(AdoptImported.class, linking::onAdoptImported)
        .onCommand(Publish.class, publishing::onPublish)
        .onCommand(PublishAnswered.class, publishing::onPublishAnswered)
        // the issue's pull request
        .onCommand(RecordPullActivity.class, pullRequestNotes::onRecord)
        .onCommand(PullStatusWritten.class, (state, c) -> pullRequestNotes.onStatusWritten(c))
        .onCommand(
            RecordDependencies.class,
            (state, c) ->
                Effect()
                    .persist(
                        new DependenciesRecorded(
                            HistoryEntry.dependencies(
                                sync.clock().instant(), c.trigger(), c.note())))
                    .thenNoReply())
        .build();
  }

  private EffectBuilder<Event, IssueSyncState> startRound(Trigger trigger, boolean readFirst) {
    return Effect().none().thenRun(s -> round.start(s, trigger, readFirst));
  }

  // ---- observations

  private ReplyEffect<Event, IssueSyncState> onObserveLocal(IssueSyncState state, ObserveLocal c) {
    LocalSnapshot local = c.local();
    if (knowsFile(state, local.contentHash())) {
      return Effect()
          .reply(c.replyTo(), StatusReply.ack()); // our own write, or a rescan of an unchanged file
    }
    if (adopts(state, c)) {
      return Effect()
          .persist(new Adopted(local, c.listed().link(), c.listed(), sync.clock().instant()))
          .thenRun(this::announceLink)
          .thenRun(
              s -> {
                // GitHub's comment count is not a reason here: the comments listing handed out
                // next usually explains it, and the listing's routing reads what it does not
                if (IssueComments.pending(s, s.remote(), sync)) {
                  round.start(s, c.trigger(), false); // comments to post or to write in the file
                }
              })
          .thenReply(c.replyTo(), s -> StatusReply.ack());
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
        .thenRun(s -> round.start(s, c.trigger(), false))
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
    if (remote.equals(state.remote()) && comments.countUnread(state)) {
      // nothing new in the issue, but GitHub counts comments this entity has not seen
      return Effect()
          .none()
          .thenRun(s -> round.start(s, c.trigger(), false))
          .thenReply(c.replyTo(), s -> StatusReply.ack());
    }
    if (state.link() == null
        || !state.link().equals(remote.link())
        || remote.equals(state.remote())
        || !remote.newerThan(state.remote())) {
      return Effect()
          .reply(c.replyTo(), StatusReply.ack()); // not ours, an echo, or older than what we know
    }
    if (!round.startWith(state, c.trigger())) {
      return Effect()
          .persist(new RemoteObserved(remote))
          .thenRun(s -> round.start(s, c.trigger(), false))
          .thenReply(c.replyTo(), s -> StatusReply.ack());
    }
    // The round starts with this snapshot: the file can be written while the observation is
    // journaled.
    return round.continueWith(state, remote, false).thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, IssueSyncState> onObserveComments(
      IssueSyncState state, ObserveComments c) {
    if (state.link() == null) {
      return Effect().reply(c.replyTo(), StatusReply.ack());
    }
    CommentsObserved observed = new CommentsObserved(c.seen(), c.deleted(), false, null, null);
    if (state.apply(observed).comments().equals(state.comments())) {
      return Effect().reply(c.replyTo(), StatusReply.ack()); // nothing new: an echo, or a repeat
    }
    return Effect()
        .persist(observed)
        .thenRun(s -> round.start(s, c.trigger(), false))
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  /** Settles a manual conflict: the side not chosen is made to look unchanged. */
  private ReplyEffect<Event, IssueSyncState> onResolve(IssueSyncState state, Resolve c) {
    if (state.conflict().isEmpty() && state.comments().conflicts().isEmpty()) {
      return Effect()
          .reply(c.replyTo(), StatusReply.error("issue " + issueId + " is not in conflict"));
    }
    List<Event> events = new ArrayList<>();
    if (!state.conflict().isEmpty()) {
      IssueFields base = state.base() != null ? state.base() : state.remote().fields();
      for (FieldConflict conflict : state.conflict()) {
        Side side = c.choices().get(conflict.field());
        if (side == null) {
          return noChoice(c, conflict.field().apiName());
        }
        IssueFields other = side == Side.ROADMAP ? state.remote().fields() : state.local().fields();
        base = base.with(conflict.field(), other.value(conflict.field()));
      }
      events.add(new ConflictResolved(base));
    }
    if (!state.comments().conflicts().isEmpty()) {
      Map<Integer, String> bases = new HashMap<>();
      for (CommentThread.Conflict conflict : state.comments().conflicts()) {
        Side side = c.commentChoices().get(conflict.comment());
        if (side == null) {
          return noChoice(c, conflict.apiName());
        }
        bases.put(
            conflict.comment(), side == Side.ROADMAP ? conflict.githubText() : conflict.roadmap());
      }
      events.add(new CommentConflictsResolved(bases));
    }
    return Effect()
        .persist(events)
        .thenRun(s -> round.start(s, Trigger.MANUAL, false))
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, IssueSyncState> noChoice(Resolve c, String name) {
    return Effect()
        .reply(c.replyTo(), StatusReply.error("no choice for conflicting field " + name));
  }

  private void publish(IssueSyncState state, Trigger trigger) {
    publishing.publish(state, trigger);
  }

  /**
   * A new entity whose file names the listed GitHub issue with the same fields: both sides agree,
   * so what a round would agree on is known without one.
   */
  private static boolean adopts(IssueSyncState state, ObserveLocal c) {
    return c.listed() != null
        && state.local() == null
        && state.link() == null
        && state.publishRequestedAt() == null
        && agree(c.local(), c.listed());
  }

  /** The file names the listed GitHub issue, and both have the same fields. */
  static boolean agree(LocalSnapshot local, RemoteSnapshot listed) {
    return local.githubIssue() != null
        && local.githubIssue() == listed.link().number()
        && local.fields().equals(listed.fields());
  }

  /** A recovered entity in {@code state} starts a round at once: work was under way. */
  private static boolean resumesWork(IssueSyncState state, SyncContext sync) {
    return state.publishRequestedAt() != null
        || state.needsSync()
        || IssueComments.pending(state, null, sync);
  }

  /**
   * An entity in {@code state} whose file still has {@code contentHash} would do nothing if woken:
   * no work to resume, no retry to schedule, the file known. The start-up load leaves it asleep
   * until news (a webhook, a poll, an edit) reaches it.
   */
  static boolean rests(IssueSyncState state, String contentHash, SyncContext sync) {
    return knowsFile(state, contentHash)
        && (state.requeued() == null || state.requeued().at() == null)
        && !resumesWork(state, sync);
  }

  /** The file with {@code contentHash} is what the entity last saw of it: no news. */
  private static boolean knowsFile(IssueSyncState state, String contentHash) {
    return state.localProblem() == null
        && state.local() != null
        && state.local().comments() != null
        && state.local().contentHash().equals(contentHash);
  }

  private void announceLink(IssueSyncState state) {
    sync.links().announce(issueId, state.link());
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
              round.requeue(state);
              // Work that was under way when the service stopped (a publish, a pending change)
              // resumes.
              if (resumesWork(state, sync)) {
                self.tell(new Resume(Trigger.MANUAL, false));
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
