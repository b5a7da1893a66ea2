package org.roadmapsync.cluster;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.roadmapsync.gateway.GitHubGateway;
import org.roadmapsync.gateway.RateLimitGovernor;

/**
 * Where the gateway's actors go: the rate-limit governor once per service (GitHub's budget is one
 * per token, however many nodes spend it), the operation queue on every node. In a cluster the
 * governor is a singleton and every node's requests ask it for their permits.
 */
public final class GovernorSingleton implements GitHubGateway.Spawner {

  private final ActorContext<?> context;
  private final Placement placement;

  public GovernorSingleton(ActorContext<?> context, Placement placement) {
    this.context = context;
    this.placement = placement;
  }

  @Override
  public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
    return context.spawn(behavior, name);
  }

  @Override
  public ActorRef<RateLimitGovernor.Command> spawnGovernor(
      Behavior<RateLimitGovernor.Command> behavior, String name) {
    return placement.once(behavior, name);
  }
}
