package org.roadmapsync.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roadmapsync.config.ClusterSettings;

/**
 * The Pekko settings that make a node of the cluster out of the one-node service: its canonical
 * address, the seed nodes, and the split-brain resolver.
 */
public final class ClusterConfig {

  /** The ActorSystem's name: part of every node's address, so the same on all nodes. */
  public static final String SYSTEM_NAME = "roadmap-sync";

  private ClusterConfig() {}

  /** Settings to put in front of the service's own; they override the one-node defaults. */
  public static Config overrides(ClusterSettings cluster) {
    Map<String, Object> values = new HashMap<>();
    values.put("pekko.remote.artery.canonical.hostname", cluster.host());
    values.put("pekko.remote.artery.canonical.port", cluster.port());
    values.put("pekko.cluster.seed-nodes", seedNodes(cluster));
    // Keep-majority: after a partition (or a crash, which looks the same) the side with more than
    // half of the nodes keeps running and downs the rest, so two sides never both run the
    // singletons (two pollers, two governors, two writers of the clone). An odd number of nodes
    // always has a majority; a side without one stops instead of guessing.
    values.put(
        "pekko.cluster.downing-provider-class",
        "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
    values.put("pekko.cluster.split-brain-resolver.active-strategy", "keep-majority");
    // A crashed node is downed this long after it became unreachable: with the failure detector's
    // few seconds, its singletons and shards are elsewhere well within half a minute.
    values.put("pekko.cluster.split-brain-resolver.stable-after", "7s");
    // A busy JVM (a start, a full GC) can miss heartbeats for a few seconds: not a crash.
    values.put("pekko.cluster.failure-detector.acceptable-heartbeat-pause", "5s");
    // A graceful leave (SIGTERM) hands the singletons and shards over before the node stops.
    values.put("pekko.coordinated-shutdown.phases.cluster-exiting.timeout", "15s");
    values.put("pekko.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout", "15s");
    return ConfigFactory.parseMap(values);
  }

  static List<String> seedNodes(ClusterSettings cluster) {
    return cluster.seedNodes().stream()
        .map(node -> "pekko://" + SYSTEM_NAME + "@" + node.host() + ":" + node.port())
        .toList();
  }
}
