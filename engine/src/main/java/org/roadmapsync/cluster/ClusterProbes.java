package org.roadmapsync.cluster;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Pekko Management's two probes, on the admin port: {@code /alive} answers 200 while the actor
 * system runs (a process that answers is not stuck: restart it only when this fails), {@code
 * /ready} answers 200 once this node is an Up member of the cluster (a load balancer sends webhooks
 * only then) and 503 while it joins, leaves or has been downed. The one-node service is its own
 * cluster, so both mean the same there.
 */
public final class ClusterProbes {

  private final ActorSystem<?> system;
  private final Cluster cluster;

  public ClusterProbes(ActorSystem<?> system) {
    this.system = system;
    this.cluster = Cluster.get(system);
  }

  public boolean ready() {
    return !cluster.isTerminated() && cluster.selfMember().status() == MemberStatus.up();
  }

  public boolean alive() {
    return !system.getWhenTerminated().toCompletableFuture().isDone();
  }

  public Route route() {
    return concat(
        path("ready", () -> get(() -> answer(ready(), "ready", "not ready"))),
        path("alive", () -> get(() -> answer(alive(), "alive", "terminating"))));
  }

  private static Route answer(boolean ok, String yes, String no) {
    return ok ? complete(StatusCodes.OK, yes) : complete(StatusCodes.SERVICE_UNAVAILABLE, no);
  }
}
