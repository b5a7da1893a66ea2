package org.roadmapsync.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.github.Issue;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.SimSettings;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.MappingSettings;

/**
 * {@code POST /api/import} over HTTP against the simulator: 500 GitHub issues with mixed
 * milestones, labels and states, 20 of them pull requests, become 480 files exactly as the roadmap
 * tool writes them, each reading back as its GitHub issue; a second import creates nothing; dry
 * runs and filters; every bad input the issue lists.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportEndToEndTest {

  private static final String TOKEN = "import-token";
  private static final String REPO = "octo/onboard";
  private static final int ISSUES = 480;
  private static final int PULLS = 20;
  private static final FieldMapping MAPPING = new FieldMapping(MappingSettings.defaults());

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "import-e2e",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir static Path folder;
  static LiveService live;

  @BeforeAll
  static void start() {
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults(TOKEN, REPO, "octo/elsewhere"),
            ConfigFactory.empty(),
            Map.of("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false"));
    GitHubSeed.issues(live.github, REPO, ISSUES);
    GitHubSeed.pullRequests(live.github, testKit.system(), TOKEN, REPO, PULLS);
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  private static RoadmapStore store() {
    return RoadmapStore.open(folder.resolve(".roadmap"));
  }

  private static List<Path> issueFiles() throws Exception {
    try (Stream<Path> files = Files.walk(folder.resolve(".roadmap/issues"))) {
      return files.filter(f -> f.toString().endsWith(".md")).toList();
    }
  }

  private static JsonNode progress() {
    for (JsonNode repo : live.getJson("/api/import")) {
      if (repo.path("repo").asText().equals(REPO)) {
        return repo;
      }
    }
    throw new AssertionError("no import progress for " + REPO);
  }

  @Test
  @Order(1)
  void aDryRunAnswersWhatItWouldCreateAndWritesNothing() throws Exception {
    long writes = GitHubSeed.writes(live.github);
    LiveService.Answer answer = live.post("/api/import", "{\"state\":\"all\",\"dryRun\":true}");
    assertEquals(200, answer.status(), answer.body());
    JsonNode plan = answer.json();
    assertEquals(ISSUES + PULLS, plan.path("listed").asInt());
    assertEquals(PULLS, plan.path("pullRequests").asInt());
    assertEquals(ISSUES, plan.path("create").size());
    assertEquals(0, plan.path("linked").asInt());
    JsonNode first = plan.path("create").get(0);
    assertEquals(1, first.path("githubIssue").asInt());
    assertEquals("issues/v1.0/{id}-issue-1-roadmap-work.md", first.path("file").asText());
    assertEquals(List.of(), issueFiles());
    assertEquals("never-run", progress().path("state").asText());
    assertEquals(writes, GitHubSeed.writes(live.github));
  }

  @Test
  @Order(2)
  void fiveHundredIssuesBecome480FilesThatReadBackAsTheirGitHubIssues() throws Exception {
    long writes = GitHubSeed.writes(live.github);
    LiveService.Answer answer = live.post("/api/import", "{\"state\":\"all\"}");
    assertEquals(202, answer.status(), answer.body());
    assertEquals(ISSUES, answer.json().path("create").size());
    live.eventually(
        () -> {
          JsonNode p = progress();
          assertEquals("finished", p.path("state").asText(), p.toString());
          assertEquals(ISSUES, p.path("created").asInt(), p.toString());
        });
    assertEquals(ISSUES, issueFiles().size());
    RoadmapStore store = store();
    assertEquals(List.of(), store.loadAll().problems());
    Map<Long, RoadmapIssue> files = GitHubSeed.filesByNumber(store);
    List<String> differences = new ArrayList<>();
    int pulls = 0;
    for (Issue issue : GitHubSeed.all(testKit.system(), live.github, TOKEN, REPO)) {
      if (issue.isPullRequest()) {
        pulls++;
        assertThat(files).doesNotContainKey(issue.number());
        continue;
      }
      RoadmapIssue file = files.get(issue.number());
      if (file == null) {
        differences.add("#" + issue.number() + " has no file");
      } else if (!MAPPING.fromRoadmap(file).equals(MAPPING.fromGitHub(issue))) {
        differences.add(
            "#"
                + issue.number()
                + ": "
                + MAPPING.fromRoadmap(file)
                + " vs "
                + MAPPING.fromGitHub(issue));
      } else if (!file.created().equals(java.util.Optional.of(issue.createdAt()))
          || !file.updated().equals(java.util.Optional.of(issue.updatedAt()))) {
        differences.add("#" + issue.number() + ": times " + file.created() + " " + file.updated());
      }
    }
    assertEquals(PULLS, pulls);
    assertEquals(List.of(), differences);
    // every imported issue is linked and synced, and nothing was written to GitHub
    live.eventually(
        () ->
            assertEquals(ISSUES, live.getJson("/api/issues?status=synced").size(), "synced rows"));
    assertEquals(writes, GitHubSeed.writes(live.github));
  }

  @Test
  @Order(3)
  void aSecondImportCreatesNothing() throws Exception {
    JsonNode plan = live.post("/api/import", "{\"state\":\"all\"}").json();
    assertEquals(0, plan.path("create").size(), plan.toString());
    assertEquals(ISSUES, plan.path("linked").asInt());
    assertEquals(ISSUES, issueFiles().size());
  }

  @Test
  @Order(4)
  void concurrentImportsNeverWriteTwoFilesForOneIssue() throws Exception {
    GitHubSeed.issues(live.github, REPO, 30); // #501 to #530
    List<CompletableFuture<LiveService.Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(
          CompletableFuture.supplyAsync(() -> live.post("/api/import", "{\"state\":\"all\"}")));
    }
    answers.forEach(a -> assertEquals(202, a.join().status(), a.join().body()));
    live.eventually(
        () -> {
          JsonNode p = progress();
          assertEquals("finished", p.path("state").asText(), p.toString());
          assertEquals(ISSUES + 30, GitHubSeed.numbersInFiles(folder.resolve(".roadmap")).size());
        });
    // four requests asked for the same 30 issues: one file each
    assertEquals(ISSUES + 30, issueFiles().size());
  }

  @Test
  @Order(5)
  void filtersNarrowTheImportAndUnknownMilestonesOrLabelsAreEmpty() {
    GitHubSeed.issues(live.github, REPO, 12); // #531 to #542
    JsonNode bugs =
        live.post(
                "/api/import",
                "{\"labels\":[\"BUG\"],\"milestone\":\"v2\",\"since\":\"2026-01-01\",\"dryRun\":true}")
            .json();
    // of #531-#542: bug is i % 3 == 0, milestone v2 is i % 4 == 3, open: i = 3 of the seed, #533
    assertThat(bugs.path("create").findValuesAsText("githubIssue")).containsExactly("533");
    assertEquals("open", bugs.path("state").asText());
    JsonNode closed =
        live.post("/api/import", "{\"state\":\"closed\",\"labels\":\"docs\",\"dryRun\":true}")
            .json();
    // closed and labelled docs among #531-#542: i = 5 and i = 11 of the seed
    assertThat(closed.path("create").findValuesAsText("githubIssue"))
        .containsExactlyInAnyOrder("535", "541");
    JsonNode noMilestone =
        live.post("/api/import", "{\"milestone\":\"does not exist\",\"dryRun\":true}").json();
    assertEquals(0, noMilestone.path("listed").asInt());
    assertEquals(0, noMilestone.path("create").size());
    JsonNode noLabel =
        live.post("/api/import", "{\"labels\":[\"no-such-label\"],\"dryRun\":true}").json();
    assertEquals(0, noLabel.path("create").size());
    JsonNode future =
        live.post("/api/import", "{\"since\":\"2099-01-01T00:00:00Z\",\"dryRun\":true}").json();
    assertEquals(0, future.path("listed").asInt());
  }

  @Test
  @Order(6)
  void badInputIsA400NamingItAndAnUnservedRepositoryA422() {
    assertBad("{\"milestones\":\"v1\"}", "unknown filter 'milestones'");
    assertBad("{\"state\":\"done\"}", "state must be one of all, closed, open");
    assertBad("{\"labels\":[1]}", "labels must be a list of non-empty strings");
    assertBad("{\"since\":\"yesterday\"}", "since must be a date");
    assertBad("{\"dryRun\":\"yes\"}", "dryRun must be true or false");
    assertBad("{\"repo\":\"no-slash\"}", "repo must be owner/name");
    assertBad("[1,2]", "expected a JSON object");
    assertBad("{not json", "the body is not JSON");
    LiveService.Answer unserved = live.post("/api/import", "{\"repo\":\"someone/else\"}");
    assertEquals(422, unserved.status(), unserved.body());
    assertThat(unserved.json().path("detail").asText())
        .contains("someone/else is not a repository this service serves")
        .contains(REPO);
    assertEquals("unprocessable_content", unserved.json().path("error").asText());
  }

  private static void assertBad(String body, String detail) {
    LiveService.Answer answer = live.post("/api/import", body);
    assertEquals(400, answer.status(), answer.body());
    assertEquals("bad_request", answer.json().path("error").asText());
    assertThat(answer.json().path("detail").asText()).contains(detail);
  }

  @Test
  @Order(7)
  void importIntoAReadOnlyFolderFailsNamingItAndWritesNothing() throws Exception {
    GitHubSeed.issues(live.github, REPO, 3); // #543 to #545: milestones v1.0, Sprint, v2
    Path issues = folder.resolve(".roadmap/issues");
    List<Path> folders;
    try (Stream<Path> walk = Files.walk(issues)) {
      folders = walk.filter(Files::isDirectory).toList();
    }
    List<Path> before = allFiles();
    try (ReadOnlyFolders readOnly = ReadOnlyFolders.of(folders.toArray(Path[]::new))) {
      LiveService.Answer answer = live.post("/api/import", "{}");
      assertEquals(202, answer.status(), answer.body());
      live.eventually(
          () -> {
            JsonNode p = progress();
            assertEquals("failed", p.path("state").asText(), p.toString());
            assertThat(p.path("error").asText()).contains(issues.toString());
          });
      assertEquals(before, allFiles());
    }
    // writable again: the same import goes through (the open issues of #531-#545: 13)
    live.post("/api/import", "{}");
    live.eventually(() -> assertEquals("finished", progress().path("state").asText()));
    assertEquals(13, progress().path("created").asInt());
    assertEquals(before.size() + 13, allFiles().size());
  }

  /** Every file under the roadmap folder, temporary ones included. */
  private static List<Path> allFiles() throws Exception {
    try (Stream<Path> walk = Files.walk(folder.resolve(".roadmap"))) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
