package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.RoadmapStore;

/**
 * The dependencies' bad input (issue 21): an id no file has is named with its line and nothing is
 * written for it; a relation to an issue without its GitHub issue waits, named; a cycle is written
 * as given, shown, and written once; a 51st relation is refused by GitHub, named on the issue, and
 * the others are synced.
 */
class DependenciesBadInputEndToEndTest {

  private static final String TOKEN = "bad-deps-token";
  private static final String REPO = "octo/bad-deps";
  private static final String ADDS = "POST /repos/{o}/{r}/issues/{n}/dependencies/blocked_by 201";

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "dependencies-bad-input",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static String id(int n) {
    return String.format("bad%05d", n);
  }

  private static long count(LiveService live, String route) {
    return live.github.control().stats().path("requests").path(route).asLong();
  }

  /** GitHub's writes are paced one a second: a deadline for dozens of them. */
  private static void eventually(Runnable check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(150),
            () -> {
              check.run();
              return null;
            });
  }

  private static JsonNode dependencies(LiveService live, String id) {
    return live.getJson("/api/issues/" + id).path("dependencies");
  }

  @Test
  void unknownIdsPendingRelationsCyclesAndTheFiftyFirst() throws Exception {
    String[] linked = new String[55];
    for (int k = 0; k < linked.length; k++) {
      linked[k] = id(k + 1);
    }
    try (var live =
        new LiveService(
            testKit,
            folder,
            TOKEN,
            REPO,
            Map.of("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false"),
            l -> {
              l.seedLinked(linked);
              try {
                Files.writeString(l.file("unlinked1"), LiveService.issueText("unlinked1", "null"));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            linked)) {
      live.eventually(
          () -> assertEquals(linked.length, live.getJson("/api/issues?status=synced").size()));
      RoadmapStore store = RoadmapStore.open(folder.resolve(".roadmap"));

      // bad1 names a ghost and bad2; bad2 names bad1 (a cycle); bad3 waits for an unlinked issue
      store.apply(id(1), IssueEdit.builder().dependsOn(List.of("ghost", id(2))).build());
      store.apply(id(2), IssueEdit.builder().dependsOn(List.of(id(1))).build());
      store.apply(id(3), IssueEdit.builder().dependsOn(List.of("unlinked1")).build());
      eventually(() -> assertThat(live.github.control().blockedBy(REPO, 1)).containsExactly(2));
      eventually(() -> assertThat(live.github.control().blockedBy(REPO, 2)).containsExactly(1));

      List<String> lines = Files.readAllLines(live.file(id(1)));
      int ghostLine = lines.indexOf("- ghost") + 1;
      // the run that wrote them ends after GitHub's answers: its view is shown once it has
      eventually(
          () -> {
            JsonNode first = dependencies(live, id(1));
            assertThat(first.path("problems").toString())
                .contains(
                    "depends_on names 'ghost', which no roadmap file has (line " + ghostLine + ")");
            assertThat(first.path("cycles").toString()).contains(id(1)).contains(id(2));
            assertThat(dependencies(live, id(2)).path("cycles").toString()).contains(id(1));
            assertThat(dependencies(live, id(3)).path("pending").toString()).contains("unlinked1");
          });
      assertThat(live.fileText(id(1))).contains("- ghost").as("kept as written");

      // no write loop: more runs write nothing
      long adds = count(live, ADDS);
      assertEquals(2, adds, "the two relations of the cycle, once each");
      live.post("/api/sync", 202);
      live.post("/api/sync", 202);
      eventually(() -> assertThat(dependencies(live, id(1)).path("problems").size()).isOne());
      assertEquals(adds, count(live, ADDS));

      // bad5 depends on 51 issues: GitHub takes 50, refuses the 51st, named on the issue
      List<String> many = new ArrayList<>();
      for (int k = 5; k <= 55; k++) {
        if (k != 5) {
          many.add(id(k));
        }
      }
      many.add(id(4));
      store.apply(id(5), IssueEdit.builder().dependsOn(many).build());
      eventually(() -> assertThat(live.github.control().blockedBy(REPO, 5)).hasSize(50));
      eventually(
          () ->
              assertThat(dependencies(live, id(5)).path("refused").toString())
                  .contains("422")
                  .contains("50"));
      assertEquals(adds + 50, count(live, ADDS), "the 50 others, each once");
      live.post("/api/sync", 202);
      eventually(() -> assertThat(dependencies(live, id(5)).path("refused").size()).isOne());
      assertEquals(adds + 50, count(live, ADDS), "the refused one is not asked again");

      // named in the issue's history: the refusal and the cycle once each, whatever the runs
      eventually(
          () ->
              assertThat(live.historyNotes(id(5), "dependencies"))
                  .filteredOn(n -> n.contains("GitHub refused 'blocked by "))
                  .singleElement()
                  .asString()
                  .contains("422"));
      for (String inCycle : List.of(id(1), id(2))) {
        assertThat(live.historyNotes(inCycle, "dependencies"))
            .filteredOn(n -> n.contains("dependency cycle "))
            .singleElement()
            .asString()
            .contains(id(1) + " → " + id(2))
            .contains(": kept as written");
      }
    }
  }
}
