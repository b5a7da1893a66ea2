package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.RoadmapSyncService;
import org.roadmapsync.config.SettingsLoader;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;

/**
 * The service, the GitHub simulator and a roadmap folder on disk, all over real HTTP: publish, an
 * edit on each side, a conflict, a restart in the middle. Writes are counted by the simulator and
 * by the issue's history, so an echo (a second write of the same change) fails the test.
 */
class SyncEndToEndTest {

  private static final String TOKEN = "e2e-token";
  private static final String REPO = "octo/e2e";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The simulator and this test's HTTP client; the service under test has its own ActorSystem. */
  private static final ActorTestKit testKit = ActorTestKit.create("e2e", ConfigFactory.load());

  @TempDir static Path folder;
  static GitHubSimulator github;
  static RoadmapSyncService service;
  static String api;

  @BeforeAll
  static void start() throws IOException {
    github = GitHubSimulator.start(testKit.system(), SimSettings.defaults(TOKEN, REPO));
    Files.createDirectories(folder.resolve(".roadmap/issues/backlog"));
    for (String id :
        new String[] {
          "e2e00001",
          "e2e00002",
          "e2e00003",
          "e2e00004",
          "e2e00005",
          "e2e00006",
          "e2e00007",
          "e2e00008"
        }) {
      writeIssue(id, "Issue " + id, "2026-01-02T10:00:00.000000+00:00");
    }
    startService();
  }

  @AfterAll
  static void stop() {
    stopService();
    github.stop();
    testKit.shutdownTestKit();
  }

  private static void startService() {
    var settings =
        SettingsLoader.load(
            Map.of(
                "ROADMAP_DIR",
                folder.resolve(".roadmap").toString(),
                "ROADMAP_SYNC_DATA_DIR",
                folder.resolve("data").toString(),
                "ROADMAP_SYNC_HTTP_PORT",
                "0",
                "GITHUB_TOKEN",
                TOKEN,
                "ROADMAP_GITHUB_API_URL",
                github.baseUrl(),
                "ROADMAP_GITHUB_REPO",
                REPO),
            ConfigFactory.empty());
    service = RoadmapSyncService.start(settings);
    api = "http://127.0.0.1:" + service.address().getPort();
  }

  private static void stopService() {
    service.stop(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
  }

  // ---- the roadmap folder

  private static Path file(String id) {
    return folder.resolve(".roadmap/issues/backlog/" + id + "-issue.md");
  }

  private static void writeIssue(String id, String title, String updated) throws IOException {
    Files.writeString(
        file(id),
        "---\nid: "
            + id
            + "\ntitle: "
            + title
            + "\npriority: high\nstatus: todo\nissue_type: feature\n"
            + "milestone: null\nlabels:\n- e2e\nassignee: null\ncreated: '2026-01-02T10:00:00.000000+00:00'\n"
            + "updated: '"
            + updated
            + "'\n---\n\nThe body of "
            + id
            + ".\n");
  }

  /** A user's edit: one line of the front matter replaced, as an editor saves it. */
  private static void editLine(String id, String key, String value) throws IOException {
    String text = Files.readString(file(id));
    Files.writeString(file(id), text.replaceFirst("(?m)^" + key + ": .*$", key + ": " + value));
  }

  private static String text(String id) {
    try {
      return Files.readString(file(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String line(String id, String key) {
    return text(id).lines().filter(l -> l.startsWith(key + ": ")).findFirst().orElse("");
  }

  // ---- HTTP

  private static JsonNode call(HttpRequest request, int expectedStatus) {
    try {
      HttpResponse response =
          Http.get(testKit.system()).singleRequest(request).toCompletableFuture().get();
      String body =
          response
              .entity()
              .toStrict(5_000, testKit.system())
              .toCompletableFuture()
              .get()
              .getData()
              .utf8String();
      assertEquals(expectedStatus, response.status().intValue(), body);
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode get(String path) {
    return call(HttpRequest.GET(api + path), 200);
  }

  private static JsonNode post(String path, String json, int expectedStatus) {
    return call(
        HttpRequest.create(api + path)
            .withMethod(HttpMethods.POST)
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json)),
        expectedStatus);
  }

  private static JsonNode githubIssue(long number) {
    return JSON.valueToTree(github.control().issue(REPO, (int) number));
  }

  private static int writesTo(long number) {
    return github.control().stats().path("writes_per_issue").path(REPO + "#" + number).asInt(0);
  }

  private static void eventually(Runnable check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              check.run();
              return null;
            });
  }

  private static <T> T eventually(Supplier<T> value) {
    return testKit.createTestProbe().awaitAssert(WAIT, value::get);
  }

  private static long publish(String id) {
    eventually(
        () -> assertEquals("unlinked", get("/api/issues/" + id).path("syncStatus").asText()));
    long number = post("/api/issues/" + id + "/publish", "{}", 200).path("githubIssue").asLong();
    eventually(
        () -> {
          assertEquals("github_issue: " + number, line(id, "github_issue"));
          assertEquals("synced", get("/api/issues/" + id).path("syncStatus").asText());
        });
    assertThat(githubIssue(number).path("body").asText())
        .contains("<!-- roadmap-sync:id=" + id + " -->");
    return number;
  }

  // ---- scenarios

  @Test
  void publishThenOneEditOnEachSideIsWrittenExactlyOnce() throws IOException {
    String id = "e2e00001";
    long number = publish(id);
    assertEquals(
        1,
        post("/api/issues/" + id + "/publish", "{}", 200).path("githubIssue").asLong() == number
            ? 1
            : 0,
        "publishing again answers the same issue");
    int writesAfterPublish = writesTo(number);

    editLine(id, "title", "Edited in the roadmap");
    eventually(
        () -> assertEquals("Edited in the roadmap", githubIssue(number).path("title").asText()));
    assertEquals(writesAfterPublish + 1, writesTo(number), "one local edit, one PATCH");
    Instant polled = Instant.now();
    for (int i = 0; i < 3; i++) {
      post("/api/sync", "{}", 202);
    }
    // a run ends once the entities answered what it handed them: an echo would be written by then
    eventually(
        () -> {
          JsonNode run = get("/api/sync");
          assertEquals("finished", run.path("state").asText(), run.toString());
          assertThat(Instant.parse(run.path("startedAt").asText())).isAfterOrEqualTo(polled);
        });
    assertEquals(
        writesAfterPublish + 1, writesTo(number), "still one PATCH after several sync rounds");

    github
        .control()
        .editIssueAs(
            "octocat", REPO, (int) number, "{\"title\":\"Edited on GitHub\",\"state\":\"closed\"}");
    post("/api/issues/" + id + "/sync", "{}", 202);
    eventually(() -> assertEquals("title: Edited on GitHub", line(id, "title")));
    assertEquals("status: closed", line(id, "status"));
    for (int i = 0; i < 3; i++) {
      post("/api/issues/" + id + "/sync", "{}", 202);
    }
    // One more GitHub edit after the three syncs: the entity takes its rounds in order, so once
    // this one is in the file the rounds of the three syncs are over, and any echo they wrote is in
    // the history between the two pulls.
    github.control().editIssueAs("octocat", REPO, (int) number, "{\"body\":\"Fence.\"}");
    post("/api/issues/" + id + "/sync", "{}", 202);
    eventually(() -> assertThat(text(id)).contains("Fence."));
    assertEquals(writesAfterPublish + 1, writesTo(number), "pulling wrote nothing back to GitHub");

    // the read table follows the journal: its history may show the pull a moment later
    eventually(
        () ->
            assertEquals(
                "Fence.",
                get("/api/issues/" + id).path("history").path(0).at("/changes/body/to").asText()));
    JsonNode history = get("/api/issues/" + id).path("history");
    assertEquals("pull", history.get(0).path("direction").asText(), history.toString());
    assertEquals("Fence.", history.get(0).at("/changes/body/to").asText());
    assertEquals("pull", history.get(1).path("direction").asText(), history.toString());
    assertEquals("manual", history.get(1).path("trigger").asText());
    assertEquals("Edited on GitHub", history.get(1).at("/changes/title/to").asText());
    assertEquals("push", history.get(2).path("direction").asText(), "one GitHub edit, one write");
    assertEquals("watch", history.get(2).path("trigger").asText());

    JsonNode rows =
        eventually(
            () -> {
              JsonNode list = get("/api/issues?status=synced");
              assertThat(list.findValuesAsText("id")).contains(id);
              return list;
            });
    assertThat(rows.isArray()).isTrue();
  }

  @Test
  void aConflictGoesToTheLaterWriterUnderLastWriteWins() throws IOException {
    String id = "e2e00002";
    long number = publish(id);
    github.control().editIssueAs("octocat", REPO, (int) number, "{\"title\":\"GitHub's title\"}");
    // The roadmap edit is stamped later than GitHub's: it wins the title.
    String text = Files.readString(file(id));
    Files.writeString(
        file(id),
        text.replaceFirst("(?m)^title: .*$", "title: Roadmap's title")
            .replaceFirst("(?m)^updated: .*$", "updated: '2099-01-01T00:00:00.000000+00:00'"));
    eventually(
        () -> {
          assertEquals("Roadmap's title", githubIssue(number).path("title").asText());
          assertEquals("synced", get("/api/issues/" + id).path("syncStatus").asText());
        });
    assertEquals("title: Roadmap's title", line(id, "title"));
  }

  @Test
  void editsMadeWhileTheServiceIsDownAreSyncedAfterItRestarts() throws IOException {
    String id = "e2e00003";
    long number = publish(id);
    stopService();
    editLine(id, "priority", "low");
    github
        .control()
        .editIssueAs(
            "octocat",
            REPO,
            (int) number,
            "{\"body\":\"Rewritten on GitHub while sync was down.\"}");
    startService();
    post("/api/sync", "{}", 202);
    eventually(
        () -> {
          assertThat(githubIssue(number).findValuesAsText("name")).contains("priority:low");
          assertThat(text(id)).contains("Rewritten on GitHub while sync was down.");
          assertEquals("synced", get("/api/issues/" + id).path("syncStatus").asText());
        });
  }

  @Test
  void anUnparseableFileIsAnErrorWithFileAndLineUntilItIsFixed() throws IOException {
    String id = "e2e00005";
    eventually(
        () -> assertEquals("unlinked", get("/api/issues/" + id).path("syncStatus").asText()));
    String good = Files.readString(file(id));
    Files.writeString(file(id), good.replace("labels:\n- e2e\n", "labels: [e2e\n"));
    JsonNode broken =
        eventually(
            () -> {
              JsonNode issue = get("/api/issues/" + id);
              assertEquals("error", issue.path("syncStatus").asText());
              return issue;
            });
    assertThat(broken.path("lastSyncError").asText())
        .contains(id + "-issue.md")
        .containsPattern(":\\d+");
    assertEquals(
        good.replace("labels:\n- e2e\n", "labels: [e2e\n"),
        Files.readString(file(id)),
        "never rewritten");
    Files.writeString(file(id), good.replace("title: Issue " + id, "title: Fixed"));
    eventually(
        () -> {
          JsonNode issue = get("/api/issues/" + id);
          assertEquals("unlinked", issue.path("syncStatus").asText());
          assertEquals("Fixed", issue.path("title").asText());
        });
  }

  @Test
  void aGitHubIssueLinkedToOneRoadmapIssueCannotBeLinkedToAnother() {
    long number = publish("e2e00006");
    // At once, before the read tables show the link: the entity announced it when it was journaled.
    assertThat(
            post("/api/issues/e2e00007/link", "{\"githubIssue\":" + number + "}", 409)
                .path("detail")
                .asText())
        .contains("already linked to roadmap issue e2e00006");
    eventually(
        () ->
            assertThat(get("/api/issues?status=synced").findValuesAsText("id"))
                .contains("e2e00006"));
    assertThat(
            post("/api/issues/e2e00007/link", "{\"githubIssue\":" + number + "}", 409)
                .path("detail")
                .asText())
        .contains("already linked to roadmap issue e2e00006");
    assertThat(get("/api/conflicts").isArray()).isTrue();
    JsonNode unlinked =
        call(
            HttpRequest.create(api + "/api/issues/e2e00006/link").withMethod(HttpMethods.DELETE),
            200);
    assertEquals("unlinked", unlinked.path("syncStatus").asText());
    eventually(
        () ->
            assertEquals(
                "github_issue: null",
                line("e2e00006", "github_issue"),
                "unlinking clears the number in the file"));
    // the read table that guards against double links catches up with the unlink shortly
    eventually(() -> post("/api/issues/e2e00007/link", "{\"githubIssue\":" + number + "}", 200));
    eventually(
        () -> assertEquals("synced", get("/api/issues/e2e00007").path("syncStatus").asText()));
  }

  @Test
  void healthShowsTheRateLimitGovernorWithTheQuotaItSaw() {
    publish("e2e00008");
    JsonNode governor =
        eventually(
            () -> {
              JsonNode g = call(HttpRequest.GET(api + "/health"), 200).at("/components/governor");
              assertEquals("UP", g.path("status").asText());
              assertThat(g.at("/quotaRemaining/core").asInt()).isPositive();
              return g;
            });
    assertThat(governor.path("granted").asLong()).isPositive();
    assertEquals(0, governor.path("waiting").asInt());
  }

  @Test
  void badRequestsAreAnsweredWithTheirStatusAndReason() {
    assertEquals(
        "not_found",
        call(HttpRequest.GET(api + "/api/issues/nope0000"), 404).path("error").asText());
    assertEquals(
        "bad_request",
        call(HttpRequest.GET(api + "/api/issues?status=happy"), 400).path("error").asText());
    post("/api/issues/e2e00001/resolve", "{\"keep\":\"roadmap\"", 400);
    post("/api/issues/e2e00004/link", "{\"githubIssue\":\"x\"}", 400);
    post("/api/issues/e2e00004/link", "{\"githubIssue\":3,\"repo\":\"not a repo\"}", 400);
    assertThat(
            post("/api/issues/e2e00004/link", "{\"githubIssue\":9999}", 422)
                .path("detail")
                .asText())
        .contains("octo/e2e#9999");
    assertThat(
            post("/api/issues/e2e00004/resolve", "{\"keep\":\"roadmap\"}", 409)
                .path("detail")
                .asText())
        .contains("not in conflict");
  }
}
