package org.roadmapsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.pulls.PullRequestIndex;
import org.roadmapsync.pulls.PullSnapshot;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.roadmap.RoadmapStoreException;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.LinkIndex;
import org.roadmapsync.sync.LocalSnapshot;
import org.roadmapsync.sync.MappingSettings;
import org.roadmapsync.sync.StoreRoadmapPort;
import org.roadmapsync.sync.SyncField;

/**
 * The roadmap desk over files on disk, every message serialized as between two nodes: an entity
 * elsewhere reads and writes through it exactly as through its own node's files.
 */
class RoadmapDeskTest {

  private static final ActorTestKit kit =
      ActorTestKit.create(
          "desk",
          ConfigFactory.parseString(
                  "pekko.actor.serialize-messages = on\n"
                      + "pekko.actor.no-serialization-verification-needed-class-prefix = []")
              // the service's serialization bindings (CborSerializable: Jackson CBOR)
              .withFallback(ConfigFactory.parseResources("roadmap-sync-persistence.conf"))
              .withFallback(ConfigFactory.load()));

  @TempDir static Path folder;
  static LinkIndex links = new LinkIndex();
  static PullRequestIndex pulls = new PullRequestIndex();
  static DeskRoadmapPort port;

  @BeforeAll
  static void start() throws Exception {
    Path roadmap = folder.resolve(".roadmap");
    Files.createDirectories(roadmap.resolve("issues/backlog"));
    Files.writeString(
        roadmap.resolve("issues/backlog/desk0001-desk.md"),
        "---\nid: desk0001\ntitle: At the desk\nstatus: todo\nlabels: []\n---\n\nBody.\n");
    var files =
        new StoreRoadmapPort(
            RoadmapStore.open(roadmap),
            new FieldMapping(MappingSettings.defaults()),
            kit.system().dispatchers().lookup(DispatcherSelector.blocking()));
    port = new DeskRoadmapPort(kit.spawn(RoadmapDesk.create(files, links, pulls)), kit.system());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void readsAndWritesTheFileAtTheDesk() throws Exception {
    LocalSnapshot read = port.read("desk0001").toCompletableFuture().join();
    assertEquals("At the desk", read.fields().title());

    LocalSnapshot written =
        port.write(
                "desk0001",
                read.fields().with(SyncField.TITLE, "Written from another node"),
                Set.of(SyncField.TITLE),
                read.contentHash())
            .toCompletableFuture()
            .join();
    assertEquals("Written from another node", written.fields().title());
    assertThat(Files.readString(folder.resolve(".roadmap/issues/backlog/desk0001-desk.md")))
        .contains("title: Written from another node");

    LocalSnapshot linked =
        port.writeLink("desk0001", 42L, written.contentHash()).toCompletableFuture().join();
    assertEquals(42L, linked.githubIssue());
  }

  @Test
  void aStaleWriteFailsAsStaleAndAMissingFileWithItsReason() {
    LocalSnapshot read = port.read("desk0001").toCompletableFuture().join();
    assertThatThrownBy(
            () ->
                port.write(
                        "desk0001",
                        read.fields().with(SyncField.TITLE, "Too late"),
                        Set.of(SyncField.TITLE),
                        "not-the-hash")
                    .toCompletableFuture()
                    .join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(RoadmapStoreException.StaleIssue.class);
    assertThatThrownBy(() -> port.read("nosuch01").toCompletableFuture().join())
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nosuch01");
  }

  @Test
  void linksAndPullRequestsHeldElsewhereReachTheDesksIndexes() throws Exception {
    var desk = kit.spawn(RoadmapDesk.create(null, links, pulls));
    // another node's indexes, told to the desk as RoadmapDesk.entityFiles wires them in a cluster
    var nodeLinks = new LinkIndex();
    var nodePulls = new PullRequestIndex();
    nodeLinks.alsoTell((id, held) -> desk.tell(new RoadmapDesk.LinkHeld(id, held)));
    nodePulls.alsoTell(
        (issueId, repo, pull) -> desk.tell(new RoadmapDesk.PullHeld(issueId, repo, pull)));
    var link = new IssueLink("team/roadmap", 7);
    nodeLinks.announce("desk0002", link);
    nodePulls.announce(
        "desk0002",
        "team/roadmap",
        new PullSnapshot(9, "PR_9", "https://example/9", "feature/x", false, true, false, "t", ""));
    assertEquals(Optional.of("desk0002"), nodeLinks.idOf(link), "the node's own index too");
    var probe = kit.createTestProbe();
    probe.awaitAssert(
        Duration.ofSeconds(3),
        () -> {
          assertEquals(Optional.of("desk0002"), links.idOf(link));
          assertEquals(Optional.of("desk0002"), pulls.ownerOf("team/roadmap", 9));
          return null;
        });
    nodeLinks.announce("desk0002", null);
    probe.awaitAssert(
        Duration.ofSeconds(3),
        () -> {
          assertEquals(Optional.empty(), links.idOf(link));
          return null;
        });
  }
}
