package org.roadmapsync.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/** What the admin API asks of sync: issue entities by id, the roadmap side, and the read tables. */
public final class SyncService {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(15);

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final ActorRef<RoadmapObserver.Command> observer;
  private final IssueSyncRows rows;
  private final LinkDirectory links;
  private volatile ActorRef<DependencySync.Command> dependencies;

  public SyncService(
      ActorSystem<?> system,
      ActorRef<RoadmapObserver.Command> observer,
      IssueSyncRows rows,
      LinkDirectory links) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.observer = observer;
    this.rows = rows;
    this.links = links;
  }

  /** The dependencies' sync, once it runs (none without a token). */
  public void dependenciesFrom(ActorRef<DependencySync.Command> sync) {
    this.dependencies = sync;
  }

  /**
   * What the dependencies' sync knows of issue {@code id}'s relations; empty when it does not run.
   */
  public CompletionStage<Optional<DependencySync.IssueDependencies>> dependencies(String id) {
    var sync = dependencies;
    if (sync == null) {
      return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
    }
    return org.apache.pekko.actor.typed.javadsl.AskPattern
        .<DependencySync.Command, DependencySync.IssueDependencies>ask(
            sync,
            replyTo -> new DependencySync.Status(id, replyTo),
            Duration.ofSeconds(5),
            system.scheduler())
        .thenApply(Optional::of)
        .exceptionally(error -> Optional.empty());
  }

  public IssueSyncRows rows() {
    return rows;
  }

  /** Which roadmap issue a GitHub issue is linked to, as the entities know it now. */
  public LinkDirectory links() {
    return links;
  }

  private EntityRef<IssueSyncEntity.Command> issue(String id) {
    return sharding.entityRefFor(IssueSyncEntity.ENTITY_KEY, id);
  }

  /** The entity's state, or empty for an id no roadmap file or link ever named. */
  public CompletionStage<Optional<IssueSyncState>> state(String id) {
    return issue(id)
        .<IssueSyncState>ask(IssueSyncEntity.Get::new, ASK_TIMEOUT)
        .thenApply(
            s ->
                s.local() == null && s.link() == null && s.localProblem() == null
                    ? Optional.empty()
                    : Optional.of(s));
  }

  public CompletionStage<Done> syncNow(String id) {
    return issue(id)
        .askWithStatus(r -> new IssueSyncEntity.SyncNow(Trigger.MANUAL, r), ASK_TIMEOUT);
  }

  /** Tries every issue in error again now; answers how many. */
  public CompletionStage<Integer> syncErrored() {
    return list(Optional.of(SyncStatus.ERROR))
        .thenApply(
            errors -> {
              errors.forEach(row -> syncNow(row.id()));
              return errors.size();
            });
  }

  public CompletionStage<Done> resolve(
      String id, Map<SyncField, Side> choices, Map<Integer, Side> commentChoices) {
    return issue(id)
        .askWithStatus(r -> new IssueSyncEntity.Resolve(choices, commentChoices, r), ASK_TIMEOUT);
  }

  public CompletionStage<Done> link(String id, IssueLink link) {
    return issue(id).askWithStatus(r -> new IssueSyncEntity.Link(link, r), ASK_TIMEOUT);
  }

  public CompletionStage<Done> unlink(String id) {
    return issue(id).askWithStatus(IssueSyncEntity.Unlink::new, ASK_TIMEOUT);
  }

  public CompletionStage<IssueLink> publish(String id) {
    return issue(id).askWithStatus(IssueSyncEntity.Publish::new, ASK_TIMEOUT);
  }

  public CompletionStage<List<IssueSyncRows.IssueRow>> list(Optional<SyncStatus> status) {
    return rows.list(status);
  }
}
