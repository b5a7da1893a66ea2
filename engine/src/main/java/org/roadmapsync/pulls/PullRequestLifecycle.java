package org.roadmapsync.pulls;

import static org.roadmapsync.github.GitHubError.describe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import org.roadmapsync.sync.Failure;
import org.roadmapsync.sync.ReconcileQueue;
import org.roadmapsync.sync.ReconcileRound;
import org.roadmapsync.sync.Requeued;
import org.roadmapsync.sync.Trigger;

/**
 * The pull request of one roadmap issue, one step at a time. It learns what the issue says from the
 * issue entities' events (never by polling them), asks {@link PullRequestPlan} for the next step,
 * runs that one step through the operation queue, journals its outcome and asks again. Creating is
 * crash-safe: the intent is journaled first, and every attempt looks for an open pull request with
 * the same head before it creates one. A pull request merged or closed on GitHub by someone else is
 * final: the roadmap issue is told (status and history) and nothing more is done to it.
 *
 * <p>Over 400 lines: a third is its protocol (commands and events nested here, the style of the
 * platform guide), the step runner is the shared {@link ReconcileRound} and {@code Requeue}, and
 * each step's GitHub work is {@link PullRequestSteps}. What is left (news from GitHub, approvals,
 * telling the roadmap issue) shares the one {@code advance}; splitting it further as the issue
 * entity was is the next step when it grows.
 */
public final class PullRequestLifecycle
    extends EventSourcedBehaviorWithEnforcedReplies<
        PullRequestLifecycle.Command, PullRequestLifecycle.Event, PullRequestState> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "PullRequest");

  /**
   * Events are tagged into this many slices, each read by one projection instance: pull requests
   * are few.
   */
  public static final int TAG_SLICES = 1;

  private static final Duration ISSUE_RETRY = Duration.ofSeconds(2);

  // ---- commands

  public sealed interface Command extends CborSerializable {}

  /**
   * What the roadmap issue now says (file and GitHub link), from the issue entities' events through
   * the feed.
   */
  public record ObserveIssue(PullRequestState.IssueView issue, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /**
   * GitHub announced (webhook) or showed (poll) a change of this issue's pull request: unless
   * {@code seen}, the pull request as the announcement showed it, is what the lifecycle knows
   * already, read it and act on what it now is. {@code seen} null: read it in any case.
   */
  public record PullChanged(PullSnapshot seen, ActorRef<StatusReply<Done>> replyTo)
      implements Command {

    public PullChanged(ActorRef<StatusReply<Done>> replyTo) {
      this(null, replyTo);
    }
  }

  public enum Decision implements CborSerializable {
    ACCEPTED,
    UNKNOWN,
    ALREADY_DECIDED
  }

  public record Decide(String approvalId, boolean approve, ActorRef<Decision> replyTo)
      implements Command {}

  public record Get(ActorRef<PullRequestState> replyTo) implements Command {}

  private record Execute(PullRequestPlan.Step step) implements Command {}

  private record StepDone(PullRequestPlan.Step step, List<Event> events, Failure failure)
      implements Command {}

  private record Refreshed(PullSnapshot pull, String error) implements Command {}

  private record IssueAnswered(String error) implements Command {}

  private record Resume() implements Command {}

  /** The backoff after a failed step ran out (from the {@link ReconcileQueue}): try again. */
  public record RetryDue() implements Command {}

  /** The watchdog of round {@code round}: its step has not answered within its limit. */
  private record RoundOverdue(long round) implements Command {}

  // ---- events

  public sealed interface Event extends CborSerializable {}

  public record IssueObserved(PullRequestState.IssueView issue) implements Event {}

  /**
   * Written before GitHub is asked for a draft, so a crash in between is followed by a look for it,
   * not a second one.
   */
  public record DraftRequested(String branch, Instant at) implements Event {}

  public record BranchMissing(String repo, String branch, Instant at) implements Event {}

  public record PullOpened(PullSnapshot pull, boolean adopted, Instant at) implements Event {}

  /**
   * The pull request as GitHub now has it; {@code note} says what changed, null for nothing worth a
   * history line.
   */
  public record PullUpdated(PullSnapshot pull, String note, Instant at) implements Event {}

  public record Commented(String kind, Instant at) implements Event {}

  public record ApprovalRequested(String approvalId, Instant at) implements Event {}

  public record ApprovalDecided(String approvalId, boolean approved, Instant at) implements Event {}

  /** GitHub answered 405: not mergeable, for {@code reason}. */
  public record MergeRefused(String reason, Instant at) implements Event {}

  public record Merged(PullSnapshot pull, String method, Instant at) implements Event {}

  public record ClosedUnmerged(PullSnapshot pull, Instant at) implements Event {}

  /**
   * Merged or closed on GitHub by someone else; the roadmap issue is to take {@code issueStatus}.
   */
  public record ClosedOnGitHub(PullSnapshot pull, String issueStatus, String note, Instant at)
      implements Event {}

  /** The roadmap issue took the status and history of {@link ClosedOnGitHub}. */
  public record IssueTold(Instant at) implements Event {}

  /**
   * A step failed; {@code retryAt}: when it is tried again on its own (null: waiting cannot mend
   * the failure, and the step waits for news).
   */
  public record StepFailed(String step, String error, Instant at, Instant retryAt)
      implements Event {}

  // ----

  public static Behavior<Command> create(String issueId, PullContext pulls) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new PullRequestLifecycle(issueId, pulls, context, timers)));
  }

  public static String tagFor(String issueId) {
    return "pull-request-" + Math.floorMod(issueId.hashCode(), TAG_SLICES);
  }

  private final String issueId;
  private final PullContext pulls;
  private final PullRequestSteps steps;
  private final ActorContext<Command> context;

  // Not journaled: a step in flight does not survive a restart; recovery asks the plan again.
  private final ReconcileRound round;
  private String stepUnderWay;
  private boolean refreshWanted;
  private boolean tellingIssue;
  // The queue woke the lifecycle for a failed step whose backoff ran out.
  private boolean retryDue;

  private PullRequestLifecycle(
      String issueId,
      PullContext pulls,
      ActorContext<Command> context,
      TimerScheduler<Command> timers) {
    super(PersistenceId.of(ENTITY_KEY.name(), issueId));
    this.issueId = issueId;
    this.pulls = pulls;
    this.steps = new PullRequestSteps(pulls);
    this.context = context;
    this.round =
        new ReconcileRound(
            pulls.clock(),
            pulls.roundLimit(),
            ReconcileRound.Watchdog.onTimers(timers, RoundOverdue::new));
  }

  @Override
  public PullRequestState emptyState() {
    return PullRequestState.empty(issueId);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, PullRequestState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(ObserveIssue.class, this::onObserveIssue)
        .onCommand(PullChanged.class, this::onPullChanged)
        .onCommand(Decide.class, this::onDecide)
        .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), state))
        .onCommand(Execute.class, this::onExecute)
        .onCommand(StepDone.class, this::onStepDone)
        .onCommand(Refreshed.class, this::onRefreshed)
        .onCommand(IssueAnswered.class, this::onIssueAnswered)
        .onCommand(Resume.class, (state, c) -> Effect().none().thenRun(this::advance).thenNoReply())
        .onCommand(RetryDue.class, this::onRetryDue)
        .onCommand(RoundOverdue.class, this::onOverdue)
        .build();
  }

  // ---- what the issue says

  private ReplyEffect<Event, PullRequestState> onObserveIssue(
      PullRequestState state, ObserveIssue c) {
    var issue = c.issue();
    if (issue.equals(state.issue())
        || (issue.branch() == null && (state.issue() == null || state.issue().branch() == null))) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.ack()); // redelivered by the at-least-once feed, or nothing to do
    }
    refreshBeforeActing(state);
    return persistAndAdvance(state, List.of(new IssueObserved(issue)), Trigger.WATCH)
        .thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  // ---- what GitHub says

  private ReplyEffect<Event, PullRequestState> onPullChanged(
      PullRequestState state, PullChanged c) {
    if (state.pull() == null || state.pull().equals(c.seen())) {
      // None yet (our own "opened": the create step's answer tells us), or nothing the lifecycle
      // does not know already (our own edits, a label, a review): no read needed.
      return Effect().reply(c.replyTo(), StatusReply.ack());
    }
    refreshWanted = true;
    return Effect().none().thenRun(this::advance).thenReply(c.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, PullRequestState> onRefreshed(PullRequestState state, Refreshed c) {
    round.end();
    if (c.error() != null) {
      context
          .getLog()
          .warn(
              "could not read pull request #{} of issue {}: {}",
              state.pull().number(),
              issueId,
              c.error());
      return Effect().none().thenRun(this::advance).thenNoReply();
    }
    PullSnapshot seen = c.pull();
    PullSnapshot known = state.pull();
    if (seen.equals(known)) {
      return Effect().none().thenRun(this::advance).thenNoReply();
    }
    Instant now = now();
    Event event;
    if (known.open() && !seen.open() && !ours(state, seen)) {
      String note =
          seen.merged()
              ? "pull request #" + seen.number() + " was merged on GitHub by someone else"
              : "pull request #" + seen.number() + " was closed unmerged on GitHub";
      // Merged: the work is done. Closed unmerged: work stopped without a decision, so the issue is
      // blocked
      // until someone reopens the pull request or archives the issue.
      event = new ClosedOnGitHub(seen, seen.merged() ? "closed" : "blocked", note, now);
    } else if (!known.open() && seen.open()) {
      event =
          new PullUpdated(seen, "pull request #" + seen.number() + " was reopened on GitHub", now);
    } else {
      event = new PullUpdated(seen, null, now);
    }
    return persistAndAdvance(state, List.of(event), Trigger.WEBHOOK).thenNoReply();
  }

  /** A close we caused: the merge we were asked to make, or the close of an archived issue. */
  private static boolean ours(PullRequestState state, PullSnapshot seen) {
    boolean approved =
        state.approval() != null && state.approval().state() == PullRequestPlan.Approval.APPROVED;
    return seen.merged() ? approved : "archived".equals(state.issue().status());
  }

  // ---- approvals

  private ReplyEffect<Event, PullRequestState> onDecide(PullRequestState state, Decide c) {
    var approval = state.approval();
    if (approval == null || !approval.id().equals(c.approvalId())) {
      return Effect()
          .reply(
              c.replyTo(),
              state.pastApprovals().contains(c.approvalId())
                  ? Decision.ALREADY_DECIDED
                  : Decision.UNKNOWN);
    }
    if (approval.state() != PullRequestPlan.Approval.REQUESTED) {
      return Effect().reply(c.replyTo(), Decision.ALREADY_DECIDED);
    }
    refreshBeforeActing(state);
    return persistAndAdvance(
            state, List.of(new ApprovalDecided(c.approvalId(), c.approve(), now())), Trigger.MANUAL)
        .thenReply(c.replyTo(), s -> Decision.ACCEPTED);
  }

  /**
   * An open pull request is read again (a conditional GET: free when unchanged) before the
   * lifecycle acts on news, so a merge or close on GitHub that no webhook reported (webhooks off or
   * lost) is seen before we approve, merge or edit: e.g. the poller brings "issue closed" after
   * someone merged the pull request that closes it.
   */
  private void refreshBeforeActing(PullRequestState state) {
    if (state.pull() != null && state.pull().open()) {
      refreshWanted = true;
    }
  }

  // ---- one step at a time

  private void advance(PullRequestState state) {
    announce(state);
    tellIssue(state);
    if (round.running() || state.issue() == null || state.issue().repo() == null) {
      return;
    }
    if (refreshWanted && state.pull() != null) {
      refreshWanted = false;
      begin("refresh");
      context.pipeToSelf(
          pulls.github().get(state.issue().repo(), state.pull().number()),
          (pull, error) -> new Refreshed(pull, describe(error)));
      return;
    }
    PullRequestPlan.Step step = PullRequestPlan.next(state.planIssue(), state.known());
    // a failed step waits for its backoff, or for news when waiting cannot mend it
    if (step instanceof PullRequestPlan.Nothing
        || !(retryDue || Requeued.due(state.requeued(), now()))) {
      return;
    }
    retryDue = false;
    begin(stepName(step));
    context.getSelf().tell(new Execute(step));
  }

  private ReplyEffect<Event, PullRequestState> onExecute(PullRequestState state, Execute c) {
    PullRequestPlan.Step step = c.step();
    Instant now = now();
    if (step instanceof PullRequestPlan.RequestApproval) {
      round.end(); // nothing to ask GitHub: a person answers through the admin API
      return persistAndAdvance(
              state,
              List.of(new ApprovalRequested(UUID.randomUUID().toString(), now)),
              Trigger.WATCH)
          .thenNoReply();
    }
    if (step instanceof PullRequestPlan.OpenDraft draft && state.draftRequestedAt() == null) {
      Event requested = new DraftRequested(state.issue().branch(), now);
      List<String> notes = state.notesAdded(List.of(requested));
      return Effect()
          .persist(requested)
          .thenRun(
              s -> {
                tellNotes(notes, Trigger.WATCH);
                run(draft, steps.openDraft(s, draft));
              })
          .thenNoReply();
    }
    run(step, steps.work(state, step));
    return Effect().noReply();
  }

  private void run(PullRequestPlan.Step step, CompletionStage<List<Event>> work) {
    context.pipeToSelf(work, (events, error) -> new StepDone(step, events, Failure.of(error)));
  }

  private void begin(String step) {
    stepUnderWay = step;
    round.begin(Trigger.WATCH);
  }

  private ReplyEffect<Event, PullRequestState> onStepDone(PullRequestState state, StepDone c) {
    round.end();
    if (c.failure() != null) {
      return failed(state, stepName(c.step()), c.failure());
    }
    return persistAndAdvance(state, c.events(), Trigger.WATCH).thenNoReply();
  }

  /**
   * Records the failure; a passing one is tried again after a backoff that grows with each failure
   * in a row, the others wait for news.
   */
  private ReplyEffect<Event, PullRequestState> failed(
      PullRequestState state, String step, Failure failure) {
    Instant now = now();
    Instant retryAt = pulls.requeue().retryAt(state.requeued(), failure, now);
    context
        .getLog()
        .warn(
            "pull request step {} of issue {} failed: {}; {}",
            step,
            issueId,
            failure.reason(),
            retryAt == null ? "waiting for a change" : "tried again at " + retryAt);
    return persistAndAdvance(
            state, List.of(new StepFailed(step, failure.reason(), now, retryAt)), Trigger.WATCH)
        .thenRun(this::requeue)
        .thenNoReply();
  }

  private ReplyEffect<Event, PullRequestState> onRetryDue(PullRequestState state, RetryDue c) {
    if (state.requeued() == null || state.requeued().at() == null) {
      return Effect().noReply(); // news or a success since the retry was scheduled, or parked
    }
    retryDue = true;
    return Effect().none().thenRun(this::advance).thenNoReply();
  }

  /** The watchdog: a step still under way past its limit lost its answer; it ends as a failure. */
  private ReplyEffect<Event, PullRequestState> onOverdue(PullRequestState state, RoundOverdue c) {
    if (!round.isCurrent(c.round())) {
      return Effect().noReply();
    }
    round.end();
    return failed(
        state, stepUnderWay, new Failure("the step did not answer within " + round.limit(), true));
  }

  /** Hands the next try, if one is due, to whoever wakes this lifecycle then. */
  private void requeue(PullRequestState state) {
    pulls.requeue().wake(issueId, state.requeued());
  }

  // ---- telling the roadmap issue

  /**
   * Every history line also goes to the issue's history; a pending status is told until the issue
   * took it.
   */
  private EffectBuilder<Event, PullRequestState> persistAndAdvance(
      PullRequestState state, List<Event> events, Trigger trigger) {
    if (events.isEmpty()) {
      return Effect().none().thenRun(this::advance);
    }
    List<String> notes = state.notesAdded(events);
    return Effect()
        .persist(events)
        .thenRun(
            s -> {
              tellNotes(notes, trigger);
              advance(s);
            });
  }

  /**
   * Best effort: the pull request's own history ({@code GET /api/pulls}) has every line in any
   * case.
   */
  private void tellNotes(List<String> notes, Trigger trigger) {
    notes.forEach(
        note ->
            pulls
                .issues()
                .record(issueId, note, null, trigger)
                .exceptionally(
                    error -> {
                      context
                          .getLog()
                          .debug(
                              "history of issue {} missed a pull request note: {}",
                              issueId,
                              error.getMessage());
                      return Done.getInstance();
                    }));
  }

  /**
   * Called after every journaled change, and at recovery: webhooks and polls find the pull request
   * through the index before the read table shows it.
   */
  private void announce(PullRequestState state) {
    pulls
        .index()
        .announce(issueId, state.issue() == null ? null : state.issue().repo(), state.pull());
  }

  private void tellIssue(PullRequestState state) {
    if (state.issueStatus() == null || tellingIssue) {
      return;
    }
    tellingIssue = true;
    context.pipeToSelf(
        pulls.issues().record(issueId, state.issueNote(), state.issueStatus(), Trigger.WEBHOOK),
        (done, error) -> new IssueAnswered(describe(error)));
  }

  private ReplyEffect<Event, PullRequestState> onIssueAnswered(
      PullRequestState state, IssueAnswered c) {
    tellingIssue = false;
    if (c.error() != null) {
      context
          .getLog()
          .info(
              "roadmap issue {} did not take the pull request's outcome yet ({}); asking again",
              issueId,
              c.error());
      context.scheduleOnce(ISSUE_RETRY, context.getSelf(), new Resume());
      return Effect().noReply();
    }
    return Effect().persist(new IssueTold(now())).thenRun(this::advance).thenNoReply();
  }

  // ----

  private Instant now() {
    return pulls.clock().instant();
  }

  private static String stepName(PullRequestPlan.Step step) {
    return step.getClass().getSimpleName();
  }

  @Override
  public EventHandler<PullRequestState, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(PullRequestState::apply);
  }

  @Override
  public SignalHandler<PullRequestState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              announce(state);
              requeue(state);
              // A step under way when the service stopped (a draft requested, a merge approved) is
              // taken up again.
              if (state.issue() != null) {
                context.getSelf().tell(new Resume());
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
