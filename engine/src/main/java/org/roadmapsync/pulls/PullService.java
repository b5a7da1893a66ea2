package org.roadmapsync.pulls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.roadmapsync.github.WebhookEvent;

/** What the admin API and the webhook intake ask of the pull-request lifecycles. */
public final class PullService {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(15);

  private final Function<String, EntityRef<PullRequestLifecycle.Command>> lifecycles;
  private final PullRequestRows rows;

  private final ActorSystem<?> system;

  public PullService(
      ActorSystem<?> system,
      Function<String, EntityRef<PullRequestLifecycle.Command>> lifecycles,
      PullRequestRows rows) {
    this.system = system;
    this.lifecycles = lifecycles;
    this.rows = rows;
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
   * Routes a {@code pull_request} webhook to the lifecycle that owns the pull request (which then
   * reads it from GitHub); one of ours or not, answered at once. Answers whether the event names a
   * repository at all.
   */
  public boolean onWebhook(WebhookEvent.PullRequestEvent event) {
    if (event.repository() == null) {
      return false;
    }
    rows.pullOwner(event.repository().fullName(), event.number())
        .thenCompose(
            owner ->
                owner
                    .map(
                        issueId ->
                            lifecycles
                                .apply(issueId)
                                .askWithStatus(PullRequestLifecycle.PullChanged::new, ASK_TIMEOUT))
                    .orElseGet(() -> CompletableFuture.completedFuture(Done.getInstance())));
    return true;
  }
}
