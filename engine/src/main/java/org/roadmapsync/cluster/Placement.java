package org.roadmapsync.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Where a once-per-service daemon runs: a child of the guardian in the one-node service, a cluster
 * singleton in a cluster. Singletons all run on the oldest node, which is also where the shards
 * live (see {@link OldestNodeAllocation}), so the daemons, the entities and the roadmap clone they
 * share are on one machine and move together when that node goes.
 */
public final class Placement {

  private final ActorContext<?> context;
  private final boolean clustered;
  private final List<String> singletons = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Done> cloneCurrent = new CompletableFuture<>();

  private Placement(ActorContext<?> context, boolean clustered) {
    this.context = context;
    this.clustered = clustered;
  }

  public static Placement local(ActorContext<?> context) {
    var placement = new Placement(context, false);
    // one node: the clone was brought up to date before anything started (CloneStartup)
    placement.cloneCurrent.complete(Done.getInstance());
    return placement;
  }

  public static Placement clustered(ActorContext<?> context) {
    return new Placement(context, true);
  }

  public boolean clustered() {
    return clustered;
  }

  /**
   * Starts {@code behavior} once in the service. In a cluster the returned reference is the
   * singleton's proxy: messages sent while the singleton moves are buffered until it is back.
   */
  public <T> ActorRef<T> once(Behavior<T> behavior, String name) {
    if (!clustered) {
      return context.spawn(behavior, name);
    }
    singletons.add(name);
    return ClusterSingleton.get(context.getSystem()).init(SingletonActor.of(behavior, name));
  }

  /**
   * Like {@link #once}, for a daemon that reads the roadmap clone: in a cluster it starts only once
   * this node's clone has fetched the remote since the node took the singletons over.
   */
  public <T> ActorRef<T> onceCloneIsCurrent(Behavior<T> behavior, String name) {
    return once(clustered ? AfterClone.gate(cloneCurrent, behavior) : behavior, name);
  }

  /** Called by the clone's actor after each fetch that succeeded. */
  public void cloneFetched() {
    cloneCurrent.complete(Done.getInstance());
  }

  public CompletionStage<Done> cloneCurrent() {
    return cloneCurrent;
  }

  /** An entity type whose shards live beside the clone in a cluster, as today on one node. */
  public <M, E> Entity<M, E> home(Entity<M, E> entity) {
    if (!clustered) {
      return entity;
    }
    return entity.withAllocationStrategy(
        new OldestNodeAllocation(Cluster.get(Adapter.toClassic(context.getSystem()))));
  }

  /** The singletons this node has started, for {@code /health}. */
  public List<String> singletons() {
    return List.copyOf(singletons);
  }
}
