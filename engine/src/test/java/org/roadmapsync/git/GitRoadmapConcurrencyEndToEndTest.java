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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
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
 * Both sides editing at once, with no pause: in each round a teammate changes an issue's priority
 * and pushes (pulling and pushing again when the service's push got there first) while GitHub
 * changes the same issue's title, so the service's commit of GitHub's edit and the teammate's
 * commit of the same file race for the remote. Afterwards every edit of both sides is on GitHub and
 * on the remote, the remote's history only grew, and no GitHub issue was made twice. {@value
 * #DEFAULT_ROUNDS} rounds by default; {@code -Droadmap-sync.git-rounds=50} for the issue's figure.
 */
class GitRoadmapConcurrencyEndToEndTest {

  private static final int DEFAULT_ROUNDS = 8;
  private static final int ROUNDS = Integer.getInteger("roadmap-sync.git-rounds", DEFAULT_ROUNDS);
  private static final String TOKEN = "race-token";
  private static final String SECRET = "race-secret";
  private static final String REPO = "team/roadmap";
  private static final Duration WAIT = Duration.ofSeconds(30 + 3L * ROUNDS);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ActorTestKit testKit = ActorTestKit.create("git-race", ConfigFactory.load());

  @TempDir static Path folder;
  static GitCli git;
  static Path bare;
  static Path teammate;
  static GitHubSimulator github;
  static RoadmapSyncService service;
  static String api;

  @BeforeAll
  static void start() throws IOException {
    git = new GitCli(folder.resolve("home"));
    Files.createDirectories(folder.resolve("team"));
    List<String[]> files = new ArrayList<>();
    for (int i = 1; i <= ROUNDS; i++) {
      files.add(new String[] {path(id(i)), GitCli.issue(id(i), "Issue " + i, "high")});
    }
    teammate = folder.resolve("teammate");
    bare = git.bareWith(folder.resolve("team/roadmap.git"), teammate, files);
    github = GitHubSimulator.start(testKit.system(), SimSettings.defaults(TOKEN, REPO));
    service =
        RoadmapSyncService.start(
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
                ConfigFactory.empty()));
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
    return String.format("race%04d", n);
  }

  private static String path(String id) {
    return GitCli.ROADMAP + id + "-issue.md";
  }

  @Test
  void editsFromBothSidesAtOnceAllSurviveWithoutAForcePush() throws IOException {
    Map<Integer, Long> numbers = new HashMap<>();
    for (int i = 1; i <= ROUNDS; i++) {
      String id = id(i);
      eventually(
          () -> assertEquals("unlinked", get("/api/issues/" + id).path("syncStatus").asText()));
      numbers.put(i, post("/api/issues/" + id + "/publish").path("githubIssue").asLong());
    }
    eventually(
        () -> {
          for (int i = 1; i <= ROUNDS; i++) {
            assertThat(git.remoteFile(bare, path(id(i))))
                .contains("github_issue: " + numbers.get(i));
            assertEquals("synced", get("/api/issues/" + id(i)).path("syncStatus").asText());
          }
        });

    List<String> tips = new ArrayList<>();
    for (int i = 1; i <= ROUNDS; i++) {
      tips.add(git.remoteTip(bare));
      github
          .control()
          .editIssueAs(
              "octocat", REPO, numbers.get(i).intValue(), "{\"title\":\"GitHub " + i + "\"}");
      teammateSetsPriority(i, "low");
      deliverPush();
    }

    eventually(
        () -> {
          for (int i = 1; i <= ROUNDS; i++) {
            JsonNode issue =
                JSON.valueToTree(github.control().issue(REPO, numbers.get(i).intValue()));
            assertEquals("GitHub " + i, issue.path("title").asText(), "GitHub's edit of " + i);
            assertThat(issue.findValuesAsText("name"))
                .as("the teammate's edit of %d on GitHub", i)
                .contains("priority:low");
            assertThat(git.remoteFile(bare, path(id(i))))
                .as("both edits of %d on the remote", i)
                .contains("title: GitHub " + i)
                .contains("priority: low");
          }
        });
    String tip = git.remoteTip(bare);
    for (String older : tips) {
      assertTrue(git.isAncestor(bare, older, tip), "the remote's history only grew");
    }
    JsonNode listed =
        call(
            HttpRequest.GET(github.baseUrl() + "/repos/" + REPO + "/issues?state=all&per_page=100")
                .addHeader(RawHeader.create("Authorization", "token " + TOKEN)));
    assertEquals(ROUNDS, listed.size(), "no GitHub issue made twice");
  }

  /**
   * Edit the latest version, commit, push; when the service pushed first, the teammate starts over
   * from the remote's new version (as a person resolving a conflict by redoing their edit).
   */
  private static void teammateSetsPriority(int i, String priority) throws IOException {
    for (int attempt = 0; ; attempt++) {
      assertThat(attempt).as("the teammate's push, tried again after a fetch").isLessThan(10);
      git.run(teammate, "fetch", "origin");
      git.run(teammate, "reset", "--hard", "origin/main");
      Path file = teammate.resolve(path(id(i)));
      Files.writeString(
          file, Files.readString(file).replaceFirst("(?m)^priority: .*$", "priority: " + priority));
      git.run(teammate, "commit", "-am", "issue " + i + " is " + priority);
      if (git.tryRun(teammate, "push", "origin", "main").exit() == 0) {
        return;
      }
    }
  }

  private static void deliverPush() {
    ObjectNode payload = JSON.createObjectNode().put("ref", "refs/heads/main");
    payload.putObject("repository").put("id", 7).put("name", "roadmap").put("full_name", REPO);
    payload.putObject("sender").put("login", "teammate").put("id", 3);
    try {
      byte[] body = JSON.writeValueAsBytes(payload);
      call(
          HttpRequest.POST(api + "/webhooks/github")
              .addHeader(RawHeader.create("X-GitHub-Event", "push"))
              .addHeader(RawHeader.create("X-GitHub-Delivery", UUID.randomUUID().toString()))
              .addHeader(
                  RawHeader.create(
                      "X-Hub-Signature-256", WebhookSignatureVerifier.sign(SECRET, body)))
              .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode get(String path) {
    return call(HttpRequest.GET(api + path));
  }

  private static JsonNode post(String path) {
    return call(
        HttpRequest.POST(api + path)
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, "{}")));
  }

  private static JsonNode call(HttpRequest request) {
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
      assertThat(response.status().intValue()).as(body).isLessThan(300);
      return JSON.readTree(body);
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
