package org.roadmapsync.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;

/**
 * The cluster as {@code /health} shows it under {@code infrastructure.cluster}: this node, its
 * members and their status, the unreachable ones, and where the singletons run (the oldest node
 * that is up: Pekko's singleton manager runs them there). Read from the node's own view, in memory.
 */
public final class ClusterHealth {

  private final Cluster cluster;
  private final Placement placement;

  public ClusterHealth(ActorSystem<?> system, Placement placement) {
    this.cluster = Cluster.get(system);
    this.placement = placement;
  }

  public Map<String, Object> report() {
    var state = cluster.state();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("self", cluster.selfAddress().toString());
    report.put("status", cluster.selfMember().status().toString());
    report.put("leader", state.getLeader() == null ? null : state.getLeader().toString());
    Map<String, String> members = new LinkedHashMap<>();
    StreamSupport.stream(state.getMembers().spliterator(), false)
        .forEach(m -> members.put(m.address().toString(), m.status().toString()));
    report.put("members", members);
    List<String> unreachable =
        state.getUnreachable().stream().map(m -> m.address().toString()).toList();
    report.put("unreachable", unreachable);
    String host =
        OldestNodeAllocation.oldestUp(cluster)
            .map(Member::address)
            .map(Object::toString)
            .orElse(null);
    Map<String, String> singletons = new LinkedHashMap<>();
    placement.singletons().forEach(name -> singletons.put(name, host));
    report.put("singletons", singletons);
    report.put("shards", host);
    return report;
  }
}
