package org.roadmapsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.RoadmapSyncService;
import org.roadmapsync.config.SettingsLoader;
import org.roadmapsync.github.WebhookSignatureVerifier;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;

/**
 * The git-backed roadmap with real git: a bare repository on disk as the team's remote, a
 * teammate's clone driven by command-line {@code git}, the service (in this JVM) with its own JGit
 * clone, and the GitHub simulator. Polling is off: every fetch here comes from a push webhook or
 * {@code POST /api/sync}, every GitHub change from the simulator's webhooks.
 */
class GitRoadmapEndToEndTest {

  private static final String TOKEN = "git-token";
  private static final String SECRET = "git-secret";
  private static final String REPO = "team/roadmap";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ActorTestKit testKit = ActorTestKit.create("git-e2e", ConfigFactory.load());

  @TempDir static Path folder;
  static GitCli git;
  static Path bare;
  static Path teammate;
  static Path clone;
  static GitHubSimulator github;
  static RoadmapSyncService service;
  static String api;

  @BeforeAll
  static void start() throws IOException {
    git = new GitCli(folder.resolve("home"));
    Files.createDirectories(folder.resolve("team"));
    List<String[]> files = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      files.add(new String[] {path(id(i)), GitCli.issue(id(i), "Issue " + i, "high")});
    }
    teammate = folder.resolve("teammate");
    bare = git.bareWith(folder.resolve("team/roadmap.git"), teammate, files);
    github = GitHubSimulator.start(testKit.system(), SimSettings.defaults(TOKEN, REPO));
    var settings =
        SettingsLoader.load(
            Map.of(
                "ROADMAP_GIT_REMOTE",
                bare.toString(),
                "ROADMAP_SYNC_DATA_DIR",
                folder.resolve("data").toString(),
                "ROADMAP_SYNC_HTTP_PORT",
                "0",
                "GITHUB_TOKEN",
                TOKEN,
                "ROADMAP_GITHUB_API_URL",
                github.baseUrl(),
                "ROADMAP_GITHUB_REPO",
                REPO,
                "ROADMAP_GITHUB_AUTO_SYNC_ENABLED",
                "false",
                "GITHUB_WEBHOOK_SECRET",
                SECRET),
            ConfigFactory.empty());
    clone = settings.git().orElseThrow().cloneDir();
    service = RoadmapSyncService.start(settings);
    api = "http://127.0.0.1:" + service.address().getPort();
    github
        .control()
        .setWebhook(
            Optional.of(new SimSettings.WebhookTarget(api + "/webhooks/github", SECRET, 0, 0)));
  }

  @AfterAll
  static void stop() {
    service.stop(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
    github.stop();
    testKit.shutdownTestKit();
  }

  private static String id(int n) {
    return String.format("git%05d", n);
  }

  private static String path(String id) {
    return GitCli.ROADMAP + id + "-issue.md";
  }

  // ---- scenarios

  @Test
  void aTeammatesPushReachesGitHubThroughThePushWebhook() throws IOException {
    String id = id(1);
    long number = publish(id);
    git.pull(teammate);
    edit(teammate, id, "title: Issue 1", "title: Renamed by a teammate");
    git.commitAndPush(teammate, "rename issue 1");

    JsonNode answer = deliverPush("refs/heads/main", REPO, 202);
    assertEquals("queued", answer.path("status").asText());

    eventually(
        () -> assertEquals("Renamed by a teammate", githubIssue(number).path("title").asText()));
  }

  @Test
  void aTeammatesPushReachesGitHubAtThePoll() throws IOException {
    String id = id(2);
    long number = publish(id);
    git.pull(teammate);
    edit(teammate, id, "priority: high", "priority: critical");
    git.commitAndPush(teammate, "issue 2 is critical");

    send("POST", "/api/sync", "{}", 202);

    eventually(
        () ->
            assertThat(githubIssue(number).findValuesAsText("name")).contains("priority:critical"));
  }

  @Test
  void aGitHubEditBecomesACommitOfTheServicesAuthor() {
    String id = id(3);
    long number = publish(id);
    String before = git.remoteTip(bare);

    github
        .control()
        .editIssueAs("octocat", REPO, (int) number, "{\"title\":\"Renamed on GitHub\"}");

    eventually(
        () -> assertThat(git.remoteFile(bare, path(id))).contains("title: Renamed on GitHub"));
    String log = git.run(bare, "log", "-1", "--format=%an <%ae>|%s", "main", "--", path(id));
    assertThat(log).startsWith("roadmap-sync <roadmap-sync@localhost>|roadmap-sync: ");
    assertThat(log).contains(id + " (#" + number + ")");
    assertTrue(git.isAncestor(bare, before, git.remoteTip(bare)), "history only grows");
  }

  @Test
  void aTeammatesEditOfAFileTheServiceHasNotPushedYetKeepsBothChanges() throws IOException {
    String id = id(4);
    long number = publish(id);
    git.pull(teammate);
    String before = git.remoteTip(bare);
    // the teammate pushes first, and no webhook tells the service: its next push is refused
    edit(teammate, id, "priority: high", "priority: low");
    git.commitAndPush(teammate, "issue 4 can wait");
    // the line next to the teammate's: git's rebase of the service's commit conflicts
    github.control().editIssueAs("octocat", REPO, (int) number, "{\"title\":\"Both sides\"}");

    eventually(
        () -> {
          String remote = git.remoteFile(bare, path(id));
          assertThat(remote).contains("title: Both sides").contains("priority: low");
          JsonNode issue = githubIssue(number);
          assertEquals("Both sides", issue.path("title").asText());
          assertThat(issue.findValuesAsText("name")).contains("priority:low");
        });
    assertTrue(git.isAncestor(bare, before, git.remoteTip(bare)), "no force push");
    assertEquals("synced", get("/api/issues/" + id).path("syncStatus").asText());
  }

  @Test
  void aMalformedFileInATeammatesCommitIsReportedAndTheRestSyncs() throws IOException {
    String bad = id(5);
    String good = id(6);
    publish(bad);
    long goodNumber = publish(good);
    git.pull(teammate);
    GitCli.write(teammate, path(bad), "---\nid: " + bad + "\ntitle: [unclosed\n---\n");
    edit(teammate, good, "title: Issue 6", "title: Still synced");
    git.commitAndPush(teammate, "one bad file, one good edit");
    String broken = git.run(teammate, "rev-parse", "HEAD");

    deliverPush("refs/heads/main", REPO, 202);

    eventually(() -> assertEquals("Still synced", githubIssue(goodNumber).path("title").asText()));
    eventually(
        () -> {
          JsonNode row = get("/api/issues/" + bad);
          assertEquals("error", row.path("syncStatus").asText());
          assertThat(row.path("lastSyncError").asText()).contains(bad);
        });
    // the service never rewrites a file it cannot read
    assertThat(git.remoteFile(bare, path(bad))).contains("title: [unclosed");

    // the teammate puts the file back as it was, byte for byte the service's own last write of it:
    // the issue is usable again
    git.pull(teammate);
    git.run(teammate, "checkout", broken + "~1", "--", path(bad));
    git.commitAndPush(teammate, "put the broken file back");
    deliverPush("refs/heads/main", REPO, 202);
    eventually(() -> assertEquals("synced", get("/api/issues/" + bad).path("syncStatus").asText()));
  }

  @Test
  void aFileOutsideTheRoadmapPathIsNeverTouched() throws IOException {
    String id = id(7);
    long number = publish(id);
    git.pull(teammate);
    GitCli.write(teammate, "README.md", "# the project, by a teammate\n");
    GitCli.write(teammate, "src/notes.txt", "not the roadmap\n");
    git.commitAndPush(teammate, "docs");
    deliverPush("refs/heads/main", REPO, 202);
    eventually(
        () ->
            assertThat(Files.readString(clone.resolve("README.md")))
                .isEqualTo("# the project, by a teammate\n"));
    // something to commit in the clone outside the roadmap path: never staged
    Files.writeString(clone.resolve("README.md"), "# changed in the service's clone\n");

    github.control().editIssueAs("octocat", REPO, (int) number, "{\"title\":\"After the docs\"}");

    eventually(() -> assertThat(git.remoteFile(bare, path(id))).contains("title: After the docs"));
    assertEquals("# the project, by a teammate", git.remoteFile(bare, "README.md"));
    assertEquals(
        "Teammate",
        git.run(bare, "log", "--format=%an", "main", "--", "README.md", "src")
            .lines()
            .distinct()
            .reduce((a, b) -> a + "," + b)
            .orElse(""));
  }

  @Test
  void aPushToAnotherBranchOrRepositoryIsIgnored() {
    assertEquals("ignored", deliverPush("refs/heads/feature", REPO, 202).path("status").asText());
    assertEquals(
        "ignored", deliverPush("refs/heads/main", "team/other", 202).path("status").asText());
  }

  @Test
  void healthTheApiAndTheMetricsShowTheClone() {
    publish(id(8));
    eventually(
        () -> {
          JsonNode status = get("/api/git");
          assertEquals("UP", status.path("status").asText());
          assertEquals(bare.toString(), status.path("remote").asText());
          assertEquals("main", status.path("branch").asText());
          assertEquals(".roadmap", status.path("path").asText());
          assertThat(status.path("lastPushAt").asText()).isNotEmpty();
          assertEquals(0, status.path("ahead").asInt());
        });
    send("POST", "/api/sync", "{}", 202);
    eventually(() -> assertThat(get("/api/git").path("lastFetchAt").isNull()).isFalse());
    JsonNode health = get("/health").path("components").path("git");
    assertEquals("UP", health.path("status").asText());
    assertEquals("main", health.path("branch").asText());
    assertThat(metrics()).contains("roadmap_sync_git_pushes_total{outcome=\"ok\"}");
    assertThat(metrics()).contains("roadmap_sync_git_fetches_total{outcome=\"ok\"}");
  }

  // ---- helpers

  private static void edit(Path work, String id, String from, String to) throws IOException {
    Path file = work.resolve(path(id));
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  /** Publishes an issue and waits until its link is on the remote. */
  private static long publish(String id) {
    eventually(
        () -> assertEquals("unlinked", get("/api/issues/" + id).path("syncStatus").asText()));
    long number =
        send("POST", "/api/issues/" + id + "/publish", "{}", 200).path("githubIssue").asLong();
    eventually(
        () -> {
          assertThat(git.remoteFile(bare, path(id))).contains("github_issue: " + number);
          assertEquals("synced", get("/api/issues/" + id).path("syncStatus").asText());
        });
    eventually(
        () -> assertThat(get("/api/issues?status=synced").findValuesAsText("id")).contains(id));
    return number;
  }

  private static JsonNode githubIssue(long number) {
    return JSON.valueToTree(github.control().issue(REPO, (int) number));
  }

  private static JsonNode deliverPush(String ref, String repository, int expectedStatus) {
    ObjectNode payload = JSON.createObjectNode().put("ref", ref).put("after", "0".repeat(40));
    payload
        .putObject("repository")
        .put("id", 7)
        .put("name", repository.substring(repository.indexOf('/') + 1))
        .put("full_name", repository);
    payload.putObject("sender").put("login", "teammate").put("id", 3);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return call(
        HttpRequest.POST(api + "/webhooks/github")
            .addHeader(RawHeader.create("X-GitHub-Event", "push"))
            .addHeader(RawHeader.create("X-GitHub-Delivery", UUID.randomUUID().toString()))
            .addHeader(
                RawHeader.create(
                    "X-Hub-Signature-256", WebhookSignatureVerifier.sign(SECRET, body)))
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)),
        expectedStatus);
  }

  private static JsonNode get(String path) {
    return call(HttpRequest.GET(api + path), 200);
  }

  private static JsonNode send(String method, String path, String json, int expectedStatus) {
    return call(
        HttpRequest.create(api + path)
            .withMethod(HttpMethods.lookup(method).get())
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json)),
        expectedStatus);
  }

  private static JsonNode call(HttpRequest request, int expectedStatus) {
    try {
      HttpResponse response =
          Http.get(testKit.system()).singleRequest(request).toCompletableFuture().get();
      String body =
          response
              .entity()
              .toStrict(10_000, testKit.system())
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

  private static String metrics() {
    try {
      return Http.get(testKit.system())
          .singleRequest(HttpRequest.GET(api + "/metrics"))
          .thenCompose(r -> r.entity().toStrict(10_000, testKit.system()))
          .toCompletableFuture()
          .get()
          .getData()
          .utf8String();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  interface Check {
    void run() throws Exception;
  }

  private static void eventually(Check check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              try {
                check.run();
              } catch (RuntimeException | Error e) {
                throw e;
              } catch (Exception e) {
                throw new AssertionError(e);
              }
              return null;
            });
  }
}
