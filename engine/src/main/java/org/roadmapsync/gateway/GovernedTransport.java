package org.roadmapsync.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubException;
import org.roadmapsync.github.GitHubRequest;
import org.roadmapsync.github.GitHubResponse;
import org.roadmapsync.github.GitHubTransport;

/**
 * A transport that asks the {@link RateLimitGovernor} for a permit before each request and gives it
 * back with the outcome. Use {@code client.withTransport(GovernedTransport.wrap(governor, priority,
 * ...))}: one client per {@link Priority}, all sharing the inner transport (and so its ETag cache).
 */
public final class GovernedTransport implements GitHubTransport {

  /** What a request that never got a permit waited for: it was never sent. */
  static final String PERMIT_WAIT = "waiting for a rate-limit permit";

  private final GitHubTransport inner;
  private final ActorRef<RateLimitGovernor.Command> governor;
  private final Priority priority;
  private final Scheduler scheduler;
  private final Duration maxWait;

  private GovernedTransport(
      GitHubTransport inner,
      ActorRef<RateLimitGovernor.Command> governor,
      Priority priority,
      Scheduler scheduler,
      Duration maxWait) {
    this.inner = inner;
    this.governor = governor;
    this.priority = priority;
    this.scheduler = scheduler;
    this.maxWait = maxWait;
  }

  /**
   * @param maxWait the longest a request waits for its permit (longer than any hold GitHub asks
   *     for); then it fails with a retryable {@link GitHubError.Timeout}
   */
  public static UnaryOperator<GitHubTransport> wrap(
      ActorRef<RateLimitGovernor.Command> governor,
      Priority priority,
      Scheduler scheduler,
      Duration maxWait) {
    return inner -> new GovernedTransport(inner, governor, priority, scheduler, maxWait);
  }

  @Override
  public CompletionStage<GitHubResponse> execute(GitHubRequest request) {
    CompletionStage<RateLimitGovernor.Permit> permit =
        AskPattern.ask(
            governor,
            replyTo -> new RateLimitGovernor.Acquire(request, priority, replyTo),
            maxWait,
            scheduler);
    return permit
        .handle(
            (granted, failure) -> {
              if (failure == null) {
                return send(request, granted);
              }
              GitHubError error =
                  failure instanceof TimeoutException
                          || failure.getCause() instanceof TimeoutException
                      ? new GitHubError.Timeout(PERMIT_WAIT, maxWait)
                      : new GitHubError.ConnectionFailed(
                          "rate-limit governor unavailable: " + failure.getMessage());
              return CompletableFuture.<GitHubResponse>failedFuture(new GitHubException(error));
            })
        .thenCompose(response -> response);
  }

  private CompletionStage<GitHubResponse> send(
      GitHubRequest request, RateLimitGovernor.Permit permit) {
    CompletionStage<GitHubResponse> response;
    try {
      response = inner.execute(request);
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    return response.whenComplete(
        (ok, failure) ->
            governor.tell(
                new RateLimitGovernor.Release(
                    permit.id(), failure == null ? Optional.empty() : GitHubError.of(failure))));
  }
}
