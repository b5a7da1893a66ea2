package org.roadmapsync.cluster;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The cluster as {@code /health} shows it under {@code infrastructure.cluster}: this node, its
 * members and their status, the unreachable ones, where the singletons run (the oldest node that is
 * up: Pekko's singleton manager runs them there) and how many entities of each kind run on each
 * node. Read from the node's own view, in memory; the entity counts are the sharding's answer to
 * the previous call, asked again on each call.
 */
public final class ClusterHealth {

  private static final Duration STATS_TIMEOUT = Duration.ofSeconds(3);

  private final ActorSystem<?> system;
  private final Cluster cluster;
  private final Placement placement;
  private final Map<String, EntityTypeKey<?>> kinds;
  private final Map<String, Map<String, Integer>> entities = new ConcurrentHashMap<>();

  public ClusterHealth(
      ActorSystem<?> system, Placement placement, Map<String, EntityTypeKey<?>> kinds) {
    this.system = system;
    this.cluster = Cluster.get(system);
    this.placement = placement;
    this.kinds = kinds;
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
        StreamSupport.stream(state.getMembers().spliterator(), false)
            .filter(m -> m.status() == MemberStatus.up() || m.status() == MemberStatus.leaving())
            .min(Member.ageOrdering())
            .map(m -> m.address().toString())
            .orElse(null);
    Map<String, String> singletons = new LinkedHashMap<>();
    placement.singletons().forEach(name -> singletons.put(name, host));
    report.put("singletons", singletons);
    report.put("entities", Map.copyOf(entities));
    kinds.forEach(this::askWhereEntitiesRun);
    return report;
  }

  private void askWhereEntitiesRun(String kind, EntityTypeKey<?> key) {
    AskPattern.<ClusterShardingQuery, ShardRegion.ClusterShardingStats>ask(
            ClusterSharding.get(system).shardState(),
            replyTo -> new GetClusterShardingStats(key, STATS_TIMEOUT, replyTo),
            STATS_TIMEOUT.plusSeconds(1),
            system.scheduler())
        .thenAccept(
            stats -> {
              Map<String, Integer> byNode = new TreeMap<>();
              stats
                  .getRegions()
                  .forEach(
                      (address, region) ->
                          byNode.put(
                              address.toString(),
                              region.getStats().values().stream()
                                  .mapToInt(n -> ((Number) n).intValue())
                                  .sum()));
              entities.put(kind, byNode);
            });
  }
}
