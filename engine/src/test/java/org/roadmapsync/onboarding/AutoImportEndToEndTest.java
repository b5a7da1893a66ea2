package org.roadmapsync.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.SimSettings;

/**
 * {@code ROADMAP_GITHUB_AUTO_IMPORT=label:roadmap} over HTTP against the simulator: a new issue
 * with the label gets its file by webhook within a second, by the next poll when webhooks are lost,
 * once when both see it; issues without the label, closed ones and pull requests never do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoImportEndToEndTest {

  private static final String TOKEN = "auto-import-token";
  private static final String SECRET = "auto-import-secret";
  private static final String REPO = "octo/auto";
  private static final Duration WEBHOOK_LIMIT = Duration.ofSeconds(1);

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "auto-import-e2e",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir static Path folder;
  static LiveService live;

  @BeforeAll
  static void start() {
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults(TOKEN, REPO),
            // a failed continuous import is tried again after 300 ms, doubling up to 1 s
            ConfigFactory.parseString("roadmap-sync.github.requeue { base = 300ms, max = 1s }"),
            Map.of(
                "ROADMAP_GITHUB_AUTO_IMPORT", "label:roadmap",
                "GITHUB_WEBHOOK_SECRET", SECRET,
                "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES", "0.01",
                "ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false"));
    webhooks(true);
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  private static void webhooks(boolean on) {
    live.github
        .control()
        .setWebhook(
            on
                ? Optional.of(
                    SimSettings.WebhookTarget.reliable(live.api + "/webhooks/github", SECRET))
                : Optional.empty());
  }

  private static void autoSync(boolean on) {
    LiveService.Answer answer =
        live.call(
            HttpRequest.create(live.api + "/api/auto-sync")
                .withMethod(HttpMethods.PUT)
                .withEntity(
                    HttpEntities.create(
                        ContentTypes.APPLICATION_JSON, "{\"enabled\":" + on + "}")));
    assertEquals(200, answer.status(), answer.body());
  }

  private static int create(String title, String... labels) {
    ObjectNode fields = GitHubSeed.JSON.createObjectNode().put("title", title).put("body", "b");
    var array = fields.putArray("labels");
    for (String label : labels) {
      array.add(label);
    }
    return live.github.control().createIssueAs("alice", REPO, fields).path("number").asInt();
  }

  private static Map<Long, Path> files() {
    return GitHubSeed.numbersInFiles(folder.resolve(".roadmap"));
  }

  /**
   * A poll of the repository started after this call, waited for to its end (asked again while an
   * earlier run is still under way: that one is not started twice).
   */
  private static void pollNow() {
    java.time.Instant asked = java.time.Instant.now();
    live.eventually(
        () -> {
          JsonNode run = live.getJson("/api/sync");
          boolean fresh =
              !run.path("startedAt").isNull()
                  && !java.time.Instant.parse(run.path("startedAt").asText()).isBefore(asked);
          if (!fresh) {
            assertEquals(202, live.post("/api/sync", "{}").status());
          }
          assertThat(fresh).as("a poll started after %s: %s", asked, run).isTrue();
          assertThat(run.path("state").asText()).isNotIn("listing", "dispatching");
        });
  }

  @Test
  @Order(1)
  void aLabelledIssueGetsItsFileByWebhookWithinASecond() {
    long started = System.nanoTime();
    int number = create("Labelled by webhook", "Roadmap", "bug");
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(10),
            Duration.ofMillis(10),
            () -> {
              assertThat(files()).containsKey((long) number);
              return null;
            });
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isLessThanOrEqualTo(WEBHOOK_LIMIT);
    live.eventually(() -> assertThat(live.getJson("/api/issues").size()).isEqualTo(1));
    RoadmapIssue file =
        GitHubSeed.filesByNumber(RoadmapStore.open(folder.resolve(".roadmap"))).get((long) number);
    assertEquals("Labelled by webhook", file.title());
    assertThat(file.labels()).containsExactlyInAnyOrder("Roadmap", "bug");
    live.eventually(() -> assertEquals("synced", live.syncStatus(file.id())));
    JsonNode progress = live.getJson("/api/import").get(0);
    assertEquals(1, progress.path("continuous").path("created").asInt(), progress.toString());
  }

  @Test
  @Order(2)
  void issuesWithoutTheLabelClosedOnesAndPullRequestsAreNeverImported() {
    int plain = create("No label");
    int closed = create("Closed, then labelled");
    live.github.control().editIssueAs("alice", REPO, closed, "{\"state\":\"closed\"}");
    live.github.control().editIssueAs("alice", REPO, closed, "{\"labels\":[\"roadmap\"]}");
    live.github.control().pushCommit("dev", REPO, "feature-x");
    LiveService.Answer pull =
        live.call(
            HttpRequest.create(live.github.baseUrl() + "/repos/" + REPO + "/pulls")
                .withMethod(HttpMethods.POST)
                .addHeader(
                    org.apache.pekko.http.javadsl.model.headers.RawHeader.create(
                        "Authorization", "token " + TOKEN))
                .withEntity(
                    HttpEntities.create(
                        ContentTypes.APPLICATION_JSON,
                        "{\"title\":\"PR\",\"head\":\"feature-x\",\"base\":\"main\"}")));
    assertEquals(201, pull.status(), pull.body());
    int pullNumber = pull.json().path("number").asInt();
    live.github.control().editIssueAs("alice", REPO, pullNumber, "{\"labels\":[\"roadmap\"]}");
    pollNow(); // the listing has all three: none is taken
    Map<Long, Path> files = files();
    assertThat(files).doesNotContainKeys((long) plain, (long) closed, (long) pullNumber);
    // the label added later to an open issue: the "labeled" webhook imports it
    live.github.control().editIssueAs("alice", REPO, plain, "{\"labels\":[\"roadmap\"]}");
    live.eventually(() -> assertThat(files()).containsKey((long) plain));
  }

  @Test
  @Order(3)
  void withoutWebhooksTheNextPollImportsIt() {
    webhooks(false);
    try {
      int number = create("Labelled, webhook lost", "roadmap");
      autoSync(true); // every 0.6 s
      live.eventually(() -> assertThat(files()).containsKey((long) number));
    } finally {
      autoSync(false);
      webhooks(true);
    }
  }

  @Test
  @Order(4)
  void aWebhookRacingAPollMakesOneFile() {
    int before = files().size();
    int number = create("Seen twice", "roadmap");
    pollNow();
    live.eventually(() -> assertThat(files()).containsKey((long) number));
    pollNow();
    // filesByNumber fails on a number named twice; exactly one more file
    assertEquals(before + 1, files().size());
  }

  @Test
  @Order(5)
  void anImportThatCouldNotWriteItsFileIsTriedAgainOnItsOwn() throws Exception {
    Path backlog = folder.resolve(".roadmap/issues/backlog");
    int number;
    try (ReadOnlyFolders readOnly = ReadOnlyFolders.of(backlog)) {
      number = create("Offered while the folder refused writes", "roadmap");
      live.eventually(
          () ->
              assertThat(
                      live.getJson("/api/import").get(0).path("continuous").path("failed").asInt())
                  .isPositive());
      assertThat(files()).doesNotContainKey((long) number);
    }
    // no webhook, no poll (auto-sync is off), no request: the importer's own retry writes it
    live.eventually(() -> assertThat(files()).containsKey((long) number));
  }
}
