package org.roadmapsync.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Where a once-per-service daemon runs: a child of the guardian in the one-node service, a cluster
 * singleton in a cluster. Singletons all run on the oldest node, beside the roadmap clone they
 * share, and move together when that node goes; the entities, spread over the nodes, reach the
 * clone through the {@link RoadmapDesk}.
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

  /** The singletons this node has started, for {@code /health}. */
  public List<String> singletons() {
    return List.copyOf(singletons);
  }
}
