package org.roadmapsync.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.roadmapsync.sync.GitHubPort;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.RemoteComment;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.SyncField;
import org.roadmapsync.sync.Trigger;

/**
 * The issue entities' {@link GitHubPort}: every call becomes an {@link Operation} of the {@link
 * OperationQueue} at the priority of the trigger that started the entity's round ({@link
 * #forTrigger}).
 */
public final class QueuedGitHubPort implements GitHubPort {

  private final ActorRef<OperationQueue.Command> queue;
  private final Priority priority;

  public QueuedGitHubPort(ActorRef<OperationQueue.Command> queue, Priority priority) {
    this.queue = queue;
    this.priority = priority;
  }

  @Override
  public GitHubPort forTrigger(Trigger trigger) {
    Priority p = Priority.of(trigger);
    return p == priority ? this : new QueuedGitHubPort(queue, p);
  }

  @Override
  public CompletionStage<RemoteSnapshot> fetch(IssueLink link) {
    return submit(new Operation.Fetch(link));
  }

  @Override
  public CompletionStage<RemoteSnapshot> push(
      IssueLink link, String roadmapId, IssueFields target, Set<SyncField> fields) {
    return submit(new Operation.Push(link, roadmapId, target, fields));
  }

  @Override
  public CompletionStage<RemoteSnapshot> create(String repo, String roadmapId, IssueFields fields) {
    return submit(new Operation.Create(repo, roadmapId, fields));
  }

  @Override
  public CompletionStage<Optional<RemoteSnapshot>> findPublished(
      String repo, String roadmapId, Instant since) {
    return submit(new Operation.FindPublished(repo, roadmapId, since));
  }

  @Override
  public CompletionStage<List<RemoteComment>> comments(IssueLink link) {
    return submit(new Operation.ReadComments(link));
  }

  @Override
  public CompletionStage<RemoteComment> postComment(IssueLink link, String body) {
    return submit(new Operation.PostComment(link, body));
  }

  @Override
  public CompletionStage<RemoteComment> editComment(String repo, long id, String body) {
    return submit(new Operation.EditComment(repo, id, body));
  }

  @Override
  public CompletionStage<Void> deleteComment(String repo, long id) {
    return submit(new Operation.DeleteComment(repo, id));
  }

  private <T> CompletionStage<T> submit(Operation operation) {
    return OperationQueue.submit(queue, operation, priority);
  }
}
