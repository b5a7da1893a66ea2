package org.roadmapsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.ServiceProcess;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;

/**
 * The service as a separate JVM over a git-backed roadmap: killed with {@code kill -9} while its
 * commit could not be pushed (the remote was away), then started again; and refused at start when
 * the branch does not exist.
 */
class GitRoadmapCrashEndToEndTest {

  private static final String TOKEN = "crash-token";
  private static final String SECRET = "crash-secret";
  private static final String REPO = "team/roadmap";
  private static final String ID = "crash001";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ActorTestKit testKit =
      ActorTestKit.create("git-crash", ConfigFactory.load());

  @TempDir static Path folder;
  static GitCli git;
  static Path bare;
  static GitHubSimulator github;

  @BeforeAll
  static void start() throws IOException {
    git = new GitCli(folder.resolve("home"));
    Files.createDirectories(folder.resolve("team"));
    bare =
        git.bareWith(
            folder.resolve("team/roadmap.git"),
            folder.resolve("teammate"),
            List.<String[]>of(new String[] {path(), GitCli.issue(ID, "Before the crash", "high")}));
    github = GitHubSimulator.start(testKit.system(), SimSettings.defaults(TOKEN, REPO));
  }

  @AfterAll
  static void stop() {
    github.stop();
    testKit.shutdownTestKit();
  }

  private static String path() {
    return GitCli.ROADMAP + ID + "-issue.md";
  }

  private static Map<String, String> env(String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("ROADMAP_GIT_REMOTE", bare.toString());
    env.put("ROADMAP_SYNC_DATA_DIR", folder.resolve("data").toString());
    env.put("ROADMAP_SYNC_HTTP_PORT", "0");
    env.put("GITHUB_TOKEN", TOKEN);
    env.put("ROADMAP_GITHUB_API_URL", github.baseUrl());
    env.put("ROADMAP_GITHUB_REPO", REPO);
    env.put("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false");
    env.put("GITHUB_WEBHOOK_SECRET", SECRET);
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void aBranchTheRemoteDoesNotHaveExitsTwoNamingIt() throws Exception {
    Path work = Files.createDirectories(folder.resolve("wrong-branch"));
    try (ServiceProcess process =
        ServiceProcess.start(
            work,
            env(
                "ROADMAP_GIT_BRANCH",
                "nope",
                "ROADMAP_SYNC_DATA_DIR",
                work.resolve("data").toString()),
            "serve")) {
      assertEquals(2, process.awaitExit(WAIT), process.output());
      assertThat(process.output())
          .contains("configuration: ROADMAP_GIT_BRANCH: 'nope' does not exist on " + bare)
          .doesNotContain(TOKEN);
    }
  }

  @Test
  void aCommitThatCouldNotBePushedBeforeAKillReachesTheRemoteAfterRestart() throws Exception {
    Path work = Files.createDirectories(folder.resolve("service"));
    Path away = folder.resolve("team/away.git");
    long number;
    try (ServiceProcess first = ServiceProcess.start(work, env(), "serve")) {
      String api = first.awaitListening(WAIT);
      webhooksTo(api);
      eventually(
          () ->
              assertEquals("unlinked", get(api, "/api/issues/" + ID).path("syncStatus").asText()));
      number = post(api, "/api/issues/" + ID + "/publish").path("githubIssue").asLong();
      eventually(
          () -> assertThat(git.remoteFile(bare, path())).contains("github_issue: " + number));

      Files.move(bare, away);
      github
          .control()
          .editIssueAs("octocat", REPO, (int) number, "{\"title\":\"Committed, then killed\"}");
      // local sync goes on without the remote: the file changes, the commit waits
      eventually(
          () -> {
            JsonNode status = get(api, "/api/git");
            assertEquals("DEGRADED", status.path("status").asText());
            assertThat(status.path("lastError").asText()).contains(bare.toString());
            assertThat(status.path("ahead").asInt()).isPositive();
            assertThat(status.path("lastCommitAt").isNull()).isFalse();
          });
      assertEquals(
          "DEGRADED", get(api, "/health").path("components").path("git").path("status").asText());
      first.kill();
    }
    Files.move(away, bare);
    String before = git.remoteTip(bare);

    try (ServiceProcess second = ServiceProcess.start(work, env(), "serve")) {
      String api = second.awaitListening(WAIT);
      eventually(
          () -> assertThat(git.remoteFile(bare, path())).contains("title: Committed, then killed"));
      assertTrue(git.isAncestor(bare, before, git.remoteTip(bare)), "no force push");
      eventually(() -> assertEquals("UP", get(api, "/api/git").path("status").asText()));
      second.terminate();
      assertEquals(0, second.awaitExit(WAIT), second.output());
    }
  }

  private static void webhooksTo(String api) {
    github
        .control()
        .setWebhook(
            Optional.of(new SimSettings.WebhookTarget(api + "/webhooks/github", SECRET, 0, 0)));
  }

  private static JsonNode get(String api, String path) {
    return call(HttpRequest.GET(api + path));
  }

  private static JsonNode post(String api, String path) {
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
