package org.roadmapsync.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.Comment;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.IssueQuery;
import org.roadmapsync.github.Listing;
import org.roadmapsync.github.RateLimitSnapshot;
import org.roadmapsync.persistence.CborSerializable;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.LinkDirectory;
import org.roadmapsync.sync.RemoteComment;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.Trigger;

/**
 * Polls one repository's issues and hands what changed to the issue entities: one conditional
 * listing ({@code since} = watermark − 5 s, every state, oldest update first, every page), then one
 * {@code ObserveRemote} per changed linked issue, a few at a time. The watermark is the newest
 * {@code updated_at} GitHub showed, journaled here, so while nothing changes the request URL stays
 * the same and GitHub answers 304 to its ETag: an idle poll costs no quota. The listing's ETag is
 * journaled with the watermark (when one page held the whole listing, see {@link State}), so the
 * first poll after a restart is a free 304 too: an idle restart costs nothing. The watermark and
 * ETag only move once every entity has taken its change, so a failed run is repeated in full, also
 * after a restart.
 *
 * <p>Over 400 lines: one run is a listing, a lookup of links, and a throttled hand-out to the
 * entities with their answers counted; the steps share the run's state, and {@link SyncRun}, {@link
 * PollInterval} already hold the parts that stand alone.
 */
public final class RepositoryPoller
    extends EventSourcedBehavior<
        RepositoryPoller.Command, RepositoryPoller.Event, RepositoryPoller.State> {

  /**
   * GitHub's {@code since} compares against a clock that can lag the issue's {@code updated_at}
   * slightly.
   */
  static final Duration OVERLAP = Duration.ofSeconds(5);

  static final int IN_FLIGHT = 32;
  static final Duration ENTITY_TIMEOUT = Duration.ofSeconds(15);

  /** Runs with at least this many issues log their progress every 10 %. */
  static final int LONG_RUN = 100;

  private static final String TICK = "tick";

  /** What a poller needs from the rest of the engine. */
  public record Wiring(
      GitHubClient client,
      FieldMapping mapping,
      LinkDirectory links,
      Function<String, EntityRef<IssueSyncEntity.Command>> entities,
      Supplier<Optional<RateLimitSnapshot>> lastRateLimit,
      Duration interval,
      boolean autoSync,
      Clock clock,
      CompletionStage<Done> roadmapLoaded) {}

  // ---- commands

  public sealed interface Command {}

  /** Poll now unless a run is under way (the timer's message, and a manual start). */
  public enum Tick implements Command {
    INSTANCE
  }

  public record SetAutoSync(boolean enabled) implements Command {}

  public record GetProgress(ActorRef<SyncRun.Progress> replyTo) implements Command {}

  private record Listed(Listing<Issue> listing, Throwable error) implements Command {}

  private record CommentsListed(Listing<Comment> listing, Throwable error) implements Command {}

  /** The changed comments went to their issues' entities; {@code next}: null when one failed. */
  private record CommentsHandedOut(State next, Throwable error) implements Command {}

  private record LinksRead(
      List<Issue> changed, State next, Map<Long, String> links, Throwable error)
      implements Command {}

  private record EntityAnswered(boolean ok) implements Command {}

  private record Dispatch(String issueId, RemoteSnapshot snapshot) {}

  // ---- events and state

  public sealed interface Event extends CborSerializable {}

  /**
   * The poll position moved: a new watermark, or the same one with the ETag of its listing (see
   * {@link State}). Journaled before ETags were kept, it reads with {@code etag} null.
   */
  public record WatermarkAdvanced(Instant watermark, String etag) implements Event {}

  /** The comment listing's position moved (as {@link WatermarkAdvanced} for the issues). */
  public record CommentsWatermarkAdvanced(Instant watermark, String etag) implements Event {}

  /**
   * Where the next poll starts.
   *
   * @param watermark the newest {@code updated_at} seen in the repository, null before the first
   *     poll (or while it has no issue)
   * @param etag the ETag of the listing from {@code watermark} − 5 s, kept only when that listing
   *     was one page with room left: a 304 to it then means that nothing in the repository changed
   *     since every issue of it was handed out (with more pages, a change can leave the first page
   *     as it was). Null when not known: the next listing is answered in full.
   * @param commentsWatermark the newest {@code updated_at} of a comment seen in the repository
   *     (null: none yet; the first listing reads every comment), with {@code commentsEtag} kept as
   *     {@code etag} is
   */
  public record State(
      Instant watermark, String etag, Instant commentsWatermark, String commentsEtag)
      implements CborSerializable {

    State withIssues(Instant newWatermark, String newEtag) {
      return new State(newWatermark, newEtag, commentsWatermark, commentsEtag);
    }

    State withComments(Instant newWatermark, String newEtag) {
      return new State(watermark, etag, newWatermark, newEtag);
    }
  }

  public static Behavior<Command> create(RepoRef repo, Wiring wiring) {
    return Behaviors.<Command>supervise(
            Behaviors.setup(
                context ->
                    Behaviors.withTimers(
                        timers -> new RepositoryPoller(repo, wiring, context, timers))))
        .onFailure(
            SupervisorStrategy.restartWithBackoff(
                Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
  }

  public static PersistenceId persistenceIdOf(RepoRef repo) {
    return PersistenceId.of("RepositoryPoller", repo.toString());
  }

  private final RepoRef repo;
  private final Wiring wiring;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final PollInterval interval;
  private boolean autoSync;
  private boolean redeliver;
  private SyncRun run;

  /** Where the next poll starts once this run's changes are all taken. */
  private State runNext;

  private final Deque<Dispatch> pending = new ArrayDeque<>();

  /**
   * What this run hands out, and what earlier runs handed out near the watermark (the 5 s overlap
   * lists them again).
   */
  private final List<RemoteSnapshot> handedOut = new ArrayList<>();

  /** The issues' listing of the run under way, read while the comments are handed out. */
  private CompletionStage<Listing<Issue>> issueListing;

  /**
   * By issue number. A copy listed again is skipped only when it is the same snapshot: GitHub's
   * {@code updated_at} has whole seconds, so an edit in the second of the last one keeps it.
   */
  private final Map<Long, RemoteSnapshot> handedOutNearWatermark = new HashMap<>();

  /** The roadmap issues the last listing reached. */
  private final Set<String> listed = new HashSet<>();

  private int inFlight;

  private RepositoryPoller(
      RepoRef repo, Wiring wiring, ActorContext<Command> context, TimerScheduler<Command> timers) {
    super(persistenceIdOf(repo));
    this.repo = repo;
    this.wiring = wiring;
    this.context = context;
    this.timers = timers;
    this.interval = new PollInterval(wiring.interval());
    this.autoSync = wiring.autoSync();
  }

  @Override
  public State emptyState() {
    return new State(null, null, null, null);
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Tick.class, this::onTick)
        .onCommand(SetAutoSync.class, this::onSetAutoSync)
        .onCommand(
            GetProgress.class,
            (state, c) -> {
              c.replyTo()
                  .tell(run == null ? SyncRun.Progress.neverRun(repo.toString()) : run.progress());
              return Effect().none();
            })
        .onCommand(CommentsListed.class, this::onCommentsListed)
        .onCommand(CommentsHandedOut.class, this::onCommentsHandedOut)
        .onCommand(Listed.class, this::onListed)
        .onCommand(LinksRead.class, this::onLinksRead)
        .onCommand(EntityAnswered.class, this::onEntityAnswered)
        .build();
  }

  private Effect<Event, State> onTick(State state, Tick tick) {
    if (run != null && run.running()) {
      return Effect().none();
    }
    run = new SyncRun(repo.toString(), wiring.clock().instant());
    // Both listings are read at once (the first one while the roadmap loads); the comments are
    // handed out first: the issues then count the comments their entities know.
    issueListing = listIssuesSince(state);
    if (!wiring.roadmapLoaded().toCompletableFuture().isDone()) {
      lendToTheLoad(issueListing);
    }
    Instant since =
        state.commentsWatermark() == null ? null : state.commentsWatermark().minus(OVERLAP);
    context.pipeToSelf(
        wiring
            .client()
            .listRepositoryComments(repo, since, Optional.ofNullable(state.commentsEtag())),
        CommentsListed::new);
    return Effect().none();
  }

  private Effect<Event, State> onCommentsListed(State state, CommentsListed c) {
    if (c.error() != null) {
      return pollFailed(c.error());
    }
    Listing<Comment> listing = c.listing();
    if (listing.notModified() && !redeliver) {
      return listIssues(state);
    }
    Instant newest = state.commentsWatermark();
    Map<Long, List<RemoteComment>> byIssue = new LinkedHashMap<>();
    for (Comment comment : listing.items()) {
      if (comment.updatedAt() != null && (newest == null || comment.updatedAt().isAfter(newest))) {
        newest = comment.updatedAt();
      }
      issueNumber(comment)
          .ifPresent(
              n ->
                  byIssue
                      .computeIfAbsent(n, k -> new ArrayList<>())
                      .add(RemoteComment.from(comment)));
    }
    State next = state.withComments(newest, etagToKeep(state.commentsWatermark(), newest, listing));
    context.pipeToSelf(
        linksOnceLoaded().thenCompose(links -> handOutComments(links, byIssue)),
        (done, error) -> new CommentsHandedOut(next, error));
    return Effect().none();
  }

  private CompletionStage<Done> handOutComments(
      Map<Long, String> links, Map<Long, List<RemoteComment>> byIssue) {
    List<CompletableFuture<Done>> answers = new ArrayList<>();
    byIssue.forEach(
        (number, comments) -> {
          String id = links.get(number);
          if (id != null) {
            answers.add(
                wiring
                    .entities()
                    .apply(id)
                    .<Done>askWithStatus(
                        r ->
                            new IssueSyncEntity.ObserveComments(
                                comments, List.of(), Trigger.POLL, r),
                        ENTITY_TIMEOUT)
                    .toCompletableFuture());
          }
        });
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenApply(v -> Done.getInstance());
  }

  private Effect<Event, State> onCommentsHandedOut(State state, CommentsHandedOut c) {
    if (c.error() != null) {
      // handed out again by the next poll: the watermark stays
      context.getLog().warn("comments of {} not all handed out: {}", repo, c.error().getMessage());
      return listIssues(state);
    }
    if (c.next().equals(state)) {
      return listIssues(state);
    }
    return Effect()
        .persist(
            new CommentsWatermarkAdvanced(c.next().commentsWatermark(), c.next().commentsEtag()))
        .thenRun(this::startIssueListing);
  }

  private Effect<Event, State> listIssues(State state) {
    startIssueListing(state);
    return Effect().none();
  }

  /** The issues' listing, read since the tick, is handed out now. */
  private void startIssueListing(State state) {
    context.pipeToSelf(issueListing, Listed::new);
    issueListing = null; // its 100,000 issues are not kept until the next poll
  }

  /**
   * The issues of a listing read while the roadmap loads go to the load at once (not after the
   * comments are handed out, which waits for the load): it hands them over with the files that name
   * them. Told too when the listing fails or brings nothing, so the load does not wait for it.
   */
  private void lendToTheLoad(CompletionStage<Listing<Issue>> listing) {
    String name = repo.toString();
    listing.whenComplete(
        (read, error) ->
            wiring
                .links()
                .listedBeforeTheLoad(
                    name,
                    read == null
                        ? List.of()
                        : read.items().stream()
                            .filter(issue -> !issue.isPullRequest())
                            .map(issue -> wiring.mapping().snapshot(name, issue))
                            .toList()));
  }

  private CompletionStage<Listing<Issue>> listIssuesSince(State state) {
    Instant since = state.watermark() == null ? null : state.watermark().minus(OVERLAP);
    // The journaled ETag belongs to this very URL; the client's cache (a newer one, with the
    // items) wins over it while this process has one.
    return wiring.client().listIssuesSince(repo, since, Optional.ofNullable(state.etag()));
  }

  private Effect<Event, State> pollFailed(Throwable error) {
    String why =
        GitHubError.of(error).map(e -> e.describe()).orElse(String.valueOf(error.getMessage()));
    run.fail(why, wiring.clock().instant());
    // The other listing of this run may have been read (and its ETag kept by the client) without
    // being handed out: the next poll hands out what a 304 brings from the client's cache.
    redeliver = true;
    releaseWaiting();
    Duration next = interval.failed();
    context.getLog().warn("polling {} failed: {}; next poll in {}", repo, why, next);
    scheduleNext(next);
    return Effect().none();
  }

  private Effect<Event, State> onSetAutoSync(State state, SetAutoSync c) {
    boolean was = autoSync;
    autoSync = c.enabled();
    if (!autoSync) {
      timers.cancel(TICK);
    } else if (!was) {
      context.getSelf().tell(Tick.INSTANCE);
    }
    context.getLog().info("periodic polling of {} {}", repo, autoSync ? "on" : "off");
    return Effect().none();
  }

  private Effect<Event, State> onListed(State state, Listed c) {
    if (c.error() != null) {
      return pollFailed(c.error());
    }
    Listing<Issue> listing = c.listing();
    if (listing.notModified() && !redeliver) {
      // Nothing changed since the last listing of this URL. After a restart the items are not
      // there (the ETag came from the journal, not from a cache): there is nothing to hand out.
      return finishRun(state, next(state, state.watermark(), listing));
    }
    Instant newest = state.watermark();
    for (Issue issue : listing.items()) {
      if (issue.updatedAt() != null && (newest == null || issue.updatedAt().isAfter(newest))) {
        newest = issue.updatedAt();
      }
    }
    List<Issue> changed = listing.items().stream().filter(i -> !i.isPullRequest()).toList();
    State next = next(state, newest, listing);
    if (changed.isEmpty()) {
      return finishRun(state, next);
    }
    context.pipeToSelf(
        linksOnceLoaded(), (links, error) -> new LinksRead(changed, next, links, error));
    return Effect().none();
  }

  /**
   * The repository's links, once the roadmap is loaded (every entity has announced its link): the
   * first listing runs while the roadmap loads, and is routed after.
   */
  private CompletionStage<Map<Long, String>> linksOnceLoaded() {
    return wiring.roadmapLoaded().thenCompose(loaded -> wiring.links().linksOf(repo.toString()));
  }

  private Effect<Event, State> onLinksRead(State state, LinksRead c) {
    if (c.error() != null) {
      run.fail("cannot read the links: " + c.error().getMessage(), wiring.clock().instant());
      releaseWaiting();
      redeliver = true;
      scheduleNext(interval.failed());
      return Effect().none();
    }
    pending.clear();
    handedOut.clear();
    listed.clear();
    // An issue edited while the pages were read can show up twice: the later copy wins.
    Map<Long, Issue> latest = new LinkedHashMap<>();
    c.changed().forEach(issue -> latest.put(issue.number(), issue));
    for (Issue issue : latest.values()) {
      wiring.links().seen(repo.toString(), issue);
      String id = c.links().get(issue.number());
      if (id == null) {
        wiring.links().unlinkedSeen(repo.toString(), issue, Trigger.POLL);
        continue;
      }
      listed.add(id);
      RemoteSnapshot snapshot = wiring.mapping().snapshot(repo.toString(), issue);
      if (wiring.links().seenBefore(id, snapshot)) {
        handedOut.add(snapshot); // its entity has it: the next listings skip it too
      } else if (issue.updatedAt() == null
          || !snapshot.equals(handedOutNearWatermark.get(issue.number()))) {
        pending.add(new Dispatch(id, snapshot));
      }
    }
    wiring.links().listingRouted(repo.toString());
    runNext = c.next();
    run.dispatching(pending.size());
    if (pending.isEmpty()) {
      return finishRun(state, runNext);
    }
    context.getLog().info("poll of {}: {} changed linked issue(s) to sync", repo, pending.size());
    dispatchMore();
    return Effect().none();
  }

  private void dispatchMore() {
    while (inFlight < IN_FLIGHT && !pending.isEmpty()) {
      Dispatch next = pending.poll();
      RemoteSnapshot snapshot = next.snapshot();
      handedOut.add(snapshot);
      inFlight++;
      context.pipeToSelf(
          wiring
              .entities()
              .apply(next.issueId())
              .<Done>askWithStatus(
                  r -> new IssueSyncEntity.ObserveRemote(snapshot, Trigger.POLL, r),
                  ENTITY_TIMEOUT),
          (done, error) -> new EntityAnswered(error == null));
    }
  }

  private Effect<Event, State> onEntityAnswered(State state, EntityAnswered c) {
    inFlight--;
    if (run.answered(c.ok()) && run.progress().total() >= LONG_RUN) {
      context
          .getLog()
          .info(
              "poll of {}: {} % ({} of {} issues, {} failed)",
              repo,
              run.percent(),
              run.progress().done() + run.progress().failed(),
              run.progress().total(),
              run.progress().failed());
    }
    if (!run.complete()) {
      dispatchMore();
      return Effect().none();
    }
    return finishRun(state, run.failedCount() == 0 ? runNext : null);
  }

  /**
   * Where the next poll starts after a listing, asked for {@code state}'s watermark, whose newest
   * {@code updated_at} is {@code newest}: its ETag is worth keeping only when the next poll asks
   * for the same URL (the watermark did not move) and a 304 to it will mean that nothing changed
   * (one page, not full).
   */
  static State next(State state, Instant newest, Listing<?> listing) {
    return state.withIssues(newest, etagToKeep(state.watermark(), newest, listing));
  }

  private static String etagToKeep(Instant watermark, Instant newest, Listing<?> listing) {
    boolean sameUrl = Objects.equals(newest, watermark);
    boolean whole = listing.pages() == 1 && listing.items().size() < IssueQuery.PER_PAGE;
    return sameUrl && whole ? listing.etag().orElse(null) : null;
  }

  /**
   * Ends the run; moves to {@code next} (watermark and ETag) unless that is null (a failure: repeat
   * it all, also after a restart).
   */
  private Effect<Event, State> finishRun(State state, State next) {
    run.finish(wiring.clock().instant());
    releaseWaiting();
    boolean ok = run.failedCount() == 0;
    redeliver = !ok;
    rememberHandedOut(ok, next != null ? next.watermark() : state.watermark());
    Duration delay = ok ? interval.succeeded(wiring.lastRateLimit().get()) : interval.current();
    scheduleNext(delay);
    if (next == null || next.equals(state)) {
      return Effect().none();
    }
    return Effect().persist(new WatermarkAdvanced(next.watermark(), next.etag()));
  }

  /**
   * Entities that waited for this repository's first full listing and were not in it read their
   * issue now.
   */
  private void releaseWaiting() {
    Set<String> waiting = new HashSet<>(wiring.links().listingEnded(repo.toString()));
    waiting.removeAll(listed);
    if (!waiting.isEmpty()) {
      context
          .getLog()
          .info(
              "{} linked issue(s) of {} were not in its listing: each is read on its own",
              waiting.size(),
              repo);
      waiting.forEach(
          id ->
              wiring
                  .entities()
                  .apply(id)
                  .tell(new IssueSyncEntity.ListingEnded(context.getSystem().ignoreRef())));
    }
  }

  private void rememberHandedOut(boolean ok, Instant watermark) {
    if (!ok || watermark == null) {
      handedOutNearWatermark.clear();
      return;
    }
    handedOut.forEach(s -> handedOutNearWatermark.put(s.link().number(), s));
    handedOut.clear();
    Instant horizon = watermark.minus(OVERLAP);
    handedOutNearWatermark
        .values()
        .removeIf(s -> s.updatedAt() == null || s.updatedAt().isBefore(horizon));
  }

  /** The issue or pull request a comment is on, from its {@code issue_url}. */
  static Optional<Long> issueNumber(Comment comment) {
    String url = comment.issueUrl();
    if (url == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(url.substring(url.lastIndexOf('/') + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void scheduleNext(Duration next) {
    if (autoSync) {
      timers.startSingleTimer(TICK, Tick.INSTANCE, next);
    }
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(WatermarkAdvanced.class, (state, e) -> state.withIssues(e.watermark(), e.etag()))
        .onEvent(
            CommentsWatermarkAdvanced.class,
            (state, e) -> state.withComments(e.watermark(), e.etag()))
        .build();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              if (state.watermark() != null) {
                releaseWaiting(); // listed before: the next listing only has what changed since
              }
              // Then catch up with what changed while the service was down: listed now, routed once
              // the entities know their links.
              if (autoSync) {
                context.getSelf().tell(Tick.INSTANCE);
              }
            })
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
