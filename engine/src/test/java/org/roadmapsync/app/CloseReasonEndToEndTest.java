package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.IssuePriority;
import org.roadmapsync.roadmap.RoadmapStore;

/**
 * A GitHub issue closed as {@code duplicate} (issue 21): the file says {@code closed}, and the
 * reason survives three round trips of edits on both sides (sync writes a close reason only when it
 * closes or reopens an issue).
 */
class CloseReasonEndToEndTest {

  private static final String TOKEN = "reason-token";
  private static final String REPO = "octo/reasons";
  private static final String ID = "dupl0001";

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "close-reason",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aDuplicateCloseSurvivesThreeRoundTrips() {
    try (var live =
        new LiveService(
            testKit,
            folder,
            TOKEN,
            REPO,
            Map.of("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false"),
            l -> l.seedLinked(ID),
            ID)) {
      live.eventually(() -> assertEquals("synced", live.syncStatus(ID)));
      RoadmapStore store = RoadmapStore.open(folder.resolve(".roadmap"));

      live.github
          .control()
          .editIssueAs(
              "teammate", REPO, 1, "{\"state\":\"closed\",\"state_reason\":\"duplicate\"}");
      live.post("/api/sync", 202);
      live.eventually(() -> assertThat(live.fileText(ID)).contains("\nstatus: closed\n"));
      live.eventually(() -> assertEquals("synced", live.syncStatus(ID)));
      assertDuplicate(live);

      for (int trip = 1; trip <= 3; trip++) {
        String title = "Trip " + trip + " in the file";
        store.apply(
            ID,
            IssueEdit.builder()
                .title(title)
                .priority(trip % 2 == 0 ? IssuePriority.HIGH : IssuePriority.LOW)
                .build());
        live.eventually(() -> assertEquals(title, live.githubIssue(1).path("title").asText()));
        live.eventually(() -> assertEquals("synced", live.syncStatus(ID)));
        assertDuplicate(live);

        String body = "Edited on GitHub, trip " + trip + ".";
        live.github.control().editIssueAs("teammate", REPO, 1, "{\"body\":\"" + body + "\"}");
        live.post("/api/sync", 202);
        live.eventually(() -> assertThat(live.fileText(ID)).contains(body));
        live.eventually(() -> assertEquals("synced", live.syncStatus(ID)));
        assertThat(live.fileText(ID)).contains("\nstatus: closed\n");
        assertDuplicate(live);
      }
    }
  }

  private static void assertDuplicate(LiveService live) {
    JsonNode issue = live.githubIssue(1);
    assertEquals("closed", issue.path("state").asText(), issue.toString());
    assertEquals("duplicate", issue.path("state_reason").asText(), issue.toString());
  }
}
