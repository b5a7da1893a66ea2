package org.roadmapsync.pulls;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.roadmapsync.github.WebhookEvent;

/**
 * What the admin API, the webhook intake and the pull-request pollers ask of the pull-request
 * lifecycles. Which lifecycle owns a pull request is asked of the {@link PullRequestIndex} first
 * (it knows a pull request the moment its lifecycle journaled it), then of the {@code
 * pull_requests} read table (every pull request, also of lifecycles not started since the last
 * restart).
 */
public final class PullService implements PullRequestPoller.Lifecycles {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(15);

  private final Function<String, EntityRef<PullRequestLifecycle.Command>> lifecycles;
  private final PullRequestRows rows;
  private final PullRequestIndex index;

  private final ActorSystem<?> system;

  public PullService(
      ActorSystem<?> system,
      Function<String, EntityRef<PullRequestLifecycle.Command>> lifecycles,
      PullRequestRows rows,
      PullRequestIndex index) {
    this.system = system;
    this.lifecycles = lifecycles;
    this.rows = rows;
    this.index = index;
  }

  /**
   * Wakes the lifecycles whose pull request is not final, after a restart: sharding starts an
   * entity only when it is sent something, and a lifecycle resumes its step under way (a draft
   * requested, a merge approved) on recovery.
   */
  public CompletionStage<Integer> resumeUnfinished() {
    return rows.unfinished()
        .thenApply(
            ids -> {
              ids.forEach(
                  id ->
                      lifecycles.apply(id).tell(new PullRequestLifecycle.Get(system.ignoreRef())));
              return ids.size();
            });
  }

  public CompletionStage<List<PullRequestRows.PullRow>> list() {
    return rows.list();
  }

  public CompletionStage<List<PullRequestRows.PendingApproval>> pendingApprovals() {
    return rows.pendingApprovals();
  }

  /**
   * A person's decision on an approval; {@link PullRequestLifecycle.Decision#UNKNOWN} for an id
   * never requested.
   */
  public CompletionStage<PullRequestLifecycle.Decision> decide(String approvalId, boolean approve) {
    return rows.approvalOwner(approvalId)
        .thenCompose(
            owner ->
                owner
                    .map(
                        issueId ->
                            lifecycles
                                .apply(issueId)
                                .<PullRequestLifecycle.Decision>ask(
                                    r -> new PullRequestLifecycle.Decide(approvalId, approve, r),
                                    ASK_TIMEOUT))
                    .orElseGet(
                        () ->
                            CompletableFuture.completedFuture(
                                PullRequestLifecycle.Decision.UNKNOWN)));
  }

  /**
   * Hands a {@code pull_request} webhook to the lifecycle that owns the pull request, which reads
   * it from GitHub unless the event shows nothing it does not know. Completes, without waiting for
   * the lifecycle, with whether the pull request is one of ours.
   */
  public CompletionStage<Boolean> onWebhook(WebhookEvent.PullRequestEvent event) {
    if (event.repository() == null) {
      return CompletableFuture.completedFuture(false);
    }
    String repo = event.repository().fullName();
    PullSnapshot seen = event.pullRequest() == null ? null : PullSnapshot.of(event.pullRequest());
    return ownerOf(repo, event.number())
        .thenApply(
            owner -> {
              owner.ifPresent(
                  issueId ->
                      lifecycles
                          .apply(issueId)
                          .tell(new PullRequestLifecycle.PullChanged(seen, system.ignoreRef())));
              return owner.isPresent();
            });
  }

  private CompletionStage<Optional<String>> ownerOf(String repo, long number) {
    Optional<String> announced = index.ownerOf(repo, number);
    return announced.isPresent()
        ? CompletableFuture.completedFuture(announced)
        : rows.pullOwner(repo, number);
  }

  /**
   * Pull request number → roadmap issue, for the pull requests of {@code repo} that can still
   * change (all but merged ones: a closed one may be reopened, and only a poll sees that without
   * its webhook): the table's, corrected by what the lifecycles announced since.
   */
  @Override
  public CompletionStage<Map<Long, String>> unfinishedIn(String repo) {
    return rows.unfinishedIn(repo)
        .thenApply(
            table -> {
              Map<Long, String> unfinished = new HashMap<>(table);
              index
                  .pullsOf(repo)
                  .forEach(
                      (number, owner) -> {
                        if (owner.merged()) {
                          unfinished.remove(number);
                        } else {
                          unfinished.put(number, owner.issueId());
                        }
                      });
              return unfinished;
            });
  }

  @Override
  public CompletionStage<Done> changed(String issueId, PullSnapshot seen) {
    return lifecycles
        .apply(issueId)
        .askWithStatus(r -> new PullRequestLifecycle.PullChanged(seen, r), ASK_TIMEOUT);
  }
}
