package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.github.Issue;
import org.roadmapsync.onboarding.GitHubSeed;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;

/**
 * An import killed halfway ({@code kill -9} of the service's JVM while it writes files), started
 * again and imported again: every GitHub issue has exactly one file. A file written just before the
 * kill, whose entity never journaled it, is linked from its {@code github_issue} at the next start
 * and not imported twice.
 */
class ImportCrashEndToEndTest {

  private static final String TOKEN = "crash-import-token";
  private static final String REPO = "octo/crash";
  private static final int ISSUES = 480;
  private static final int PULLS = 20;
  private static final Duration START = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "import-crash",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private final HttpClient http = HttpClient.newHttpClient();

  private JsonNode call(String method, String url, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private Map<Long, Path> files() {
    return GitHubSeed.numbersInFiles(folder.resolve(".roadmap"));
  }

  @Test
  void anImportKilledHalfwayAndRunAgainLeavesOneFilePerIssue() throws Exception {
    GitHubSimulator github =
        GitHubSimulator.start(testKit.system(), SimSettings.defaults(TOKEN, REPO));
    try {
      GitHubSeed.issues(github, REPO, ISSUES);
      GitHubSeed.pullRequests(github, testKit.system(), TOKEN, REPO, PULLS);
      Files.createDirectories(folder.resolve(".roadmap/issues/backlog"));
      Map<String, String> env =
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
              REPO,
              "ROADMAP_GITHUB_AUTO_SYNC_ENABLED",
              "false");
      int beforeKill;
      try (ServiceProcess first = ServiceProcess.start(folder, env)) {
        String api = first.awaitListening(START);
        JsonNode plan = call("POST", api + "/api/import", "{\"state\":\"all\"}");
        assertEquals(ISSUES, plan.path("create").size());
        // kill -9 once a fair part of the files is written
        testKit
            .createTestProbe()
            .awaitAssert(
                Duration.ofSeconds(60),
                Duration.ofMillis(5),
                () -> {
                  assertThat(files().size()).isGreaterThanOrEqualTo(ISSUES / 4);
                  return null;
                });
        first.kill();
        beforeKill = files().size();
      }
      assertThat(beforeKill).as("files when killed").isLessThan(ISSUES);
      System.out.printf("import killed after %d of %d files%n", beforeKill, ISSUES);

      try (ServiceProcess second = ServiceProcess.start(folder, env)) {
        String api = second.awaitListening(START);
        JsonNode plan = call("POST", api + "/api/import", "{\"state\":\"all\"}");
        // what the first run wrote is linked from the files, not imported again
        assertEquals(ISSUES - beforeKill, plan.path("create").size(), plan.toString());
        testKit
            .createTestProbe()
            .awaitAssert(
                Duration.ofSeconds(60),
                Duration.ofMillis(100),
                () -> {
                  JsonNode progress = call("GET", api + "/api/import", null).get(0);
                  assertEquals("finished", progress.path("state").asText(), progress.toString());
                  return null;
                });
        second.terminate();
        assertEquals(0, second.awaitExit(Duration.ofSeconds(30)), second.output());
      }
      Map<Long, Path> files = files();
      Set<Long> issues =
          GitHubSeed.all(testKit.system(), github, TOKEN, REPO).stream()
              .filter(i -> !i.isPullRequest())
              .map(Issue::number)
              .collect(Collectors.toSet());
      assertEquals(issues, files.keySet());
      // and each file is whole: the store reads every one
      assertEquals(ISSUES, RoadmapStore.open(folder.resolve(".roadmap")).loadAll().issues().size());
    } finally {
      github.stop();
    }
  }
}
