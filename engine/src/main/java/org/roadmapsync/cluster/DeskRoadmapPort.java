package org.roadmapsync.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.roadmapsync.roadmap.RoadmapStoreException;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.LocalComment;
import org.roadmapsync.sync.LocalSnapshot;
import org.roadmapsync.sync.RoadmapPort;
import org.roadmapsync.sync.SyncField;

/**
 * An entity's files on a node of a cluster: read and written by the {@link RoadmapDesk} on the node
 * that owns the roadmap clone, wherever the entity runs.
 */
public final class DeskRoadmapPort implements RoadmapPort {

  /**
   * Longer than a hand-over of the desk to a new owner, which first fetches the remote: a round
   * whose file operation takes longer fails as retryable and is requeued.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ActorRef<RoadmapDesk.Command> desk;
  private final ActorSystem<?> system;

  public DeskRoadmapPort(ActorRef<RoadmapDesk.Command> desk, ActorSystem<?> system) {
    this.desk = desk;
    this.system = system;
  }

  @Override
  public CompletionStage<LocalSnapshot> read(String id) {
    return ask(id, replyTo -> new RoadmapDesk.Read(id, replyTo));
  }

  @Override
  public CompletionStage<LocalSnapshot> write(
      String id, IssueFields target, Set<SyncField> fields, String expectedHash) {
    return ask(id, replyTo -> new RoadmapDesk.Write(id, target, fields, expectedHash, replyTo));
  }

  @Override
  public CompletionStage<LocalSnapshot> writeLink(String id, Long number, String expectedHash) {
    return ask(id, replyTo -> new RoadmapDesk.WriteLink(id, number, expectedHash, replyTo));
  }

  @Override
  public CompletionStage<LocalSnapshot> writeComments(
      String id, List<LocalComment> comments, String expectedHash) {
    return ask(id, replyTo -> new RoadmapDesk.WriteComments(id, comments, expectedHash, replyTo));
  }

  private CompletionStage<LocalSnapshot> ask(
      String id, Function<ActorRef<RoadmapDesk.Answer>, RoadmapDesk.Command> command) {
    return AskPattern.ask(desk, command::apply, TIMEOUT, system.scheduler())
        .thenCompose(answer -> outcome(id, answer));
  }

  private static CompletionStage<LocalSnapshot> outcome(String id, RoadmapDesk.Answer answer) {
    if (answer.error() == null) {
      return CompletableFuture.completedFuture(answer.snapshot());
    }
    RuntimeException failure =
        answer.stale()
            ? new RoadmapStoreException.StaleIssue(id, answer.expectedHash(), answer.actualHash())
            : new IllegalStateException(answer.error());
    return CompletableFuture.failedFuture(failure);
  }
}
