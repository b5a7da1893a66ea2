package org.roadmapsync.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.github.GitHubTransport;
import org.roadmapsync.github.RateLimitListener;
import org.roadmapsync.persistence.JournalFlush;
import org.roadmapsync.pulls.PullRequestPort;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.GitHubPort;

/**
 * The way to GitHub, assembled: the {@link RateLimitGovernor} (fed by the client's rate-limit
 * headers), one governed client per {@link Priority}, and the {@link OperationQueue} behind the
 * issue entities' port and the pull-request lifecycle's ({@code pulls}, at {@link Priority#WATCH}:
 * roadmap edits drive it). Anything else that calls GitHub (poller, health monitor) takes {@link
 * #client(Priority)}, never a client of its own.
 */
public record GitHubGateway(
    ActorRef<RateLimitGovernor.Command> governor,
    ActorRef<OperationQueue.Command> queue,
    Map<Priority, GitHubClient> clients,
    GitHubPort port,
    PullRequestPort pulls) {

  /** Longest wait for a permit: longer than a spent primary quota's hour. */
  public static final Duration MAX_PERMIT_WAIT = Duration.ofMinutes(90);

  public GitHubClient client(Priority priority) {
    return clients.get(priority);
  }

  /** Holds, waits, quota and waiting requests, for {@code /health} and {@code /metrics}. */
  public CompletionStage<RateLimitGovernor.State> governorState(
      Scheduler scheduler, Duration timeout) {
    return AskPattern.ask(governor, RateLimitGovernor.GetState::new, timeout, scheduler);
  }

  /** Queue depth, retries and failures, for {@code /metrics}. */
  public CompletionStage<OperationQueue.State> queueState(Scheduler scheduler, Duration timeout) {
    return AskPattern.ask(queue, OperationQueue.GetState::new, timeout, scheduler);
  }

  /**
   * What else watches the traffic: a listener for every response's rate-limit headers (besides the
   * governor), a wrapper of the network transport (inside the governor, so it sees real requests),
   * and a callback after each successful sync call.
   */
  public record Observers(
      RateLimitListener rateLimits,
      UnaryOperator<GitHubTransport> network,
      Runnable syncSucceeded,
      GatewayEvents events) {
    public static final Observers NONE =
        new Observers(
            RateLimitListener.NONE, UnaryOperator.identity(), () -> {}, GatewayEvents.NONE);
  }

  /** Where the governor and the queue live: an actor's children, or a test kit's. */
  public interface Spawner {
    <T> ActorRef<T> spawn(Behavior<T> behavior, String name);

    /** The governor: one per token, so in a cluster one for all nodes (a cluster singleton). */
    default ActorRef<RateLimitGovernor.Command> spawnGovernor(
        Behavior<RateLimitGovernor.Command> behavior, String name) {
      return spawn(behavior, name);
    }
  }

  /** Spawns the governor and the queue as children of {@code context}. */
  public static GitHubGateway start(
      ActorContext<?> context,
      GitHubClientSettings clientSettings,
      FieldMapping mapping,
      PacingLimits limits,
      RetryPolicy retry,
      Clock clock,
      Observers observers,
      JournalFlush journalFlush) {
    return start(
        context::spawn,
        context.getSystem(),
        clientSettings,
        mapping,
        limits,
        retry,
        clock,
        observers,
        journalFlush);
  }

  public static GitHubGateway start(
      Spawner context,
      ActorSystem<?> system,
      GitHubClientSettings clientSettings,
      FieldMapping mapping,
      PacingLimits limits,
      RetryPolicy retry,
      Clock clock) {
    return start(
        context,
        system,
        clientSettings,
        mapping,
        limits,
        retry,
        clock,
        Observers.NONE,
        JournalFlush.NONE);
  }

  public static GitHubGateway start(
      Spawner context,
      ActorSystem<?> system,
      GitHubClientSettings clientSettings,
      FieldMapping mapping,
      PacingLimits limits,
      RetryPolicy retry,
      Clock clock,
      Observers observers,
      JournalFlush journalFlush) {
    ActorRef<RateLimitGovernor.Command> governor =
        context.spawnGovernor(
            RateLimitGovernor.create(limits, clock, observers.events()), "github-governor");
    var base =
        new GitHubClient(
                system,
                clientSettings,
                snapshot -> {
                  governor.tell(new RateLimitGovernor.RateLimitSeen(snapshot));
                  observers.rateLimits().onRateLimit(snapshot);
                })
            .withTransport(observers.network());
    Map<Priority, GitHubClient> clients = new EnumMap<>(Priority.class);
    Map<Priority, Operation.Ports> executors = new EnumMap<>(Priority.class);
    IssueTypeCatalog issueTypes = new IssueTypeCatalog();
    for (Priority p : Priority.values()) {
      GitHubClient client =
          base.withTransport(
              GovernedTransport.wrap(governor, p, system.scheduler(), MAX_PERMIT_WAIT));
      clients.put(p, client);
      executors.put(
          p,
          new Operation.Ports(
              new ClientGitHubPort(client, mapping, observers.syncSucceeded(), issueTypes),
              new ClientPullRequestPort(client)));
    }
    ActorRef<OperationQueue.Command> queue =
        context.spawn(
            OperationQueue.create(
                executors::get,
                OperationQueue.Settings.of(retry).withJournalFlush(journalFlush),
                observers.events()),
            "github-operations");
    return new GitHubGateway(
        governor,
        queue,
        Map.copyOf(clients),
        new QueuedGitHubPort(queue, Priority.INTERACTIVE),
        new QueuedPullRequestPort(queue, Priority.WATCH));
  }
}
