package org.roadmapsync.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Repository hooks and their deliveries: every attempt recorded (refused, answered with an error,
 * lost, delivered), listed newest first with a cursor, and sent again on request with the same guid
 * and payload, within three days only.
 */
class SimHooksTest {
  static final ActorTestKit testKit = ActorTestKit.create("SimHooksTest", ConfigFactory.load());
  static final String TOKEN = "ghp_hook_deliveries";
  static final String SECRET = "hook-secret";
  static final String REPO = "acme/hooked";
  static final String HOOKS = "/repos/" + REPO + "/hooks";
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(), SimSettings.defaults(TOKEN, REPO).withLimits(SimLimits.unlimited()));
  static final SimHttp http = new SimHttp(testKit.system(), sim.baseUrl(), TOKEN);

  /** What the receiver answers; it records each request's delivery guid and body. */
  static final AtomicInteger answer = new AtomicInteger(204);

  /** Each test's own probe, so that a late delivery of an earlier test is not taken for its own. */
  static final AtomicReference<TestProbe<String[]>> probe = new AtomicReference<>();

  TestProbe<String[]> received;

  static final ServerBinding receiver =
      Http.get(testKit.system())
          .newServerAt("127.0.0.1", 0)
          .bindSync(
              (HttpRequest req) -> {
                String body =
                    req.entity()
                        .toStrict(5000, testKit.system())
                        .toCompletableFuture()
                        .join()
                        .getData()
                        .utf8String();
                probe
                    .get()
                    .ref()
                    .tell(
                        new String[] {
                          req.getHeader("X-GitHub-Delivery").orElseThrow().value(),
                          body,
                          req.getHeader("X-GitHub-Hook-ID").orElseThrow().value()
                        });
                return HttpResponse.create().withStatus(answer.get());
              })
          .toCompletableFuture()
          .join();

  @AfterAll
  static void stop() {
    receiver.unbind().toCompletableFuture().join();
    sim.stop();
    testKit.shutdownTestKit();
  }

  static String receiverUrl() {
    return "http://127.0.0.1:" + receiver.localAddress().getPort() + "/webhooks/github";
  }

  @BeforeEach
  void reset() {
    received = testKit.createTestProbe();
    probe.set(received);
    sim.control().reset();
    answer.set(204);
    sim.control()
        .setWebhook(Optional.of(SimSettings.WebhookTarget.reliable(receiverUrl(), SECRET)));
  }

  long hookId() {
    SimHttp.Answer hooks = http.get(HOOKS);
    assertEquals(200, hooks.status(), hooks.text());
    assertEquals(1, hooks.json().size(), hooks.text());
    return hooks.json().get(0).path("id").asLong();
  }

  /** Creates an issue and waits until the simulator recorded its delivery. */
  void openIssue(String title, int deliveriesAfter) {
    http.post("/repos/" + REPO + "/issues", "{\"title\":\"" + title + "\"}");
    received.awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          assertEquals(deliveriesAfter, sim.control().hookDeliveries(REPO).size());
          return null;
        });
  }

  List<JsonNode> allDeliveries(long hook, int perPage) {
    List<JsonNode> all = new ArrayList<>();
    String next = HOOKS + "/" + hook + "/deliveries?per_page=" + perPage;
    while (next != null) {
      SimHttp.Answer page = http.get(next);
      assertEquals(200, page.status(), page.text());
      page.json().forEach(all::add);
      next =
          page.header("Link")
              .map(l -> Links.rel(l, "next"))
              .map(u -> u.substring(sim.baseUrl().length()))
              .orElse(null);
    }
    return all;
  }

  @Test
  void aConfiguredTargetIsOneHookPerRepositoryInGitHubsShape() {
    SimHttp.Answer hooks = http.get(HOOKS);
    assertEquals(200, hooks.status());
    JsonNode hook = hooks.json().get(0);
    assertEquals(receiverUrl(), hook.at("/config/url").asText());
    assertEquals("********", hook.at("/config/secret").asText(), "GitHub never shows the secret");
    assertEquals(
        "",
        OpenApiSchemas.problems(
            "openapi-webhooks-subset.json",
            "/components/schemas/webhook-ping/properties/hook",
            hook),
        "the REST hook has the shape the ping event describes");
    assertEquals(hook, http.get(HOOKS + "/" + hook.path("id").asLong()).json());
    assertEquals(404, http.get(HOOKS + "/12345").status());

    sim.control().setWebhook(Optional.empty());
    assertEquals(0, http.get(HOOKS).json().size(), "no target, no hook");
  }

  @Test
  void everyAttemptIsRecordedNewestFirstWithItsOutcome() throws IOException {
    long hook = hookId();
    answer.set(503);
    openIssue("answered 503", 1);
    sim.control()
        .setWebhook(Optional.of(SimSettings.WebhookTarget.reliable(closedPortUrl(), SECRET)));
    openIssue("refused", 2);
    sim.control()
        .setWebhook(Optional.of(new SimSettings.WebhookTarget(receiverUrl(), SECRET, 1.0, 0.0)));
    openIssue("lost", 3);
    sim.control()
        .setWebhook(Optional.of(SimSettings.WebhookTarget.reliable(receiverUrl(), SECRET)));
    answer.set(202);
    openIssue("delivered", 4);
    assertEquals(hook, hookId(), "the hook keeps its id when its URL changes");

    List<JsonNode> deliveries = allDeliveries(hook, 3);
    assertEquals(4, deliveries.size());
    assertThat(deliveries.stream().map(d -> d.path("status_code").asInt()))
        .containsExactly(202, 0, 0, 503);
    assertThat(deliveries.stream().map(d -> d.path("status").asText()))
        .containsExactly("OK", "timed out", "failed to connect", "Invalid HTTP Response: 503");
    assertThat(deliveries.stream().map(d -> d.path("id").asLong()))
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    for (JsonNode d : deliveries) {
      assertHookDeliveryItem(d);
      assertEquals("issues", d.path("event").asText());
      assertEquals("opened", d.path("action").asText());
      assertFalse(d.path("redelivery").asBoolean());
    }
    assertEquals(4, deliveries.stream().map(d -> d.path("guid").asText()).distinct().count());
  }

  @Test
  void aRedeliveryRepeatsTheGuidAndPayloadAsANewDelivery() {
    long hook = hookId();
    answer.set(500);
    openIssue("failed first", 1);
    String[] first = received.receiveMessage(Duration.ofSeconds(5));
    assertEquals(Long.toString(hook), first[2], "X-GitHub-Hook-ID names the hook");
    JsonNode failed = sim.control().hookDeliveries(REPO).get(0);
    assertEquals(500, failed.path("status_code").asInt());

    answer.set(202);
    SimHttp.Answer attempt =
        http.post(
            HOOKS + "/" + hook + "/deliveries/" + failed.path("id").asLong() + "/attempts", null);
    assertEquals(202, attempt.status(), attempt.text());

    String[] again = received.receiveMessage(Duration.ofSeconds(5));
    assertEquals(first[0], again[0], "same X-GitHub-Delivery");
    assertEquals(first[1], again[1], "same payload");
    received.awaitAssert(
        Duration.ofSeconds(5),
        () -> {
          assertEquals(2, sim.control().hookDeliveries(REPO).size());
          return null;
        });
    JsonNode redelivered = sim.control().hookDeliveries(REPO).get(0);
    assertTrue(redelivered.path("redelivery").asBoolean());
    assertEquals(failed.path("guid"), redelivered.path("guid"));
    assertThat(redelivered.path("id").asLong()).isGreaterThan(failed.path("id").asLong());
    assertEquals("OK", redelivered.path("status").asText());
    assertEquals(1, sim.control().stats().at("/webhooks/redelivered").asInt());
    assertEquals(
        1,
        sim.control()
            .stats()
            .at("/requests")
            .path("POST /repos/{o}/{r}/hooks/{hook_id}/deliveries/{delivery_id}/attempts 202")
            .asInt());

    assertEquals(
        404, http.post(HOOKS + "/" + hook + "/deliveries/1/attempts", null).status(), "unknown");
    assertEquals(404, http.post(HOOKS + "/7/deliveries/1/attempts", null).status());
  }

  @Test
  void onlyTheLastThreeDaysCanBeRedeliveredAndTheDateHeaderIsGitHubsClock() {
    long hook = hookId();
    answer.set(502);
    openIssue("long ago", 1);
    received.receiveMessage(Duration.ofSeconds(5));
    long id = sim.control().hookDeliveries(REPO).get(0).path("id").asLong();
    Instant before = sim.control().clock().now();
    sim.control().advanceClock(Duration.ofDays(3).plusMinutes(1));

    SimHttp.Answer listing = http.get(HOOKS + "/" + hook + "/deliveries");
    Instant date =
        ZonedDateTime.parse(
                listing.header("Date").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
    assertThat(date).isAfter(before.plus(Duration.ofDays(3)));
    assertEquals(1, listing.json().size(), "an old delivery is still listed");

    SimHttp.Answer attempt =
        http.post(HOOKS + "/" + hook + "/deliveries/" + id + "/attempts", null);
    assertEquals(422, attempt.status(), attempt.text());
    assertThat(attempt.json().path("message").asText()).contains("3 days");
    received.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void anUnchangedListingIsAFree304() {
    long hook = hookId();
    openIssue("one", 1);
    String url = HOOKS + "/" + hook + "/deliveries?per_page=100";
    SimHttp.Answer first = http.get(url);
    String etag = first.header("ETag").orElseThrow();
    long quota = sim.control().stats().path("quota_spent").asLong();
    assertEquals(304, http.get(url, "If-None-Match", etag).status());
    assertEquals(quota, sim.control().stats().path("quota_spent").asLong());
    openIssue("two", 2);
    assertEquals(200, http.get(url, "If-None-Match", etag).status(), "a new delivery changes it");
  }

  @Test
  void theHooksNeedAHookScopeOrRepo() {
    long hook = hookId();
    openIssue("one", 1);
    long id = sim.control().hookDeliveries(REPO).get(0).path("id").asLong();
    sim.control().setTokenScopes("public_repo, user");
    assertEquals(404, http.get(HOOKS).status());
    assertEquals(404, http.get(HOOKS + "/" + hook + "/deliveries").status());
    sim.control().setTokenScopes("read:repo_hook");
    assertEquals(200, http.get(HOOKS + "/" + hook + "/deliveries").status());
    assertEquals(
        404, http.post(HOOKS + "/" + hook + "/deliveries/" + id + "/attempts", null).status());
    sim.control().setTokenScopes("admin:repo_hook");
    assertEquals(
        202, http.post(HOOKS + "/" + hook + "/deliveries/" + id + "/attempts", null).status());
    // the redelivery is recorded before the next test resets the simulator
    received.awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          assertEquals(2, sim.control().hookDeliveries(REPO).size());
          return null;
        });
  }

  @Test
  void aCursorGitHubDidNotHandOutIsRefused() {
    long hook = hookId();
    assertEquals(422, http.get(HOOKS + "/" + hook + "/deliveries?cursor=page2").status());
    assertEquals(
        "[]",
        http.get("/_sim/repos/" + REPO + "/hook-deliveries").text(),
        "the control API lists them too");
  }

  /**
   * The fields and types of GitHub's {@code hook-delivery-item} (REST reference, "List deliveries
   * for a repository webhook"); the OpenAPI subset in {@code github-fixtures/} does not describe
   * these endpoints.
   */
  static void assertHookDeliveryItem(JsonNode d) {
    assertTrue(d.path("id").isIntegralNumber(), d::toString);
    UUID.fromString(d.path("guid").asText());
    Instant.parse(d.path("delivered_at").asText());
    assertTrue(d.path("redelivery").isBoolean(), d::toString);
    assertTrue(d.path("duration").isNumber(), d::toString);
    assertTrue(d.path("status").isTextual(), d::toString);
    assertTrue(d.path("status_code").isIntegralNumber(), d::toString);
    assertTrue(d.path("event").isTextual(), d::toString);
    assertTrue(d.path("action").isTextual() || d.path("action").isNull(), d::toString);
    assertTrue(d.has("installation_id") && d.has("repository_id"), d::toString);
    assertNull(d.path("installation_id").numberValue());
  }

  static String closedPortUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return "http://127.0.0.1:" + port + "/webhooks/github";
  }
}
