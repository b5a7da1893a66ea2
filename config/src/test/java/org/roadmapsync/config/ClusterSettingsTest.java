package org.roadmapsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSettingsTest {

  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/roadmap";

  @TempDir Path dir;
  private Path bare;

  @BeforeEach
  void aBareRepository() throws IOException {
    bare = Files.createDirectories(dir.resolve("team/roadmap.git"));
    Files.writeString(bare.resolve("HEAD"), "ref: refs/heads/main\n");
  }

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("ROADMAP_DIR", dir.resolve(".roadmap").toString());
    env.put("ROADMAP_SYNC_DATA_DIR", dir.resolve("data").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private Map<String, String> clusterNode(String... more) {
    Map<String, String> env =
        env(
            "ROADMAP_SYNC_CLUSTER_HOST", "127.0.0.1",
            "ROADMAP_SYNC_CLUSTER_PORT", "2552",
            "ROADMAP_SYNC_CLUSTER_SEED_NODES", "127.0.0.1:2552, 127.0.0.1:2553");
    env.putAll(env(more));
    return env;
  }

  private List<String> problems(Map<String, String> env) {
    return assertThrows(
            InvalidSettingsException.class, () -> SettingsLoader.load(env, ConfigFactory.empty()))
        .problems();
  }

  @Test
  void withoutSeedNodesTheServiceIsOneNodeAsBefore() {
    assertTrue(SettingsLoader.load(env(), ConfigFactory.empty()).cluster().isEmpty());
  }

  @Test
  void aNodeOfAClusterOverPostgresAndAGitRemote() {
    Settings s =
        SettingsLoader.load(
            clusterNode("ROADMAP_SYNC_DB_URL", POSTGRES, "ROADMAP_GIT_REMOTE", bare.toString()),
            ConfigFactory.empty());
    var cluster = s.cluster().orElseThrow();
    assertEquals("127.0.0.1", cluster.host());
    assertEquals(2552, cluster.port());
    assertThat(cluster.seedNodes())
        .containsExactly(
            new ClusterSettings.Address("127.0.0.1", 2552),
            new ClusterSettings.Address("127.0.0.1", 2553));
  }

  @Test
  void theEmbeddedH2IsRefusedWithTheReason() {
    assertThat(problems(clusterNode("ROADMAP_GIT_REMOTE", bare.toString())))
        .singleElement()
        .asString()
        .contains("ROADMAP_SYNC_CLUSTER_SEED_NODES", "PostgreSQL", "ROADMAP_SYNC_DB_URL");
  }

  @Test
  void theLocalFolderModeIsRefusedWithTheReason() {
    assertThat(problems(clusterNode("ROADMAP_SYNC_DB_URL", POSTGRES)))
        .singleElement()
        .asString()
        .contains("git-backed roadmap", "ROADMAP_GIT_REMOTE");
  }

  @Test
  void aHostWithoutSeedNodesIsRefusedRatherThanRunningAlone() {
    assertThat(problems(env("ROADMAP_SYNC_CLUSTER_HOST", "10.0.0.1")))
        .singleElement()
        .asString()
        .contains("ROADMAP_SYNC_CLUSTER_SEED_NODES");
  }

  @Test
  void badPortsAndSeedNodesNameTheirVariable() {
    var env =
        clusterNode(
            "ROADMAP_SYNC_DB_URL",
            POSTGRES,
            "ROADMAP_GIT_REMOTE",
            bare.toString(),
            "ROADMAP_SYNC_CLUSTER_PORT",
            "99999",
            "ROADMAP_SYNC_CLUSTER_SEED_NODES",
            "127.0.0.1");
    assertThat(problems(env))
        .anySatisfy(p -> assertThat(p).startsWith("ROADMAP_SYNC_CLUSTER_PORT"))
        .anySatisfy(p -> assertThat(p).startsWith("ROADMAP_SYNC_CLUSTER_SEED_NODES"));
  }
}
