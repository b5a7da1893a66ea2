package org.roadmapsync.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.roadmapsync.github.GitHubClient;

/**
 * Checks GitHub at a fixed interval with one {@code GET /rate_limit}, which spends no quota: it
 * answers only an accepted token (a wrong or revoked one gets 401), with the quota in its body and
 * the token's scopes in its {@code X-OAuth-Scopes} header. An idle service therefore checks its
 * health for free. The outcome is kept where {@code /health} reads it without waiting: a request to
 * {@code /health} never reaches GitHub. One check at a time; a tick during a slow check is skipped.
 */
public final class GitHubHealthMonitor {

  public sealed interface Command {}

  /** Check now (the timer's tick; also useful after the token or the network changed). */
  public enum CheckNow implements Command {
    INSTANCE
  }

  /** The engine talked to GitHub successfully on behalf of an issue. */
  public record SyncSucceeded(Instant at) implements Command {}

  /**
   * Something more to run when a check succeeds after failures, e.g. sync the issues that failed
   * meanwhile, or ask for the webhook deliveries that failed.
   */
  public record WhenRecovered(Runnable action) implements Command {}

  private record Checked(GitHubProbe probe) implements Command {}

  /** The running monitor: its last result, and the way to tell it about successful syncs. */
  public record Handle(ActorRef<Command> ref, Supplier<GitHubHealth> latest) {

    public void syncSucceeded(Instant at) {
      ref.tell(new SyncSucceeded(at));
    }

    public void whenRecovered(Runnable action) {
      ref.tell(new WhenRecovered(action));
    }
  }

  public static Handle spawn(
      ActorContext<?> context, GitHubClient client, Duration interval, Clock clock) {
    AtomicReference<GitHubHealth> latest =
        new AtomicReference<>(GitHubHealth.notYetChecked(clock.instant()));
    ActorRef<Command> ref =
        context.spawn(create(client, interval, clock, latest), "github-health-monitor");
    return new Handle(ref, latest::get);
  }

  /**
   * Restarted with backoff after a failure; what it knows (the last result, the recovery action) is
   * kept outside the actor and survives the restart.
   */
  static Behavior<Command> create(
      GitHubClient client, Duration interval, Clock clock, AtomicReference<GitHubHealth> latest) {
    List<Runnable> onRecovered = new CopyOnWriteArrayList<>();
    return Behaviors.<Command>supervise(
            Behaviors.setup(
                context ->
                    Behaviors.withTimers(
                        timers ->
                            new GitHubHealthMonitor(
                                    context, timers, client, interval, clock, latest, onRecovered)
                                .idle())))
        .onFailure(
            SupervisorStrategy.restartWithBackoff(
                Duration.ofMillis(200), Duration.ofSeconds(30), 0.2));
  }

  private final ActorContext<Command> context;
  private final GitHubClient client;
  private final Clock clock;
  private final AtomicReference<GitHubHealth> latest;
  private final List<Runnable> onRecovered;

  private GitHubHealthMonitor(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      GitHubClient client,
      Duration interval,
      Clock clock,
      AtomicReference<GitHubHealth> latest,
      List<Runnable> onRecovered) {
    this.context = context;
    this.onRecovered = onRecovered;
    context.setLoggerName(GitHubHealthMonitor.class);
    this.client = client;
    this.clock = clock;
    this.latest = latest;
    timers.startTimerWithFixedDelay(CheckNow.INSTANCE, CheckNow.INSTANCE, Duration.ZERO, interval);
  }

  private Behavior<Command> idle() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(CheckNow.INSTANCE, this::check)
        .onMessage(SyncSucceeded.class, this::onSyncSucceeded)
        .onMessage(WhenRecovered.class, this::onWhenRecovered)
        .build();
  }

  private Behavior<Command> checking() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(CheckNow.INSTANCE, Behaviors::same)
        .onMessage(SyncSucceeded.class, this::onSyncSucceeded)
        .onMessage(WhenRecovered.class, this::onWhenRecovered)
        .onMessage(Checked.class, this::onChecked)
        .build();
  }

  private Behavior<Command> check() {
    context.pipeToSelf(
        client.rateLimit(), (answer, error) -> new Checked(GitHubProbe.of(answer, error)));
    return checking();
  }

  private Behavior<Command> onChecked(Checked checked) {
    GitHubHealth before = latest.get();
    GitHubHealth after = GitHubHealthAssessment.assess(before, checked.probe(), clock.instant());
    latest.set(after);
    if (after.status() != before.status()) {
      if (after.status() == GitHubHealth.Status.UP) {
        context.getLog().info("GitHub is {} (reachable, token accepted)", after.status());
      } else {
        context.getLog().warn("GitHub is {}: {}", after.status(), after.lastError());
      }
    }
    if (before.consecutiveFailures() > 0 && after.consecutiveFailures() == 0) {
      context
          .getLog()
          .info("GitHub answers again after {} failed checks", before.consecutiveFailures());
      onRecovered.forEach(Runnable::run);
    }
    return idle();
  }

  private Behavior<Command> onSyncSucceeded(SyncSucceeded success) {
    latest.updateAndGet(
        h ->
            h.lastSuccessfulSync() != null && h.lastSuccessfulSync().isAfter(success.at())
                ? h
                : h.withLastSuccessfulSync(success.at()));
    return Behaviors.same();
  }

  private Behavior<Command> onWhenRecovered(WhenRecovered when) {
    onRecovered.add(when.action());
    return Behaviors.same();
  }
}
