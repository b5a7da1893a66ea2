package org.roadmapsync.pulls;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.pulls.PullRequestLifecycle.BranchMissing;
import org.roadmapsync.pulls.PullRequestLifecycle.ClosedUnmerged;
import org.roadmapsync.pulls.PullRequestLifecycle.Commented;
import org.roadmapsync.pulls.PullRequestLifecycle.Event;
import org.roadmapsync.pulls.PullRequestLifecycle.MergeRefused;
import org.roadmapsync.pulls.PullRequestLifecycle.Merged;
import org.roadmapsync.pulls.PullRequestLifecycle.PullOpened;
import org.roadmapsync.pulls.PullRequestLifecycle.PullUpdated;

/**
 * How each step of a {@link PullRequestPlan} is carried out on GitHub, and the events GitHub's
 * answer makes.
 */
final class PullRequestSteps {

  private final PullContext pulls;

  PullRequestSteps(PullContext pulls) {
    this.pulls = pulls;
  }

  CompletionStage<List<Event>> work(PullRequestState state, PullRequestPlan.Step step) {
    String repo = state.issue().repo();
    PullSnapshot pull = state.pull();
    PullRequestPort github = pulls.github();
    if (step instanceof PullRequestPlan.OpenDraft draft) {
      return openDraft(state, draft);
    } else if (step instanceof PullRequestPlan.UpdateText text) {
      return github
          .edit(repo, pull.number(), text.title(), text.body())
          .thenApply(
              p -> events(new PullUpdated(p, "title and body follow the roadmap issue", now())));
    } else if (step instanceof PullRequestPlan.MarkReady) {
      return github
          .markReady(repo, pull.number(), pull.nodeId())
          .thenApply(p -> events(new PullUpdated(p, "marked ready for review", now())));
    } else if (step instanceof PullRequestPlan.Comment comment) {
      return github
          .comment(repo, pull.number(), comment.text())
          .thenApply(done -> events(new Commented(comment.kind(), now())));
    } else if (step instanceof PullRequestPlan.Merge) {
      return github
          .merge(
              repo, pull.number(), pull.title() + " (#" + pull.number() + ")", pulls.mergeMethod())
          .thenApply(p -> events(new Merged(p, pulls.mergeMethod(), now())))
          .exceptionallyCompose(
              error ->
                  notMergeable(error)
                      .map(
                          reason ->
                              CompletableFuture.completedFuture(
                                  events(new MergeRefused(reason, now()))))
                      .orElseGet(() -> CompletableFuture.failedFuture(error)));
    } else if (step instanceof PullRequestPlan.CloseUnmerged close) {
      return github
          .comment(repo, pull.number(), close.comment())
          .thenCompose(done -> github.close(repo, pull.number()))
          .thenApply(p -> events(new ClosedUnmerged(p, now())));
    }
    throw new IllegalArgumentException("no work for step " + step);
  }

  /**
   * Branch first (none: an error, no pull request), then an open pull request with that head, and
   * only then a new draft.
   */
  CompletionStage<List<Event>> openDraft(PullRequestState state, PullRequestPlan.OpenDraft draft) {
    String repo = state.issue().repo();
    String branch = state.issue().branch();
    PullRequestPort github = pulls.github();
    return github
        .branchExists(repo, branch)
        .thenCompose(
            exists -> {
              if (!exists) {
                return CompletableFuture.completedFuture(
                    events(new BranchMissing(repo, branch, now())));
              }
              return github
                  .findOpen(repo, branch)
                  .thenCompose(
                      found ->
                          found.isPresent()
                              ? CompletableFuture.completedFuture(
                                  events(new PullOpened(found.get(), true, now())))
                              : github
                                  .createDraft(
                                      repo, branch, pulls.baseBranch(), draft.title(), draft.body())
                                  .thenApply(
                                      created -> events(new PullOpened(created, false, now()))));
            });
  }

  /** GitHub's 405 to a merge: the reason, for the history and a new approval. */
  private static Optional<String> notMergeable(Throwable error) {
    return GitHubError.of(error)
        .filter(e -> e instanceof GitHubError.Rejected r && r.status() == 405)
        .map(GitHubError::describe);
  }

  private Instant now() {
    return pulls.clock().instant();
  }

  private static List<Event> events(Event... events) {
    return List.of(events);
  }
}
