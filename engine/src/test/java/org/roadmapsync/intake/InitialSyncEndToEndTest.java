package org.roadmapsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;

/**
 * The first start over a roadmap whose files already name their GitHub issues: the repository's
 * listing brings GitHub's side of every issue, so sync needs its pages and no read of each issue.
 */
class InitialSyncEndToEndTest {

  private static final String TOKEN = "initial-token";
  private static final String REPO = "octo/initial";
  private static final int ISSUES = 250;

  private static final ActorTestKit testKit = ActorTestKit.create("initial", ConfigFactory.load());

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void linkedIssuesSyncFromTheListingPagesAloneWithoutReadingEachIssue() {
    String[] ids =
        IntStream.rangeClosed(1, ISSUES)
            .mapToObj(k -> String.format("init%04d", k))
            .toArray(String[]::new);
    try (var live =
        new LiveService(
            testKit,
            folder,
            TOKEN,
            REPO,
            Map.of("ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES", "60"),
            l -> l.seedLinked(ids),
            ids)) {
      live.eventually(() -> assertEquals(ISSUES, live.getJson("/api/issues?status=synced").size()));

      JsonNode requests = live.github.control().stats().path("requests");
      assertEquals(
          3,
          requests.path("GET /repos/{o}/{r}/issues 200").asInt(),
          "250 issues: three pages of 100: " + requests);
      assertThat(requests.has("GET /repos/{o}/{r}/issues/{n} 200"))
          .as("no issue read on its own: %s", requests)
          .isFalse();
      assertEquals(
          1,
          requests.path("GET /repos/{o}/{r}/issues/comments 200").asInt(),
          "the comments of the whole repository: one page: " + requests);
      assertThat(live.github.control().stats().path("requests_total").asInt())
          .as("the pages, the comment listing and the health check's one call: %s", requests)
          .isLessThanOrEqualTo(5);
      assertEquals("synced", live.syncStatus(ids[ISSUES - 1]));
    }
  }

  @Test
  void everyRepositoryTheRoadmapRoutesToIsPolledAndTheSameNumberInTwoRepositoriesIsTwoIssues() {
    String second = "octo/second";
    try (var live =
        new LiveService(
            testKit,
            folder,
            TOKEN,
            REPO,
            Map.of("ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES", "0.02"),
            l -> {
              l.seedLinked("home1");
              routeMilestoneTo(l, "m2", second, "away1");
            },
            "home1")) {
      live.eventually(() -> assertEquals(2, live.getJson("/api/issues?status=synced").size()));
      assertEquals(second, live.getJson("/api/issues/away1").path("repo").asText());
      assertEquals(1, live.getJson("/api/issues/away1").path("githubIssue").asInt());
      assertEquals(1, live.getJson("/api/issues/home1").path("githubIssue").asInt());

      live.github
          .control()
          .editIssueAs("octocat", second, 1, "{\"title\":\"Edited in the second repository\"}");
      Path away = folder.resolve(".roadmap/issues/m2/away1-issue.md");
      live.eventually(
          () -> assertThat(read(away)).contains("title: Edited in the second repository"));
      assertThat(live.fileText("home1")).contains("title: Issue home1");
      assertThat(
              live.github
                  .control()
                  .stats()
                  .path("requests")
                  .has("GET /repos/{o}/{r}/issues/{n} 200"))
          .as("found by polling the second repository, not by reading the issue")
          .isFalse();
    }
  }

  /**
   * A project with its own repository, a milestone of that project, and an issue of that milestone
   * linked to #1 there.
   */
  private static void routeMilestoneTo(LiveService live, String milestone, String repo, String id) {
    Path roadmap = live.folder.resolve(".roadmap");
    try {
      Files.createDirectories(roadmap.resolve("projects"));
      Files.createDirectories(roadmap.resolve("milestones"));
      Files.createDirectories(roadmap.resolve("issues/" + milestone));
      Files.writeString(
          roadmap.resolve("projects/p2-second.md"),
          "---\nname: second\ngithub_repo: " + repo + "\n---\n");
      Files.writeString(
          roadmap.resolve("milestones/" + milestone + ".md"),
          "---\nname: " + milestone + "\nproject_id: p2\n---\n");
      Files.writeString(
          roadmap.resolve("issues/" + milestone + "/" + id + "-issue.md"),
          LiveService.issueText(id, milestone)
              .replace("assignee: null\n", "assignee: null\ngithub_issue: 1\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode seed = LiveService.JSON.createObjectNode().put("repo", repo);
    seed.putArray("milestones").addObject().put("title", milestone);
    ObjectNode issue =
        seed.putArray("issues")
            .addObject()
            .put("title", "Issue " + id)
            .put("body", "The body of " + id + ".")
            .put("milestone", milestone);
    issue.putArray("labels").add("live").add("priority:high").add("type:feature");
    live.github.control().seed(seed);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
