package org.roadmapsync.config;

import java.util.List;

/**
 * One node of a Pekko cluster ({@code ROADMAP_SYNC_CLUSTER_*}). Absent: the one-node service.
 *
 * @param host the node's canonical address, the one the other nodes reach it on
 * @param port the node's remoting port
 * @param seedNodes where a starting node looks for the cluster; a node listed here may start it
 */
public record ClusterSettings(String host, int port, List<Address> seedNodes) {

  public ClusterSettings {
    seedNodes = List.copyOf(seedNodes);
  }

  /** A {@code host:port} of {@code ROADMAP_SYNC_CLUSTER_SEED_NODES}. */
  public record Address(String host, int port) {}
}
