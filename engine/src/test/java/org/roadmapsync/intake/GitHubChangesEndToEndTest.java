package org.roadmapsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
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
 * GitHub's changes reaching roadmap files on their own, over real HTTP: by webhook (the simulator
 * delivers signed events to the service), by poll when webhooks are lost, and idle polls answered
 * 304. Then every bad webhook and auto-sync request the issue names.
 */
class GitHubChangesEndToEndTest {

  private static final String TOKEN = "hooks-token";
  private static final String SECRET = "hooks-secret";
  private static final String REPO = "octo/hooks";
  private static final String LIST_ROUTE = "GET /repos/{o}/{r}/issues";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ActorTestKit testKit = ActorTestKit.create("hooks", ConfigFactory.load());

  @TempDir static Path folder;
  static GitHubSimulator github;
  static RoadmapSyncService service;
  static String api;

  @BeforeAll
  static void start() throws IOException {
    github =
        GitHubSimulator.start(
            testKit.system(), SimSettings.defaults(TOKEN, REPO, "octo/elsewhere"));
    Files.createDirectories(folder.resolve(".roadmap/issues/backlog"));
    for (int i = 1; i <= 8; i++) {
      writeIssue(id(i), "Issue " + i);
    }
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
                REPO,
                "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES",
                "0.02",
                "ROADMAP_GITHUB_AUTO_SYNC_ENABLED",
                "false",
                "GITHUB_WEBHOOK_SECRET",
                "old-secret, " + SECRET),
            ConfigFactory.empty());
    service = RoadmapSyncService.start(settings);
    api = "http://127.0.0.1:" + service.address().getPort();
  }

  @AfterAll
  static void stop() {
    service.stop(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
    github.stop();
    testKit.shutdownTestKit();
  }

  // ---- the roadmap folder

  private static String id(int n) {
    return String.format("hook%04d", n);
  }

  private static Path file(String id) {
    return folder.resolve(".roadmap/issues/backlog/" + id + "-issue.md");
  }

  private static void writeIssue(String id, String title) throws IOException {
    Files.writeString(
        file(id),
        "---\nid: "
            + id
            + "\ntitle: "
            + title
            + "\npriority: high\nstatus: todo\nissue_type: feature\n"
            + "milestone: null\nlabels:\n- hooks\nassignee: null\ncreated: '2026-01-02T10:00:00.000000+00:00'\n"
            + "updated: '2026-01-02T10:00:00.000000+00:00'\n---\n\nThe body of "
            + id
            + ".\n");
  }

  private static String line(String id, String key) {
    try {
      return Files.readString(file(id))
          .lines()
          .filter(l -> l.startsWith(key + ": "))
          .findFirst()
          .orElse("");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  // ---- HTTP

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
      assertThat(response.entity().getContentType()).isEqualTo(ContentTypes.APPLICATION_JSON);
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode get(String path) {
    return call(HttpRequest.GET(api + path), 200);
  }

  /** How many issue webhooks the intake routed to {@code outcome} (from {@code /metrics}). */
  private static double routed(String outcome) {
    try {
      String text =
          Http.get(testKit.system())
              .singleRequest(HttpRequest.GET(api + "/metrics"))
              .thenCompose(r -> r.entity().toStrict(10_000, testKit.system()))
              .toCompletableFuture()
              .get()
              .getData()
              .utf8String();
      String series = "roadmap_sync_webhook_routed_total{outcome=\"" + outcome + "\"} ";
      return text.lines()
          .filter(l -> l.startsWith(series))
          .mapToDouble(l -> Double.parseDouble(l.substring(series.length())))
          .sum();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode send(String method, String path, String json, int expectedStatus) {
    return call(
        HttpRequest.create(api + path)
            .withMethod(HttpMethods.lookup(method).get())
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json)),
        expectedStatus);
  }

  private static void autoSync(boolean on) {
    assertEquals(
        on,
        send("PUT", "/api/auto-sync", "{\"enabled\":" + on + "}", 200).path("enabled").asBoolean());
  }

  private static void webhooks(double lossRate) {
    github
        .control()
        .setWebhook(
            Optional.of(
                new SimSettings.WebhookTarget(api + "/webhooks/github", SECRET, lossRate, 0)));
  }

  private static JsonNode deliver(
      String event, String delivery, byte[] body, String signature, int expectedStatus) {
    List<HttpHeader> headers = new ArrayList<>();
    headers.add(RawHeader.create("X-GitHub-Event", event));
    if (delivery != null) {
      headers.add(RawHeader.create("X-GitHub-Delivery", delivery));
    }
    if (signature != null) {
      headers.add(RawHeader.create("X-Hub-Signature-256", signature));
    }
    return call(
        HttpRequest.POST(api + "/webhooks/github")
            .addHeaders(headers)
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)),
        expectedStatus);
  }

  private static JsonNode deliverSigned(
      String event, String delivery, byte[] body, int expectedStatus) {
    return deliver(
        event, delivery, body, WebhookSignatureVerifier.sign(SECRET, body), expectedStatus);
  }

  private static byte[] issuesPayload(String action, JsonNode issue) {
    ObjectNode payload = JSON.createObjectNode().put("action", action);
    payload.set("issue", issue);
    payload.putObject("repository").put("id", 1).put("name", "hooks").put("full_name", REPO);
    payload.putObject("sender").put("login", "octocat").put("id", 2);
    try {
      return JSON.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  // ---- GitHub

  private static JsonNode githubIssue(long number) {
    return JSON.valueToTree(github.control().issue(REPO, (int) number));
  }

  private static JsonNode stats() {
    return JSON.valueToTree(github.control().stats());
  }

  private static long listRequests(int status) {
    return stats().path("requests").path(LIST_ROUTE + " " + status).asLong(0);
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
    long number =
        send("POST", "/api/issues/" + id + "/publish", "{}", 200).path("githubIssue").asLong();
    eventually(
        () -> {
          assertEquals("github_issue: " + number, line(id, "github_issue"));
          assertEquals("synced", get("/api/issues/" + id).path("syncStatus").asText());
        });
    // the read table the poller and the intake look links up in follows the entity within a second
    // or so
    eventually(
        () -> assertThat(get("/api/issues?status=synced").findValuesAsText("id")).contains(id));
    return number;
  }

  private static void editOnGitHub(long number, String title) {
    github.control().editIssueAs("octocat", REPO, (int) number, "{\"title\":\"" + title + "\"}");
  }

  // ---- scenarios

  @Test
  void aGitHubEditReachesTheFileByWebhookWithoutAPoll() {
    autoSync(false);
    webhooks(0);
    String id = id(1);
    long number = publish(id);
    long lists = listRequests(200) + listRequests(304);

    editOnGitHub(number, "Edited on GitHub, delivered by webhook");

    eventually(
        () -> assertEquals("title: Edited on GitHub, delivered by webhook", line(id, "title")));
    eventually(
        () -> {
          JsonNode newest = get("/api/issues/" + id).path("history").path(0);
          assertEquals("pull", newest.path("direction").asText());
          assertEquals("webhook", newest.path("trigger").asText());
        });
    assertEquals(lists, listRequests(200) + listRequests(304), "no poll was needed");
  }

  @Test
  void withEveryWebhookLostThePollerBringsTheChange() {
    autoSync(false);
    webhooks(1.0);
    String id = id(2);
    long number = publish(id);

    // Switching polling on polls at once; the change is made after that poll ended, so only the
    // timer's next poll (every 1.2 s) can bring it.
    Instant switchedOn = Instant.now();
    autoSync(true);
    try {
      eventually(
          () -> {
            JsonNode p = get("/api/sync");
            assertEquals("finished", p.path("state").asText(), p.toString());
            assertThat(Instant.parse(p.path("finishedAt").asText())).isAfter(switchedOn);
          });
      Instant edited = Instant.now();
      editOnGitHub(number, "Edited on GitHub, webhook lost");
      eventually(() -> assertEquals("title: Edited on GitHub, webhook lost", line(id, "title")));
      assertThat(Instant.parse(get("/api/sync").path("startedAt").asText()))
          .as("brought by a poll that started after the edit")
          .isAfter(edited);
      // the read table follows the journal: the entry may come a moment after the file changed
      eventually(
          () ->
              assertEquals(
                  "poll",
                  get("/api/issues/" + id).path("history").path(0).path("trigger").asText()));
      assertThat(stats().at("/webhooks/lost").asLong()).isPositive();
      JsonNode progress =
          eventually(
              () -> {
                JsonNode p = get("/api/sync");
                assertEquals("finished", p.path("state").asText());
                return p;
              });
      assertEquals(REPO, progress.path("repo").asText());
      assertThat(progress.path("startedAt").asText()).isNotEmpty();
      assertThat(progress.path("finishedAt").asText()).isNotEmpty();
      assertEquals(
          progress.path("total").asInt(),
          progress.path("done").asInt() + progress.path("failed").asInt());
      assertThat(progress.path("autoSync").asBoolean()).isTrue();
    } finally {
      autoSync(false);
    }
  }

  @Test
  void idlePollsAreAnswered304AndSpendNoQuota() {
    github.control().setWebhook(Optional.empty());
    String id = id(3);
    publish(id);
    long before304 = listRequests(304);
    autoSync(true);
    try {
      // the first poll may still find earlier changes; from the first 304 on, the repository is
      // idle
      eventually(() -> assertThat(listRequests(304)).isGreaterThan(before304));
      JsonNode idle = stats();
      long quota = idle.path("quota_spent").asLong();
      long notModified = idle.path("not_modified").asLong();
      long full = listRequests(200);
      eventually(
          () ->
              assertThat(stats().path("not_modified").asLong())
                  .isGreaterThanOrEqualTo(notModified + 3));
      JsonNode after = stats();
      assertEquals(quota, after.path("quota_spent").asLong(), "idle polls spend no quota");
      assertEquals(
          full, listRequests(200), "every idle poll was answered 304: same URL, same ETag");
    } finally {
      autoSync(false);
    }
  }

  @Test
  void aDeletedIssueIsPutInErrorWithTheReason() {
    autoSync(false);
    webhooks(0);
    String id = id(4);
    long number = publish(id);
    github.control().deleteIssue("octocat", REPO, (int) number);
    JsonNode issue =
        eventually(
            () -> {
              JsonNode i = get("/api/issues/" + id);
              assertEquals("error", i.path("syncStatus").asText());
              return i;
            });
    assertThat(issue.path("lastSyncError").asText()).contains("410");
  }

  @Test
  void aTransferredIssueIsPutInErrorWithTheReason() {
    autoSync(false);
    webhooks(0);
    String id = id(7);
    long number = publish(id);
    github.control().transferIssue("octocat", REPO, (int) number, "octo/elsewhere");
    JsonNode issue =
        eventually(
            () -> {
              JsonNode i = get("/api/issues/" + id);
              assertEquals("error", i.path("syncStatus").asText());
              return i;
            });
    assertThat(issue.path("lastSyncError").asText()).contains("moved").contains("octo/elsewhere");
  }

  @Test
  void aReplayedDeliveryIsAcknowledgedButNotActedOnTwice() {
    autoSync(false);
    github.control().setWebhook(Optional.empty());
    String id = id(5);
    long number = publish(id);
    editOnGitHub(number, "Edited, delivered by hand");
    byte[] body = issuesPayload("edited", githubIssue(number));
    String delivery = UUID.randomUUID().toString();

    assertEquals("queued", deliverSigned("issues", delivery, body, 202).path("status").asText());
    eventually(() -> assertEquals("title: Edited, delivered by hand", line(id, "title")));
    int historySize = get("/api/issues/" + id).path("history").size();
    int writes = stats().path("writes_per_issue").path(REPO + "#" + number).asInt();

    assertEquals("duplicate", deliverSigned("issues", delivery, body, 200).path("status").asText());
    assertEquals(historySize, get("/api/issues/" + id).path("history").size());
    assertEquals(writes, stats().path("writes_per_issue").path(REPO + "#" + number).asInt());
  }

  @Test
  void aWebhookForAnUnlinkedIssueIsAcknowledgedAndNothingIsWritten() throws IOException {
    String before = Files.readString(file(id(6)));
    ObjectNode issue =
        JSON.createObjectNode()
            .put("id", 9999)
            .put("number", 9999)
            .put("title", "Not ours")
            .put("state", "open")
            .put("updated_at", "2026-03-01T00:00:00Z")
            .put("created_at", "2026-03-01T00:00:00Z");
    var rows = get("/api/issues").size();
    double unlinkedBefore = routed("unlinked");
    assertEquals(
        "queued",
        deliverSigned("issues", UUID.randomUUID().toString(), issuesPayload("edited", issue), 202)
            .path("status")
            .asText());
    // the answer comes before the routing: wait until the intake has looked the issue up
    eventually(() -> assertEquals(unlinkedBefore + 1, routed("unlinked")));
    assertEquals(rows, get("/api/issues").size());
    assertThat(get("/api/issues").findValuesAsText("githubIssue")).doesNotContain("9999");
    assertEquals(before, Files.readString(file(id(6))));
  }

  @Test
  void pingIsAnsweredAndOtherEventsAreAcknowledgedAndIgnored() {
    byte[] ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes();
    assertEquals(
        "pong",
        deliverSigned("ping", UUID.randomUUID().toString(), ping, 200).path("status").asText());
    byte[] star = "{\"action\":\"created\",\"starred_at\":null}".getBytes();
    assertEquals(
        "ignored",
        deliverSigned("star", UUID.randomUUID().toString(), star, 202).path("status").asText());
    byte[] label =
        "{\"action\":\"created\",\"label\":{\"id\":1,\"name\":\"x\",\"color\":\"fff\"}}".getBytes();
    assertEquals(
        "ignored",
        deliverSigned("label", UUID.randomUUID().toString(), label, 202).path("status").asText());
  }

  @Test
  void badSignaturesAreRefusedWith401() {
    byte[] body =
        issuesPayload("edited", JSON.createObjectNode().put("number", 1).put("title", "t"));
    String delivery = UUID.randomUUID().toString();
    assertEquals(
        "unauthorized", deliver("issues", delivery, body, null, 401).path("error").asText());
    assertThat(deliver("issues", delivery, body, "sha1=abc", 401).path("detail").asText())
        .contains("malformed");
    assertThat(deliver("issues", delivery, body, "sha256=zz", 401).path("detail").asText())
        .contains("malformed");
    assertThat(
            deliver("issues", delivery, body, WebhookSignatureVerifier.sign("forged", body), 401)
                .path("detail")
                .asText())
        .contains("does not match");
    // the same body signed with the older of the two configured secrets passes (rotation)
    assertEquals(
        "queued",
        deliver("issues", delivery, body, WebhookSignatureVerifier.sign("old-secret", body), 202)
            .path("status")
            .asText());
    assertThat(
            deliver("issues", delivery, body, WebhookSignatureVerifier.sign(SECRET, body), 200)
                .toString())
        .doesNotContain(SECRET)
        .doesNotContain("old-secret");
  }

  @Test
  void malformedPayloadsAndMissingDeliveryIdsAre400() {
    byte[] notJson = "{\"action\":".getBytes();
    assertThat(
            deliverSigned("issues", UUID.randomUUID().toString(), notJson, 400)
                .path("detail")
                .asText())
        .contains("not valid JSON");
    byte[] noIssue = "{\"action\":\"edited\"}".getBytes();
    assertThat(
            deliverSigned("issues", UUID.randomUUID().toString(), noIssue, 400)
                .path("detail")
                .asText())
        .contains("issue");
    byte[] star = "{\"action\":\"created\"}".getBytes();
    assertThat(deliverSigned("star", null, star, 400).path("detail").asText())
        .contains("X-GitHub-Delivery");
  }

  @Test
  void aBodyOverTwentyFiveMegabytesIs413() throws IOException {
    // Only the head of the request, declaring 25 MB + 1: the server must refuse it on the declared
    // length alone. Sending the body as well races its answer (the refused connection closes while
    // the client still writes: a broken pipe instead of the 413), so a plain socket sends the head.
    URI uri = URI.create(api);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      String head =
          "POST /webhooks/github HTTP/1.1\r\n"
              + "Host: "
              + uri.getHost()
              + "\r\n"
              + "Content-Type: application/json\r\n"
              + "Content-Length: "
              + (25 * 1024 * 1024 + 1)
              + "\r\n"
              + "X-GitHub-Event: issues\r\n"
              + "X-GitHub-Delivery: "
              + UUID.randomUUID()
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413 ");
      JsonNode body = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertEquals("content_too_large", body.path("error").asText());
      assertThat(body.path("detail").asText()).contains("25 MB");
    }
  }

  @Test
  void autoSyncTakesOnlyABoolean() {
    assertThat(send("PUT", "/api/auto-sync", "{\"enabled\":\"yes\"}", 400).path("detail").asText())
        .contains("enabled");
    send("PUT", "/api/auto-sync", "{\"enabled\":1}", 400);
    send("PUT", "/api/auto-sync", "{}", 400);
    send("PUT", "/api/auto-sync", "{\"enabled\":", 400);
    send("PUT", "/api/auto-sync", "[true]", 400);
    assertThat(get("/api/auto-sync").path("enabled").isBoolean()).isTrue();
    JsonNode sync = get("/api/sync");
    assertThat(sync.has("state") && sync.has("total") && sync.has("done") && sync.has("failed"))
        .isTrue();
    assertThat(sync.path("repositories").isArray()).isTrue();
  }
}
