package org.roadmapsync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.http.javadsl.Http;
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

/** The admin API over real HTTP: health, JSON errors for every failure, the admin token. */
class AdminApiTest {

  private static final String ADMIN_TOKEN = "admin-s3cret";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path folder;
  static RoadmapSyncService service;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    Path roadmap = folder.resolve(".roadmap");
    Files.createDirectories(roadmap.resolve("issues/backlog"));
    Files.createDirectories(roadmap.resolve("archive/issues/v1-0"));
    Files.writeString(
        roadmap.resolve("issues/backlog/1234abcd-first.md"), "---\nid: 1234abcd\n---\n");
    Files.writeString(
        roadmap.resolve("archive/issues/v1-0/5678abcd-old.md"), "---\nid: 5678abcd\n---\n");
    Files.writeString(roadmap.resolve("issues/backlog/notes.txt"), "not an issue");
    var settings =
        SettingsLoader.load(
            Map.of(
                "ROADMAP_DIR",
                roadmap.toString(),
                "ROADMAP_SYNC_DATA_DIR",
                folder.resolve("data").toString(),
                "ROADMAP_SYNC_HTTP_PORT",
                "0",
                "ROADMAP_SYNC_ADMIN_TOKEN",
                ADMIN_TOKEN),
            ConfigFactory.empty());
    service = RoadmapSyncService.start(settings);
    base = "http://127.0.0.1:" + service.address().getPort();
  }

  @AfterAll
  static void stop() {
    service.stop(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
  }

  private record Answer(int status, JsonNode body, HttpResponse response) {}

  private static Answer call(HttpRequest request) throws Exception {
    HttpResponse response =
        Http.get(service.system()).singleRequest(request).toCompletableFuture().get();
    String text =
        response
            .entity()
            .toStrict(5_000, service.system())
            .toCompletableFuture()
            .get()
            .getData()
            .utf8String();
    assertThat(response.entity().getContentType().toString()).isEqualTo("application/json");
    return new Answer(response.status().intValue(), JSON.readTree(text), response);
  }

  @Test
  void healthReportsEachComponentAndGitHubNotConfigured() throws Exception {
    Answer health = call(HttpRequest.GET(base + "/health"));
    assertEquals(200, health.status());
    assertEquals("UP", health.body().path("status").asText());
    assertEquals("UP", health.body().at("/components/journal/status").asText());
    assertThat(health.body().at("/components/journal/roundTripMs").asLong())
        .isGreaterThanOrEqualTo(0);
    assertEquals("UP", health.body().at("/components/roadmap/status").asText());
    assertEquals(2, health.body().at("/components/roadmap/issueFiles").asInt());
    JsonNode github = health.body().at("/infrastructure/github");
    assertEquals("NOT_CONFIGURED", github.path("status").asText());
    assertThat(
            github.has("reachable")
                && github.has("authenticated")
                && github.has("rateLimit")
                && github.has("lastSuccessfulSync")
                && github.has("lastError")
                && github.has("consecutiveFailures")
                && github.has("checkedAt"))
        .isTrue();
    assertThat(health.body().toString()).doesNotContain(ADMIN_TOKEN);
  }

  @Test
  void healthStaysOpenWithoutTheAdminToken() throws Exception {
    assertEquals(200, call(HttpRequest.GET(base + "/health")).status());
  }

  @Test
  void unknownPathIs404Json() throws Exception {
    Answer answer = call(HttpRequest.GET(base + "/no/such/thing"));
    assertEquals(404, answer.status());
    assertEquals("not_found", answer.body().path("error").asText());
    assertThat(answer.body().path("detail").asText()).isNotBlank();
  }

  @Test
  void wrongMethodIs405JsonWithAllow() throws Exception {
    Answer answer = call(HttpRequest.create(base + "/health").withMethod(HttpMethods.DELETE));
    assertEquals(405, answer.status());
    assertEquals("method_not_allowed", answer.body().path("error").asText());
    assertThat(answer.response().getHeader("Allow")).isPresent();
  }

  @Test
  void apiNeedsTheAdminToken() throws Exception {
    Answer missing = call(HttpRequest.GET(base + "/api/issues"));
    assertEquals(401, missing.status());
    assertEquals("unauthorized", missing.body().path("error").asText());
    assertThat(missing.response().getHeader("WWW-Authenticate")).isPresent();

    Answer wrong =
        call(
            HttpRequest.GET(base + "/api/issues")
                .addHeader(RawHeader.create("Authorization", "Bearer nope")));
    assertEquals(401, wrong.status());

    Answer basic =
        call(
            HttpRequest.GET(base + "/api/issues")
                .addHeader(RawHeader.create("Authorization", ADMIN_TOKEN)));
    assertEquals(401, basic.status());

    Answer right =
        call(
            HttpRequest.GET(base + "/api/issues")
                .addHeader(RawHeader.create("Authorization", "Bearer " + ADMIN_TOKEN)));
    assertEquals(200, right.status(), "past the token check: the roadmap is listed without GitHub");
    Answer needsGitHub =
        call(
            HttpRequest.POST(base + "/api/sync")
                .addHeader(RawHeader.create("Authorization", "Bearer " + ADMIN_TOKEN)));
    assertEquals(503, needsGitHub.status(), "no GITHUB_TOKEN: what needs GitHub cannot run");
    assertThat(needsGitHub.body().path("detail").asText()).contains("GITHUB_TOKEN is not set");
  }

  @Test
  void malformedRequestIs400Json() throws Exception {
    // A request no HTTP client would send: it has to be written by hand to reach the parser.
    try (Socket socket = new Socket("127.0.0.1", service.address().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer)
          .startsWith("HTTP/1.1 400")
          .contains("Content-Type: application/json")
          .contains("\"error\":\"bad_request\"");
    }
  }
}
