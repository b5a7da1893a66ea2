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
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.config.SettingsLoader;

/**
 * Without {@code GITHUB_TOKEN} the service still loads and watches the roadmap: {@code /api/issues}
 * lists every issue (unlinked; linked but not synced yet, with the reason; malformed files in
 * error), and only what needs GitHub answers 503 saying why.
 */
class NoTokenEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "no-token",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir static Path folder;
  static RoadmapSyncService service;
  static String api;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Path backlog = Files.createDirectories(folder.resolve(".roadmap/issues/backlog"));
    Files.writeString(
        backlog.resolve("aaaa0001-issue.md"), LiveService.issueText("aaaa0001", "null"));
    Files.writeString(
        backlog.resolve("aaaa0002-issue.md"),
        LiveService.issueText("aaaa0002", "null").replace("assignee: null", "github_issue: 7"));
    Files.writeString(
        backlog.resolve("aaaa0003-issue.md"), "---\nid: aaaa0003\ntitle: [broken\n---\n");
    Map<String, String> env = new HashMap<>();
    env.put("ROADMAP_DIR", folder.resolve(".roadmap").toString());
    env.put("ROADMAP_SYNC_DATA_DIR", folder.resolve("data").toString());
    env.put("ROADMAP_SYNC_HTTP_PORT", "0");
    env.put("ROADMAP_GITHUB_REPO", "octo/offline");
    service = RoadmapSyncService.start(SettingsLoader.load(env, ConfigFactory.empty()));
    api = "http://127.0.0.1:" + service.address().getPort();
  }

  @AfterAll
  static void stop() {
    service.stop(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
    testKit.shutdownTestKit();
  }

  private record Answer(int status, JsonNode json) {}

  private static Answer call(String method, String path, String body) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(api + path))
                  .method(
                      method,
                      body == null
                          ? HttpRequest.BodyPublishers.noBody()
                          : HttpRequest.BodyPublishers.ofString(body))
                  .header("Content-Type", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), JSON.readTree(response.body()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode row(String id) {
    for (JsonNode row : call("GET", "/api/issues", null).json()) {
      if (row.path("id").asText().equals(id)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + id);
  }

  private static void eventually(Runnable check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(20),
            () -> {
              check.run();
              return null;
            });
  }

  @Test
  void everyIssueIsListedWithWhereItStands() {
    eventually(
        () -> assertThat(call("GET", "/api/issues", null).json().size()).isGreaterThanOrEqualTo(3));
    assertEquals("unlinked", row("aaaa0001").path("syncStatus").asText());
    JsonNode linked = row("aaaa0002");
    assertEquals("pending", linked.path("syncStatus").asText());
    assertEquals(7, linked.path("githubIssue").asInt());
    assertEquals("octo/offline", linked.path("repo").asText());
    assertEquals(
        "not synced: GitHub is not configured: GITHUB_TOKEN is not set",
        linked.path("lastSyncError").asText());
    JsonNode broken = row("aaaa0003");
    assertEquals("error", broken.path("syncStatus").asText());
    assertThat(broken.path("lastSyncError").asText()).contains("aaaa0003-issue.md");
    Answer detail = call("GET", "/api/issues/aaaa0002", null);
    assertEquals(200, detail.status());
    assertThat(detail.json().path("lastSyncError").asText()).contains("GITHUB_TOKEN is not set");
    assertEquals("Issue aaaa0002", detail.json().path("roadmap").path("title").asText());
    assertEquals(200, call("GET", "/api/conflicts", null).status());
    assertEquals(
        "unlinked",
        call("GET", "/api/issues?status=unlinked", null).json().get(0).path("syncStatus").asText());
  }

  @Test
  void theRoadmapIsWatched() throws Exception {
    Path backlog = folder.resolve(".roadmap/issues/backlog");
    Files.writeString(
        backlog.resolve("aaaa0004-issue.md"), LiveService.issueText("aaaa0004", "null"));
    eventually(() -> assertEquals("unlinked", row("aaaa0004").path("syncStatus").asText()));
    Files.writeString(backlog.resolve("aaaa0004-issue.md"), "---\nid: aaaa0004\ntitle: [\n---\n");
    eventually(() -> assertEquals("error", row("aaaa0004").path("syncStatus").asText()));
  }

  @Test
  void onlyWhatNeedsGitHubAnswers503WithTheReason() {
    String[][] needGitHub = {
      {"POST", "/api/issues/aaaa0001/sync", "{}"},
      {"POST", "/api/issues/aaaa0001/publish", "{}"},
      {"POST", "/api/issues/aaaa0001/link", "{\"githubIssue\":3}"},
      {"DELETE", "/api/issues/aaaa0002/link", null},
      {"POST", "/api/issues/aaaa0002/resolve", "{\"keep\":\"github\"}"},
      {"POST", "/api/sync", "{}"},
      {"GET", "/api/sync", null},
      {"PUT", "/api/auto-sync", "{\"enabled\":true}"},
      {"GET", "/api/pulls", null},
      {"GET", "/api/approvals", null},
      {"POST", "/api/import", "{}"},
      {"POST", "/api/publish", "{}"},
    };
    for (String[] request : needGitHub) {
      Answer answer = call(request[0], request[1], request[2]);
      assertEquals(503, answer.status(), request[0] + " " + request[1] + ": " + answer.json());
      assertEquals("service_unavailable", answer.json().path("error").asText());
      assertEquals(
          "GitHub is not configured: GITHUB_TOKEN is not set",
          answer.json().path("detail").asText(),
          request[1]);
    }
    assertEquals(404, call("GET", "/api/nothing-here", null).status());
    JsonNode health = call("GET", "/health", null).json();
    assertEquals("UP", health.path("status").asText());
    assertEquals("NOT_CONFIGURED", health.at("/infrastructure/github/status").asText());
  }

  @Test
  void thePlanSaysGitHubIsNotConfigured() {
    eventually(() -> assertEquals("pending", row("aaaa0002").path("syncStatus").asText()));
    Answer plan = call("GET", "/api/plan", null);
    assertEquals(200, plan.status(), plan.json().toString());
    assertEquals(false, plan.json().at("/github/configured").asBoolean());
    assertEquals(
        "GitHub is not configured: GITHUB_TOKEN is not set",
        plan.json().at("/github/reason").asText());
    Map<String, String> actions = new HashMap<>();
    plan.json()
        .path("issues")
        .forEach(i -> actions.put(i.path("id").asText(), i.path("action").asText()));
    assertEquals("publish", actions.get("aaaa0001"));
    assertEquals("unknown", actions.get("aaaa0002"));
    assertEquals("error", actions.get("aaaa0003"));
    assertEquals(0, plan.json().path("imports").size());
  }
}
