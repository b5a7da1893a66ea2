package org.roadmapsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.sim.FaultRule;

/**
 * {@code GET /metrics} scraped over HTTP after real syncs against the simulator: every series and
 * its value.
 */
class MetricsEndToEndTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("metrics-e2e", ConfigFactory.load());
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  @TempDir static Path folder;
  static LiveService live;

  @BeforeAll
  static void start() {
    // one health check at start, then none during the test: the quota seen is the sync's alone
    live =
        new LiveService(
            testKit,
            folder,
            "metrics-token",
            "octo/metrics",
            Map.of(
                "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES",
                "60",
                "ROADMAP_SYNC_ADMIN_TOKEN",
                "admin-secret"),
            "metr0001",
            "metr0002",
            "metr0003");
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  /**
   * The value of the sample named {@code name} whose labels include {@code labels}; absent → null.
   */
  private static Double value(String text, String name, Map<String, String> labels) {
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!line.startsWith("#") && m.matches() && m.group(1).equals(name)) {
        Map<String, String> found = new HashMap<>();
        if (m.group(2) != null) {
          Matcher l = LABEL.matcher(m.group(2));
          while (l.find()) {
            found.put(l.group(1), l.group(2));
          }
        }
        if (found.entrySet().containsAll(labels.entrySet())) {
          return Double.valueOf(m.group(3));
        }
      }
    }
    return null;
  }

  private static String scrape() {
    LiveService.Answer answer = live.get("/metrics");
    assertEquals(200, answer.status(), "open without the admin token: " + answer.body());
    assertThat(answer.contentType()).startsWith("text/plain").contains("version=0.0.4");
    return answer.body();
  }

  @Test
  void afterSyncsTheScrapeCountsRequestsQuotaIssuesAndLatency() {
    String before = scrape();
    // placeholders for the governor, the queue and the webhook intake are there before anything
    // happens
    assertEquals(
        0.0, value(before, "roadmap_sync_governor_holds_total", Map.of("reason", "secondary")));
    assertEquals(0.0, value(before, "roadmap_sync_governor_wait_seconds_count", Map.of()));
    assertEquals(0.0, value(before, "roadmap_sync_queue_depth", Map.of()));
    assertEquals(0.0, value(before, "roadmap_sync_retries_total", Map.of("kind", "write")));
    assertEquals(
        0.0, value(before, "roadmap_sync_webhook_deliveries_total", Map.of("result", "accepted")));

    long one = publish("metr0001");
    long two = publish("metr0002");
    live.setFrontMatter("metr0001", "title", "Edited for metrics");
    live.eventually(
        () -> assertEquals("Edited for metrics", live.githubIssue(one).path("title").asText()));
    // one failed fetch: a 502 from GitHub, counted, then retried by the operation queue
    live.github
        .control()
        .injectFault(FaultRule.status("GET", "/repos/octo/metrics/issues/" + two + "$", 1, 502));
    authorizedPost("/api/issues/metr0002/sync");
    live.eventually(
        () ->
            assertThat(
                    value(
                        scrape(),
                        "roadmap_sync_github_requests_total",
                        Map.of("kind", "read", "outcome", "server_error")))
                .isEqualTo(1.0));
    live.eventually(
        () ->
            assertThat(value(scrape(), "roadmap_sync_retries_total", Map.of("kind", "read")))
                .as("the queue reports its retry")
                .isEqualTo(1.0));

    String text =
        live.eventually(
            () -> {
              String t = scrape();
              assertEquals(
                  1.0, value(t, "roadmap_sync_issues", Map.of("status", "unlinked")), "metr0003");
              assertEquals(
                  2.0,
                  value(t, "roadmap_sync_issues", Map.of("status", "synced")),
                  "metr0002 synced after the retry");
              assertEquals(0.0, value(t, "roadmap_sync_issues", Map.of("status", "error")));
              assertEquals(0.0, value(t, "roadmap_sync_issues", Map.of("status", "conflict")));
              return t;
            });
    assertEquals(
        2.0,
        value(
            text,
            "roadmap_sync_github_requests_total",
            Map.of("kind", "content_creating", "outcome", "ok")),
        "two issues published");
    assertEquals(
        1.0,
        value(text, "roadmap_sync_github_requests_total", Map.of("kind", "write", "outcome", "ok")),
        "one edit, one PATCH");
    assertThat(
            value(
                text,
                "roadmap_sync_github_requests_total",
                Map.of("kind", "read", "outcome", "ok")))
        .isPositive();

    // the quota the service last saw is GitHub's (the simulator's) quota now
    var rateLimit =
        LiveService.JSON.valueToTree(
            live.call(
                    HttpRequest.GET(live.github.baseUrl() + "/rate_limit")
                        .addHeader(
                            org.apache.pekko.http.javadsl.model.HttpHeader.parse(
                                "Authorization", "token metrics-token")))
                .json());
    com.fasterxml.jackson.databind.JsonNode core =
        ((com.fasterxml.jackson.databind.JsonNode) rateLimit).path("resources").path("core");
    assertEquals(
        core.path("remaining").asDouble(),
        value(text, "roadmap_sync_github_quota_remaining", Map.of("resource", "core")));
    assertEquals(
        5000.0, value(text, "roadmap_sync_github_quota_limit", Map.of("resource", "core")));

    // one latency per synced round: the two publications and the edit
    double rounds = value(text, "roadmap_sync_round_latency_seconds_count", Map.of());
    assertThat(rounds).isGreaterThanOrEqualTo(3.0);
    assertEquals(
        rounds, value(text, "roadmap_sync_round_latency_seconds_bucket", Map.of("le", "+Inf")));
    assertThat(value(text, "roadmap_sync_round_latency_seconds_sum", Map.of())).isPositive();
    assertEquals(1.0, value(text, "roadmap_sync_github_status", Map.of("status", "UP")));
    assertEquals(0.0, value(text, "roadmap_sync_github_status", Map.of("status", "DOWN")));
    assertEquals(0.0, value(text, "roadmap_sync_github_consecutive_failures", Map.of()));
    assertThat(text).doesNotContain("metrics-token").doesNotContain("admin-secret");
  }

  private static long publish(String id) {
    live.eventually(
        () ->
            assertEquals(
                "unlinked", authorizedGet("/api/issues/" + id).path("syncStatus").asText()));
    long number = authorizedPost("/api/issues/" + id + "/publish").path("githubIssue").asLong();
    live.eventually(
        () ->
            assertEquals("synced", authorizedGet("/api/issues/" + id).path("syncStatus").asText()));
    return number;
  }

  private static com.fasterxml.jackson.databind.JsonNode authorizedGet(String path) {
    LiveService.Answer answer = live.call(HttpRequest.GET(live.api + path).addHeader(bearer()));
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  private static com.fasterxml.jackson.databind.JsonNode authorizedPost(String path) {
    LiveService.Answer answer = live.call(HttpRequest.POST(live.api + path).addHeader(bearer()));
    assertThat(answer.status()).as(answer.body()).isBetween(200, 202);
    return answer.json();
  }

  private static org.apache.pekko.http.javadsl.model.HttpHeader bearer() {
    return org.apache.pekko.http.javadsl.model.HttpHeader.parse(
        "Authorization", "Bearer admin-secret");
  }
}
