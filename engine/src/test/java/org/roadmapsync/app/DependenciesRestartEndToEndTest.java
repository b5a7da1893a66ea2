package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.RoadmapStore;

/**
 * The relations both sides agreed on outlive a restart: a relation removed from a file while the
 * service was down is removed on GitHub at the next start, not brought back into the file from
 * GitHub as if it were new there (which a merge without the agreement would do); a cycle noted
 * before the restart is not noted again.
 */
class DependenciesRestartEndToEndTest {

  private static final String REPO = "octo/deps-restart";
  private static final String IDLE_POLL = "GET /repos/{o}/{r}/issues 304";
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "dependencies-restart",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static void eventually(Runnable check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(60),
            () -> {
              check.run();
              return null;
            });
  }

  @Test
  void aRelationRemovedWhileTheServiceWasDownIsRemovedOnGitHub() {
    String[] ids = {"dr000001", "dr000002", "dr000003"};
    try (var live =
        new LiveService(
            testKit,
            folder,
            "deps-restart-token",
            REPO,
            Map.of("ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES", "0.01"),
            l -> l.seedLinked(ids),
            ids)) {
      RoadmapStore store = RoadmapStore.open(folder.resolve(".roadmap"));
      eventually(() -> assertThat(live.getJson("/api/issues?status=synced").size()).isEqualTo(3));
      store.apply(ids[0], IssueEdit.builder().dependsOn(List.of(ids[1], ids[2])).build());
      // and a cycle between the other two, noted once in their histories
      store.apply(ids[1], IssueEdit.builder().dependsOn(List.of(ids[2])).build());
      store.apply(ids[2], IssueEdit.builder().dependsOn(List.of(ids[1])).build());
      eventually(
          () -> {
            assertThat(live.github.control().blockedBy(REPO, 1)).containsExactlyInAnyOrder(2, 3);
            assertThat(live.github.control().blockedBy(REPO, 2)).containsExactly(3);
            assertThat(live.github.control().blockedBy(REPO, 3)).containsExactly(2);
            // both blocks lists kept in step: the run that made the relations is over
            assertThat(live.fileText(ids[1])).contains("- " + ids[0]);
            assertThat(live.fileText(ids[2])).contains("- " + ids[0]);
          });

      // two idle polls: the first listing after the restart is a 304 that shows nothing, so
      // GitHub's side of the relations must be read for itself
      long idle = live.github.control().stats().path("requests").path(IDLE_POLL).asLong();
      eventually(
          () ->
              assertThat(live.github.control().stats().path("requests").path(IDLE_POLL).asLong())
                  .isGreaterThanOrEqualTo(idle + 2));
      live.restart(
          () ->
              RoadmapStore.open(folder.resolve(".roadmap"))
                  .apply(ids[0], IssueEdit.builder().dependsOn(List.of(ids[2])).build()));

      eventually(() -> assertThat(live.github.control().blockedBy(REPO, 1)).containsExactly(3));
      assertThat(live.fileText(ids[0])).doesNotContain("- " + ids[1]);
      eventually(() -> assertThat(live.fileText(ids[1])).doesNotContain("- " + ids[0]));
      for (String inCycle : List.of(ids[1], ids[2])) {
        eventually(
            () ->
                assertThat(live.historyNotes(inCycle, "dependencies"))
                    .as("the cycle is noted once, not again after the restart")
                    .filteredOn(n -> n.contains("dependency cycle "))
                    .hasSize(1));
      }
    }
  }
}
