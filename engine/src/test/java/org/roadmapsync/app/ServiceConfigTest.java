package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.config.SettingsLoader;

class ServiceConfigTest {

  @TempDir Path dir;

  @Test
  void oneNodeStaysALoopbackClusterOfItsOwn() {
    Config config =
        ServiceConfig.forSettings(
            SettingsLoader.load(
                Map.of("ROADMAP_SYNC_DATA_DIR", dir.resolve("data").toString()),
                ConfigFactory.empty()));
    assertEquals("127.0.0.1", config.getString("pekko.remote.artery.canonical.hostname"));
    assertEquals(0, config.getInt("pekko.remote.artery.canonical.port"));
    assertThat(config.getStringList("pekko.cluster.seed-nodes")).isEmpty();
    assertFalse(config.getString("pekko.cluster.downing-provider-class").contains("sbr"));
  }

  @Test
  void aNodeOfAClusterHasItsAddressTheSeedNodesAndKeepMajority() throws IOException {
    Path bare = Files.createDirectories(dir.resolve("roadmap.git"));
    Files.writeString(bare.resolve("HEAD"), "ref: refs/heads/main\n");
    Config config =
        ServiceConfig.forSettings(
            SettingsLoader.load(
                Map.of(
                    "ROADMAP_SYNC_DATA_DIR", dir.resolve("data").toString(),
                    "ROADMAP_GIT_REMOTE", bare.toString(),
                    "ROADMAP_SYNC_DB_URL", "jdbc:postgresql://127.0.0.1:5432/roadmap",
                    "ROADMAP_SYNC_CLUSTER_HOST", "10.0.0.2",
                    "ROADMAP_SYNC_CLUSTER_PORT", "2552",
                    "ROADMAP_SYNC_CLUSTER_SEED_NODES", "10.0.0.1:2552,10.0.0.2:2552"),
                ConfigFactory.empty()));
    assertEquals("10.0.0.2", config.getString("pekko.remote.artery.canonical.hostname"));
    assertEquals(2552, config.getInt("pekko.remote.artery.canonical.port"));
    assertThat(config.getStringList("pekko.cluster.seed-nodes"))
        .containsExactly(
            "pekko://roadmap-sync@10.0.0.1:2552", "pekko://roadmap-sync@10.0.0.2:2552");
    assertEquals(
        "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
        config.getString("pekko.cluster.downing-provider-class"));
    assertEquals(
        "keep-majority", config.getString("pekko.cluster.split-brain-resolver.active-strategy"));
    // the service's own settings are still there beneath
    assertEquals("cluster", config.getString("pekko.actor.provider"));
  }
}
