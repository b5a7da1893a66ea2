package org.roadmapsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.sim.SimSettings;

/**
 * Webhook gap recovery over real HTTP: the simulator records the deliveries that failed while the
 * service was stopped (or GitHub unreachable), and the service asks for them again on its own. Auto
 * sync is off throughout, so only a redelivery can bring a GitHub change to its file.
 */
class WebhookGapEndToEndTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("webhook-gap", ConfigFactory.load());
  private static final String TOKEN = "gap-token";
  private static final String SECRET = "gap-secret";
  private static final String REPO = "octo/gap";
  private static final String HOOKS = "GET /repos/{o}/{r}/hooks";
  private static final String DELIVERIES = "GET /repos/{o}/{r}/hooks/{hook_id}/deliveries";
  private static final String ATTEMPTS =
      "POST /repos/{o}/{r}/hooks/{hook_id}/deliveries/{delivery_id}/attempts";

  @TempDir Path folder;
  LiveService live;

  @AfterEach
  void stopService() {
    if (live != null) {
      live.close();
    }
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  // ---- helpers

  LiveService start(Map<String, String> env, String... ids) {
    Map<String, String> all = new HashMap<>(env);
    all.put("GITHUB_WEBHOOK_SECRET", SECRET);
    all.put("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false");
    all.putIfAbsent("ROADMAP_GITHUB_HEALTH_CHECK_MINUTES", "60");
    live = new LiveService(testKit, folder, TOKEN, REPO, all, ids);
    return live;
  }

  void hookTo(String url, double lossRate) {
    live.github
        .control()
        .setWebhook(Optional.of(new SimSettings.WebhookTarget(url, SECRET, lossRate, 0)));
  }

  JsonNode webhooksHealth() {
    return live.get("/health").json().path("infrastructure").path("webhooks");
  }

  /** Waits for the current process's recovery pass; answers /health's webhooks part. */
  JsonNode recovered(String cause) {
    return live.eventually(
        () -> {
          JsonNode webhooks = webhooksHealth();
          assertEquals(cause, webhooks.path("lastRecoveryCause").asText(), webhooks.toString());
          return webhooks;
        });
  }

  JsonNode repository(JsonNode webhooks) {
    return webhooks.path("repositories").path(REPO);
  }

  long requests(String route) {
    long sum = 0;
    JsonNode byRoute = live.github.control().stats().path("requests");
    for (var it = byRoute.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (name.startsWith(route + " ")) {
        sum += byRoute.path(name).asLong();
      }
    }
    return sum;
  }

  List<JsonNode> deliveries() {
    List<JsonNode> all = new ArrayList<>();
    live.github.control().hookDeliveries(REPO).forEach(all::add);
    return all;
  }

  void awaitFailedDeliveries(int count) {
    live.eventually(
        () ->
            assertEquals(
                count,
                deliveries().stream().filter(d -> d.path("status_code").asInt() == 0).count()));
  }

  void editOnGitHub(long number, String title) {
    live.github
        .control()
        .editIssueAs("octocat", REPO, (int) number, "{\"title\":\"" + title + "\"}");
  }

  String title(String id) {
    return live.fileText(id).lines().filter(l -> l.startsWith("title: ")).findFirst().orElse("");
  }

  /** The issue's pulls from GitHub that came by webhook. */
  long webhookPulls(String id) {
    long n = 0;
    for (JsonNode h : live.getJson("/api/issues/" + id).path("history")) {
      if (h.path("direction").asText().equals("pull")
          && h.path("trigger").asText().equals("webhook")) {
        n++;
      }
    }
    return n;
  }

  static String closedPortUrl(String path) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }
  }

  // ---- scenarios

  @Test
  void webhooksSentWhileTheServiceWasStoppedArriveByRedeliveryEachOnce() {
    start(Map.of(), "gap00001", "gap00002", "gap00003");
    List<String> ids = List.of("gap00001", "gap00002", "gap00003");
    Map<String, Long> numbers = new HashMap<>();
    ids.forEach(id -> numbers.put(id, live.publish(id)));
    hookTo(live.webhookUrl(), 0);

    live.stopService();
    ids.forEach(id -> editOnGitHub(numbers.get(id), "Edited while we were away " + id));
    awaitFailedDeliveries(3);
    live.startOnTheSamePort();

    for (String id : ids) {
      live.eventually(() -> assertEquals("title: Edited while we were away " + id, title(id)));
      // the history is the read side's: it may show the pull a moment after the file
      live.eventually(() -> assertEquals(1, webhookPulls(id), id + ": brought once, by webhook"));
    }
    JsonNode webhooks = recovered("start");
    assertEquals("UP", webhooks.path("status").asText(), webhooks.toString());
    assertEquals(3, repository(webhooks).path("missed").asInt());
    assertEquals(3, repository(webhooks).path("redeliveriesAsked").asInt());
    assertEquals(3, requests(ATTEMPTS), "one request per missed delivery");
    live.eventually(
        () -> {
          Map<String, List<Integer>> byGuid = new HashMap<>();
          for (JsonNode d : deliveries()) {
            byGuid
                .computeIfAbsent(d.path("guid").asText(), g -> new ArrayList<>())
                .add(d.path("status_code").asInt());
          }
          assertEquals(3, byGuid.size());
          byGuid
              .values()
              .forEach(
                  codes ->
                      assertThat(codes)
                          .as("the newest attempt first: one redelivery, taken (202)")
                          .containsExactly(202, 0));
        });

    // an idle start: nothing missed, nothing asked for; the hook list and one page of deliveries
    long hooks = requests(HOOKS);
    long pages = requests(DELIVERIES);
    live.restart();
    JsonNode idle = recovered("start");
    assertEquals(0, repository(idle).path("missed").asInt(), idle.toString());
    assertEquals(hooks + 1, requests(HOOKS));
    assertEquals(pages + 1, requests(DELIVERIES));
    assertEquals(3, requests(ATTEMPTS));
  }

  @Test
  void aRedeliveryOfADeliveryAlreadyTakenIsADuplicateAndWritesNothing() {
    start(Map.of(), "gap00011");
    long number = live.publish("gap00011");
    hookTo(live.webhookUrl(), 0);
    editOnGitHub(number, "Delivered at once");
    live.eventually(() -> assertEquals("title: Delivered at once", title("gap00011")));
    int history = live.getJson("/api/issues/gap00011").path("history").size();
    long writes =
        live.github.control().stats().path("writes_per_issue").path(REPO + "#" + number).asLong();
    JsonNode delivered = deliveries().get(0);
    assertEquals(202, delivered.path("status_code").asInt());
    long hookId = live.githubGet("/repos/" + REPO + "/hooks").get(0).path("id").asLong();

    LiveService.Answer again =
        live.call(
            HttpRequest.POST(
                    live.github.baseUrl()
                        + "/repos/"
                        + REPO
                        + "/hooks/"
                        + hookId
                        + "/deliveries/"
                        + delivered.path("id").asLong()
                        + "/attempts")
                .addHeader(RawHeader.create("Authorization", "token " + TOKEN)));
    assertEquals(202, again.status(), again.body());

    JsonNode redelivery =
        live.eventually(
            () -> {
              JsonNode newest = deliveries().get(0);
              assertThat(newest.path("redelivery").asBoolean()).isTrue();
              return newest;
            });
    assertEquals(delivered.path("guid"), redelivery.path("guid"));
    assertEquals(200, redelivery.path("status_code").asInt(), "answered 200 duplicate, not 202");
    assertEquals(1.0, metric("roadmap_sync_webhook_deliveries_total", "duplicate"));
    assertEquals(history, live.getJson("/api/issues/gap00011").path("history").size());
    assertEquals(
        writes,
        live.github.control().stats().path("writes_per_issue").path(REPO + "#" + number).asLong());
  }

  @Test
  void aDeliveryOlderThanGitHubsThreeDaysIsNotAskedFor() {
    start(Map.of(), "gap00021");
    long number = live.publish("gap00021");
    hookTo(live.webhookUrl(), 0);
    live.stopService();
    editOnGitHub(number, "Edited four days ago");
    awaitFailedDeliveries(1);
    live.github.control().advanceClock(Duration.ofDays(3).plusHours(1));
    live.startOnTheSamePort();

    JsonNode webhooks = recovered("start");
    assertEquals("UP", webhooks.path("status").asText(), "the hook is read: recovery is on");
    assertEquals(0, repository(webhooks).path("missed").asInt(), webhooks.toString());
    assertEquals(0, requests(ATTEMPTS));
    assertEquals("title: Issue gap00021", title("gap00021"), "only a poll could bring it now");
    assertEquals(1, deliveries().size(), "GitHub still lists it");
  }

  @Test
  void withoutAHookNothingIsAskedForAndHealthSaysWhy() throws IOException {
    start(Map.of(), "gap00031");
    long number = live.publish("gap00031");
    // a hook delivering somewhere else than this service's /webhooks/github, and failing
    hookTo(closedPortUrl("/hooks/roadmap"), 0);
    editOnGitHub(number, "Sent elsewhere");
    awaitFailedDeliveries(1);

    live.restart();

    JsonNode webhooks = recovered("start");
    assertEquals("DEGRADED", webhooks.path("status").asText());
    assertEquals(
        "off: no hook found for "
            + REPO
            + " (none delivers to …/webhooks/github); polling covers the gap",
        webhooks.path("gapRecovery").asText());
    assertEquals(webhooks.path("gapRecovery"), webhooks.path("reason"));
    assertEquals(0, requests(DELIVERIES));
    assertEquals(0, requests(ATTEMPTS));
    assertEquals("UP", live.get("/health").json().path("status").asText(), "never DOWN for it");
  }

  @Test
  void deliveriesLostWhileGitHubWasUnreachableAreAskedForWhenItAnswersAgain() {
    start(Map.of("ROADMAP_GITHUB_HEALTH_CHECK_MINUTES", "0.01"), "gap00041");
    long number = live.publish("gap00041");
    hookTo(live.webhookUrl(), 0);
    recovered("start");

    live.github.control().playDead(true);
    live.eventually(
        () ->
            assertEquals(
                "DOWN", live.get("/health").json().at("/infrastructure/github/status").asText()));
    hookTo(live.webhookUrl(), 1.0); // what GitHub sends meanwhile does not arrive
    editOnGitHub(number, "Edited during the outage");
    awaitFailedDeliveries(1);
    hookTo(live.webhookUrl(), 0);
    live.github.control().playDead(false);

    live.eventually(() -> assertEquals("title: Edited during the outage", title("gap00041")));
    assertEquals(1, webhookPulls("gap00041"));
    JsonNode webhooks = recovered("GitHub answers again");
    assertEquals(1, repository(webhooks).path("redeliveriesAsked").asInt());
    assertEquals(1, requests(ATTEMPTS));
  }

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{result=\"([^\"]*)\"} (\\S+)$");

  double metric(String name, String result) {
    for (String line : live.get("/metrics").body().split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (m.matches() && m.group(1).equals(name) && m.group(2).equals(result)) {
        return Double.parseDouble(m.group(3));
      }
    }
    return 0;
  }
}
