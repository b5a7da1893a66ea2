package org.roadmapsync.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.RateLimitSnapshot;

/**
 * The periodic side of sync: one {@link RepositoryPoller} per repository, switched on and off
 * together ({@code PUT /api/auto-sync}), and the progress of their runs ({@code GET /api/sync}).
 */
public final class PollScheduler {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  /** {@code GET /api/sync}: the most recently started run, and every repository's last run. */
  public record Overview(
      boolean autoSync,
      String repo,
      String state,
      int total,
      int done,
      int failed,
      Instant startedAt,
      Instant finishedAt,
      String error,
      List<SyncRun.Progress> repositories) {}

  /**
   * Something else polled on this schedule (the pull requests): told when a poll is asked for now
   * and when periodic polling is switched on or off.
   */
  public interface Follower {
    void pollNow();

    void setAutoSync(boolean enabled);
  }

  private final ActorSystem<?> system;
  private final Map<RepoRef, ActorRef<RepositoryPoller.Command>> pollers = new LinkedHashMap<>();
  private final List<Follower> followers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean autoSync;

  private PollScheduler(ActorSystem<?> system, boolean autoSync) {
    this.system = system;
    this.autoSync = new AtomicBoolean(autoSync);
  }

  /**
   * Spawns a poller per repository. Each sees the rate limit of its own responses through a
   * transport wrapper, to slow down when the quota runs low.
   *
   * @param spawner where each poller runs: a child of {@code context}, or in a cluster a singleton
   *     (a repository is polled once however many nodes there are)
   */
  public static PollScheduler start(
      ActorContext<?> context,
      List<RepoRef> repos,
      GitHubClient client,
      RepositoryPoller.Wiring template,
      BiFunction<Behavior<RepositoryPoller.Command>, String, ActorRef<RepositoryPoller.Command>>
          spawner) {
    PollScheduler scheduler = new PollScheduler(context.getSystem(), template.autoSync());
    for (RepoRef repo : repos) {
      AtomicReference<Optional<RateLimitSnapshot>> lastRateLimit =
          new AtomicReference<>(Optional.empty());
      GitHubClient observed =
          client.withTransport(
              inner ->
                  request ->
                      inner
                          .execute(request)
                          .thenApply(
                              response -> {
                                response
                                    .rateLimit()
                                    .ifPresent(r -> lastRateLimit.set(Optional.of(r)));
                                return response;
                              }));
      var wiring =
          new RepositoryPoller.Wiring(
              observed,
              template.mapping(),
              template.links(),
              template.entities(),
              lastRateLimit::get,
              template.interval(),
              template.autoSync(),
              template.clock(),
              template.roadmapLoaded());
      scheduler.pollers.put(
          repo,
          spawner.apply(
              RepositoryPoller.create(repo, wiring),
              "poller-" + repo.toString().replace('/', '~')));
    }
    return scheduler;
  }

  public boolean autoSync() {
    return autoSync.get();
  }

  public void follow(Follower follower) {
    followers.add(follower);
  }

  public void setAutoSync(boolean enabled) {
    autoSync.set(enabled);
    pollers.values().forEach(p -> p.tell(new RepositoryPoller.SetAutoSync(enabled)));
    followers.forEach(f -> f.setAutoSync(enabled));
  }

  /** Polls every repository now (a run already under way is not started twice). */
  public void pollNow() {
    pollers.values().forEach(p -> p.tell(RepositoryPoller.Tick.INSTANCE));
    followers.forEach(Follower::pollNow);
  }

  public CompletionStage<Overview> overview() {
    List<CompletableFuture<SyncRun.Progress>> asks = new ArrayList<>();
    pollers
        .values()
        .forEach(
            p ->
                asks.add(
                    AskPattern.<RepositoryPoller.Command, SyncRun.Progress>ask(
                            p, RepositoryPoller.GetProgress::new, ASK_TIMEOUT, system.scheduler())
                        .toCompletableFuture()));
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<SyncRun.Progress> runs = asks.stream().map(CompletableFuture::join).toList();
              SyncRun.Progress last =
                  runs.stream()
                      .filter(r -> r.startedAt() != null)
                      .max(Comparator.comparing(SyncRun.Progress::startedAt))
                      .orElse(runs.isEmpty() ? SyncRun.Progress.neverRun(null) : runs.get(0));
              return new Overview(
                  autoSync.get(),
                  last.repo(),
                  last.state(),
                  last.total(),
                  last.done(),
                  last.failed(),
                  last.startedAt(),
                  last.finishedAt(),
                  last.error(),
                  runs);
            });
  }
}
