package org.roadmapsync.gateway;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.roadmapsync.pulls.PullRequestPort;
import org.roadmapsync.pulls.PullSnapshot;

/**
 * The pull-request lifecycle's {@link PullRequestPort}: every call becomes an {@link Operation} of
 * the {@link OperationQueue}.
 */
public final class QueuedPullRequestPort implements PullRequestPort {

  private final ActorRef<OperationQueue.Command> queue;
  private final Priority priority;

  public QueuedPullRequestPort(ActorRef<OperationQueue.Command> queue, Priority priority) {
    this.queue = queue;
    this.priority = priority;
  }

  @Override
  public CompletionStage<Boolean> branchExists(String repo, String branch) {
    return submit(new Operation.BranchExists(repo, branch));
  }

  @Override
  public CompletionStage<Optional<PullSnapshot>> findOpen(String repo, String branch) {
    return submit(new Operation.FindPull(repo, branch));
  }

  @Override
  public CompletionStage<PullSnapshot> get(String repo, long number) {
    return submit(new Operation.GetPull(repo, number));
  }

  @Override
  public CompletionStage<PullSnapshot> createDraft(
      String repo, String branch, String base, String title, String body) {
    return submit(new Operation.CreatePull(repo, branch, base, title, body));
  }

  @Override
  public CompletionStage<PullSnapshot> edit(String repo, long number, String title, String body) {
    return submit(new Operation.EditPull(repo, number, title, body));
  }

  @Override
  public CompletionStage<PullSnapshot> markReady(String repo, long number, String nodeId) {
    return submit(new Operation.MarkReady(repo, number, nodeId));
  }

  @Override
  public CompletionStage<Done> comment(String repo, long number, String text) {
    return submit(new Operation.CommentPull(repo, number, text));
  }

  @Override
  public CompletionStage<PullSnapshot> merge(
      String repo, long number, String commitTitle, String method) {
    return submit(new Operation.MergePull(repo, number, commitTitle, method));
  }

  @Override
  public CompletionStage<PullSnapshot> close(String repo, long number) {
    return submit(new Operation.ClosePull(repo, number));
  }

  private <T> CompletionStage<T> submit(Operation operation) {
    return OperationQueue.submit(queue, operation, priority);
  }
}
