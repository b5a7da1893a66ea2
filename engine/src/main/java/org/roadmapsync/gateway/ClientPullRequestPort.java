package org.roadmapsync.gateway;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.IssueState;
import org.roadmapsync.github.NewPullRequest;
import org.roadmapsync.github.PullRequestPatch;
import org.roadmapsync.pulls.PullRequestPort;
import org.roadmapsync.pulls.PullSnapshot;

/**
 * Runs each pull-request operation once through a (governed) REST client; the {@link
 * OperationQueue} decides when.
 */
public final class ClientPullRequestPort implements PullRequestPort {

  private final GitHubClient client;

  public ClientPullRequestPort(GitHubClient client) {
    this.client = client;
  }

  @Override
  public CompletionStage<Boolean> branchExists(String repo, String branch) {
    return client.branchExists(RepoRef.parse(repo), branch);
  }

  @Override
  public CompletionStage<Optional<PullSnapshot>> findOpen(String repo, String branch) {
    RepoRef ref = RepoRef.parse(repo);
    return client
        .listPullRequestsByHead(ref, ref.owner() + ":" + branch)
        .thenApply(
            pulls ->
                pulls.stream()
                    .filter(p -> p.state() == IssueState.OPEN)
                    .findFirst()
                    .map(PullSnapshot::of));
  }

  @Override
  public CompletionStage<PullSnapshot> get(String repo, long number) {
    return client.getPullRequest(RepoRef.parse(repo), number).thenApply(PullSnapshot::of);
  }

  @Override
  public CompletionStage<PullSnapshot> createDraft(
      String repo, String branch, String base, String title, String body) {
    return client
        .createPullRequest(RepoRef.parse(repo), new NewPullRequest(title, body, branch, base, true))
        .thenApply(PullSnapshot::of);
  }

  @Override
  public CompletionStage<PullSnapshot> edit(String repo, long number, String title, String body) {
    return client
        .updatePullRequest(
            RepoRef.parse(repo), number, PullRequestPatch.empty().withTitle(title).withBody(body))
        .thenApply(PullSnapshot::of);
  }

  @Override
  public CompletionStage<PullSnapshot> markReady(String repo, long number, String nodeId) {
    return client.markReadyForReview(nodeId).thenCompose(done -> get(repo, number));
  }

  @Override
  public CompletionStage<Done> comment(String repo, long number, String text) {
    return client
        .createComment(RepoRef.parse(repo), number, text)
        .thenApply(c -> Done.getInstance());
  }

  @Override
  public CompletionStage<PullSnapshot> merge(
      String repo, long number, String commitTitle, String method) {
    return client
        .mergePullRequest(RepoRef.parse(repo), number, commitTitle, method)
        .thenCompose(result -> get(repo, number));
  }

  @Override
  public CompletionStage<PullSnapshot> close(String repo, long number) {
    return client
        .updatePullRequest(
            RepoRef.parse(repo), number, PullRequestPatch.empty().withState(IssueState.CLOSED))
        .thenApply(PullSnapshot::of);
  }
}
