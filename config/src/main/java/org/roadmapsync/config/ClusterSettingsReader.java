package org.roadmapsync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code ROADMAP_SYNC_CLUSTER_*}. The seed nodes switch cluster mode on; without them the
 * host and port must be unset too, so a half-configured node never quietly runs alone.
 */
final class ClusterSettingsReader {

  static final String HOST = "ROADMAP_SYNC_CLUSTER_HOST";
  static final String PORT = "ROADMAP_SYNC_CLUSTER_PORT";
  static final String SEED_NODES = "ROADMAP_SYNC_CLUSTER_SEED_NODES";

  private final Function<String, RawSetting> raw;
  private final List<String> problems;

  ClusterSettingsReader(Function<String, RawSetting> raw, List<String> problems) {
    this.raw = raw;
    this.problems = problems;
  }

  /**
   * @param database where the journal lives: nodes share it, so only PostgreSQL will do
   * @param git whether the roadmap is git-backed: a local folder cannot be shared by the nodes
   */
  Optional<ClusterSettings> read(DatabaseSettings database, boolean git) {
    RawSetting host = raw.apply(HOST);
    RawSetting port = raw.apply(PORT);
    RawSetting seeds = raw.apply(SEED_NODES);
    if (seeds.isBlank()) {
      if (!host.isBlank() || !port.isBlank()) {
        problems.add(
            (host.isBlank() ? PORT : HOST)
                + " is set but "
                + SEED_NODES
                + " is not; set the seed nodes (host:port,...) to run in a cluster, or unset both");
      }
      return Optional.empty();
    }
    int problemsBefore = problems.size();
    if (host.isBlank() || host.value().trim().contains(":")) {
      problems.add(
          host.problem("the host name or IPv4 address the other nodes reach this node on"));
    }
    int nodePort = port.port(1, problems);
    List<ClusterSettings.Address> seedNodes = seedNodes(seeds);
    if (database != null && database.kind() != DatabaseSettings.Kind.POSTGRESQL) {
      problems.add(
          SEED_NODES
              + ": a cluster needs PostgreSQL, which all nodes share; set ROADMAP_SYNC_DB_URL to a"
              + " jdbc:postgresql: URL (the embedded H2 belongs to one node)");
    }
    if (!git) {
      problems.add(
          SEED_NODES
              + ": a cluster needs the git-backed roadmap; set ROADMAP_GIT_REMOTE (a local roadmap"
              + " folder belongs to one machine)");
    }
    if (problems.size() > problemsBefore) {
      return Optional.empty();
    }
    return Optional.of(new ClusterSettings(host.value().trim(), nodePort, seedNodes));
  }

  private List<ClusterSettings.Address> seedNodes(RawSetting setting) {
    List<ClusterSettings.Address> addresses = new ArrayList<>();
    for (String part : setting.value().split(",")) {
      String node = part.trim();
      int colon = node.lastIndexOf(':');
      Integer port = null;
      if (colon > 0) {
        try {
          port = Integer.parseInt(node.substring(colon + 1));
        } catch (NumberFormatException e) {
          port = null;
        }
      }
      if (port == null || port < 1 || port > 65535) {
        problems.add(setting.problem("comma-separated host:port pairs such as 10.0.0.1:2552"));
        return List.of();
      }
      addresses.add(new ClusterSettings.Address(node.substring(0, colon), port));
    }
    return addresses;
  }
}
