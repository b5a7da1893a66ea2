package org.roadmapsync.pulls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.Listing;
import org.roadmapsync.github.PullRequest;

/**
 * Reads one repository's pull requests on the poll schedule and shows each lifecycle whose pull
 * request is not merged (a closed one may be reopened) what GitHub now has, so a merge, close or
 * reopen on GitHub reaches the roadmap issue within one poll interval whatever happened to webhooks
 * or to the service (a webhook only makes it sooner). Only repositories with such pull requests are
 * read.
 *
 * <p>One conditional listing, most recently updated first: while no pull request changed it is a
 * 304 and costs no quota. Otherwise it is read until it reaches back to the newest update the last
 * listing saw (less {@link #OVERLAP}) or has shown every unfinished pull request: usually one page.
 * A pull request the poller had not followed before (after a start, or newly opened or adopted) is
 * shown to its lifecycle even when it did not change, or, when the listing did not reach it, its
 * lifecycle is asked to read it. A lifecycle reads its pull request only when what it is shown
 * differs from what it knows. Nothing here is journaled: after a restart everything is new again,
 * and a lifecycle that did not take what it was shown is shown it again at the next poll.
 */
public final class PullRequestPoller {

  /** GitHub's {@code updated_at} and the order of its listing may disagree by a moment. */
  static final Duration OVERLAP = Duration.ofSeconds(5);

  private static final String TICK = "tick";

  /** The lifecycles as the poller needs them. */
  public interface Lifecycles {

    /** Pull request number → roadmap issue, for the pull requests of {@code repo} not final. */
    CompletionStage<Map<Long, String>> unfinishedIn(String repo);

    /**
     * Tells the lifecycle of {@code issueId} what GitHub shows of its pull request ({@code seen}
     * null: read it).
     */
    CompletionStage<Done> changed(String issueId, PullSnapshot seen);
  }

  /**
   * @param client GitHub at polling priority
   * @param interval the poll interval ({@code ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES})
   * @param ready the first poll waits for it (the roadmap's first load)
   */
  public record Wiring(
      GitHubClient client,
      Lifecycles lifecycles,
      Duration interval,
      boolean autoSync,
      CompletionStage<Done> ready) {}

  // ---- commands

  public sealed interface Command {}

  /** Poll now unless a poll is under way (the timer's message, and a manual sync). */
  public enum Tick implements Command {
    INSTANCE
  }

  public record SetAutoSync(boolean enabled) implements Command {}

  private enum Ready implements Command {
    INSTANCE
  }

  private record UnfinishedRead(Map<Long, String> unfinished, Throwable error) implements Command {}

  private record Listed(Map<Long, String> unfinished, Listing<PullRequest> listing, Throwable error)
      implements Command {}

  /**
   * Every lifecycle shown something answered; {@code missed}: the pull requests of those that
   * failed.
   */
  private record Shown(Set<Long> followed, Set<Long> missed, Instant newest) implements Command {}

  public static Behavior<Command> create(RepoRef repo, Wiring wiring) {
    return Behaviors.<Command>supervise(
            Behaviors.setup(
                context ->
                    Behaviors.withTimers(
                        timers -> new PullRequestPoller(repo, wiring, context, timers).waiting())))
        .onFailure(
            SupervisorStrategy.restartWithBackoff(
                Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
  }

  private final RepoRef repo;
  private final Wiring wiring;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private boolean autoSync;

  /** The newest {@code updated_at} a listing showed; null before the first. */
  private Instant watermark;

  /** The pull requests whose changes up to the watermark their lifecycles were shown. */
  private Set<Long> followed = Set.of();

  private PullRequestPoller(
      RepoRef repo, Wiring wiring, ActorContext<Command> context, TimerScheduler<Command> timers) {
    this.repo = repo;
    this.wiring = wiring;
    this.context = context;
    this.timers = timers;
    this.autoSync = wiring.autoSync();
    context.pipeToSelf(wiring.ready(), (done, error) -> Ready.INSTANCE);
  }

  /** Before the roadmap's first load: the lifecycles are not resumed yet. */
  private Behavior<Command> waiting() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(
            Ready.INSTANCE,
            () -> {
              if (autoSync) {
                context.getSelf().tell(Tick.INSTANCE);
              }
              return idle();
            })
        .onMessage(SetAutoSync.class, c -> setAutoSync(c, waiting()))
        .onMessageEquals(Tick.INSTANCE, Behaviors::same)
        .build();
  }

  private Behavior<Command> idle() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Tick.INSTANCE, this::poll)
        .onMessage(SetAutoSync.class, c -> setAutoSync(c, Behaviors.same()))
        .build();
  }

  private Behavior<Command> polling() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Tick.INSTANCE, Behaviors::same)
        .onMessage(SetAutoSync.class, c -> setAutoSync(c, Behaviors.same()))
        .onMessage(UnfinishedRead.class, this::onUnfinishedRead)
        .onMessage(Listed.class, this::onListed)
        .onMessage(Shown.class, this::onShown)
        .build();
  }

  private Behavior<Command> setAutoSync(SetAutoSync c, Behavior<Command> next) {
    boolean was = autoSync;
    autoSync = c.enabled();
    if (!autoSync) {
      timers.cancel(TICK);
    } else if (!was) {
      context.getSelf().tell(Tick.INSTANCE);
    }
    return next;
  }

  private Behavior<Command> poll() {
    context.pipeToSelf(wiring.lifecycles().unfinishedIn(repo.toString()), UnfinishedRead::new);
    return polling();
  }

  private Behavior<Command> onUnfinishedRead(UnfinishedRead c) {
    if (c.error() != null) {
      return failed("cannot read which pull requests are unfinished", c.error());
    }
    if (c.unfinished().isEmpty()) {
      followed = Set.of();
      return done(); // nothing to follow: no request at all
    }
    Map<Long, String> unfinished = c.unfinished();
    Instant horizon = horizon();
    context.pipeToSelf(
        wiring
            .client()
            .listPullRequestsByUpdate(repo, read -> readFarEnough(read, unfinished, horizon)),
        (listing, error) -> new Listed(unfinished, listing, error));
    return Behaviors.same();
  }

  /**
   * Far enough once every unfinished pull request was read, or the listing reached back to what the
   * last one saw: older ones have not changed since.
   */
  private static boolean readFarEnough(
      List<PullRequest> read, Map<Long, String> unfinished, Instant horizon) {
    Set<Long> unread = new HashSet<>(unfinished.keySet());
    read.forEach(p -> unread.remove(p.number()));
    if (unread.isEmpty()) {
      return true;
    }
    Instant oldest = read.isEmpty() ? null : read.get(read.size() - 1).updatedAt();
    return horizon != null && oldest != null && oldest.isBefore(horizon);
  }

  private Instant horizon() {
    return watermark == null ? null : watermark.minus(OVERLAP);
  }

  private Behavior<Command> onListed(Listed c) {
    if (c.error() != null) {
      return failed("listing failed", c.error());
    }
    Map<Long, String> unfinished = c.unfinished();
    Listing<PullRequest> listing = c.listing();
    Instant horizon = horizon();
    Map<Long, PullSnapshot> toShow = new LinkedHashMap<>();
    Instant newest = watermark;
    for (PullRequest pull : listing.items()) {
      Instant updated = pull.updatedAt();
      if (!listing.notModified()
          && updated != null
          && (newest == null || updated.isAfter(newest))) {
        newest = updated;
      }
      if (!unfinished.containsKey(pull.number()) || toShow.containsKey(pull.number())) {
        continue; // not ours, finished, or an older copy (it changed while the pages were read)
      }
      boolean changed =
          !listing.notModified()
              && (horizon == null || updated == null || !updated.isBefore(horizon));
      if (changed || !followed.contains(pull.number())) {
        toShow.put(pull.number(), PullSnapshot.of(pull));
      }
    }
    List<Long> unreached = new ArrayList<>();
    for (Long number : unfinished.keySet()) {
      if (!followed.contains(number) && !toShow.containsKey(number)) {
        unreached.add(number);
        toShow.put(number, null); // new to this poller, below the part of the listing read
      }
    }
    if (toShow.isEmpty()) {
      followed = Set.copyOf(unfinished.keySet());
      watermark = newest;
      return done();
    }
    context
        .getLog()
        .debug(
            "pull requests of {}: showing {} to their lifecycles ({} to be read on their own)",
            repo,
            toShow.size(),
            unreached.size());
    Map<Long, CompletableFuture<Done>> answers = new HashMap<>();
    toShow.forEach(
        (number, seen) ->
            answers.put(
                number,
                wiring.lifecycles().changed(unfinished.get(number), seen).toCompletableFuture()));
    Instant newestSeen = newest;
    Set<Long> following = Set.copyOf(unfinished.keySet());
    context.pipeToSelf(
        CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
            .handle((ok, error) -> Done.getInstance()),
        (done, error) -> {
          Set<Long> missed = new HashSet<>();
          answers.forEach(
              (number, answer) -> {
                if (answer.isCompletedExceptionally()) {
                  missed.add(number);
                }
              });
          return new Shown(following, missed, newestSeen);
        });
    return Behaviors.same();
  }

  private Behavior<Command> onShown(Shown c) {
    if (!c.missed().isEmpty()) {
      context
          .getLog()
          .info(
              "pull requests of {}: {} lifecycle(s) did not answer; shown again at the next poll",
              repo,
              c.missed().size());
    }
    Set<Long> nowFollowed = new HashSet<>(c.followed());
    nowFollowed.removeAll(c.missed());
    followed = nowFollowed;
    watermark = c.newest();
    return done();
  }

  private Behavior<Command> failed(String what, Throwable error) {
    String why =
        GitHubError.of(error).map(GitHubError::describe).orElse(String.valueOf(error.getMessage()));
    context.getLog().warn("polling the pull requests of {}: {}: {}", repo, what, why);
    return done();
  }

  private Behavior<Command> done() {
    if (autoSync) {
      timers.startSingleTimer(TICK, Tick.INSTANCE, wiring.interval());
    }
    return idle();
  }
}
