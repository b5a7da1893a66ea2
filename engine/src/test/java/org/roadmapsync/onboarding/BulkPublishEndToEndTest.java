package org.roadmapsync.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.github.Issue;
import org.roadmapsync.sim.SimSettings;
import org.roadmapsync.sync.BodyMarker;

/**
 * {@code POST /api/publish} over HTTP against the simulator, GitHub's limits in simulated time 20×
 * faster (and the governor's the same, {@code pacing.time-scale = 20}): 200 unlinked roadmap issues
 * become 200 GitHub issues, none twice, with no secondary-limit violation; a second publish creates
 * nothing; dry runs, filters and bad input.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkPublishEndToEndTest {

  private static final String TOKEN = "bulk-token";
  private static final String REPO = "octo/bulk";
  private static final int ISSUES = 200;
  private static final double SPEED = 20;

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "bulk-publish-e2e",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir static Path folder;
  static LiveService live;

  static String id(int i) {
    return String.format("bulk%04d", i);
  }

  @BeforeAll
  static void start() {
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults(TOKEN, REPO).withClockSpeed(SPEED),
            ConfigFactory.parseString("roadmap-sync.github.pacing.time-scale = " + SPEED),
            Map.of("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false"),
            BulkPublishEndToEndTest::writeFiles);
  }

  /** 200 roadmap issues: four milestones (none among them), some labelled, some closed. */
  private static void writeFiles(LiveService service) {
    try {
      for (int i = 1; i <= ISSUES; i++) {
        String milestone = i % 4 == 0 ? "null" : "M" + (i % 4);
        String text = LiveService.issueText(id(i), milestone);
        if (i % 5 == 0) {
          text = text.replace("- live\n", "- live\n- frontend\n");
        }
        if (i % 10 == 0) {
          text = text.replace("status: todo", "status: closed");
        }
        Files.writeString(service.file(id(i)), text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  private static List<String> ids(JsonNode candidates) {
    List<String> ids = new ArrayList<>();
    candidates.forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }

  @Test
  @Order(1)
  void aDryRunAndFiltersSayWhatWouldBePublishedAndPublishNothing() {
    live.eventually(() -> assertEquals(ISSUES, live.getJson("/api/issues?status=unlinked").size()));
    LiveService.Answer all = live.post("/api/publish", "{\"dryRun\":true}");
    assertEquals(200, all.status(), all.body());
    assertEquals(ISSUES, all.json().path("publish").size());
    assertEquals(REPO, all.json().path("publish").get(0).path("repo").asText());
    assertEquals(
        50,
        live.post("/api/publish", "{\"milestone\":\"M1\",\"dryRun\":true}")
            .json()
            .path("publish")
            .size());
    assertEquals(
        40,
        live.post("/api/publish", "{\"label\":\"FRONTEND\",\"dryRun\":true}")
            .json()
            .path("publish")
            .size());
    JsonNode byId =
        live.post("/api/publish", "{\"ids\":[\"bulk0001\",\"bulk0002\",\"nope\"],\"dryRun\":true}")
            .json();
    assertEquals(List.of("bulk0001", "bulk0002"), ids(byId.path("publish")));
    assertEquals("nope", byId.path("unknown").get(0).asText());
    JsonNode none = live.post("/api/publish", "{\"milestone\":\"no such milestone\"}").json();
    assertEquals(0, none.path("publish").size());
    assertEquals(0, GitHubSeed.all(testKit.system(), live.github, TOKEN, REPO).size());
    assertEquals("never-run", live.getJson("/api/publish").path("state").asText());
  }

  @Test
  @Order(2)
  void badFiltersAreA400NamingThem() {
    for (String[] bad :
        new String[][] {
          {"{\"lables\":\"x\"}", "unknown filter 'lables'"},
          {"{\"ids\":[1]}", "ids must be a list of non-empty strings"},
          {"{\"milestone\":7}", "milestone must be a non-empty string"},
          {"{\"dryRun\":\"no\"}", "dryRun must be true or false"},
          {"\"all\"", "expected a JSON object"},
        }) {
      LiveService.Answer answer = live.post("/api/publish", bad[0]);
      assertEquals(400, answer.status(), answer.body());
      assertThat(answer.json().path("detail").asText()).contains(bad[1]);
    }
  }

  @Test
  @Order(3)
  void twoHundredIssuesArePublishedOnceEachWithinGitHubsLimits() {
    long started = System.nanoTime();
    LiveService.Answer answer = live.post("/api/publish", "{}");
    assertEquals(202, answer.status(), answer.body());
    assertEquals(ISSUES, answer.json().path("publish").size());
    // asking again while it runs changes nothing: the same issues, queued once
    assertEquals(202, live.post("/api/publish", "{}").status());
    JsonNode progress =
        testKit
            .createTestProbe()
            .awaitAssert(
                Duration.ofSeconds(50),
                () -> {
                  JsonNode p = live.getJson("/api/publish");
                  assertEquals("finished", p.path("state").asText(), p.toString());
                  return p;
                });
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals(ISSUES, progress.path("total").asInt(), progress.toString());
    assertEquals(ISSUES, progress.path("done").asInt(), progress.toString());
    assertEquals(0, progress.path("failed").asInt(), progress.toString());

    Map<String, Integer> markers = new HashMap<>();
    for (Issue issue : GitHubSeed.all(testKit.system(), live.github, TOKEN, REPO)) {
      BodyMarker.markedId(issue.body()).ifPresent(id -> markers.merge(id, 1, Integer::sum));
    }
    assertEquals(ISSUES, markers.size(), "one GitHub issue per roadmap issue");
    assertThat(markers.values()).containsOnly(1);
    JsonNode violations = live.github.control().stats().path("violations");
    for (String limit : List.of("primary", "concurrency", "writes_per_minute", "writes_per_hour")) {
      assertEquals(0, violations.path(limit).asInt(), limit + ": " + violations);
    }
    // each file names its issue, and the closed ones are closed on GitHub too
    live.eventually(() -> assertEquals(ISSUES, live.getJson("/api/issues?status=synced").size()));
    assertThat(live.fileText(id(7))).contains("github_issue: ").contains("remote_ids:");
    System.out.printf(
        "bulk publish: %d issues in %.1f s real (%.1f simulated minutes at %.0fx)%n",
        ISSUES, seconds, seconds * SPEED / 60, SPEED);
  }

  @Test
  @Order(4)
  void publishingAgainCreatesNothing() {
    long before = GitHubSeed.writes(live.github);
    JsonNode again = live.post("/api/publish", "{}").json();
    assertEquals(0, again.path("publish").size());
    JsonNode byId = live.post("/api/publish", "{\"ids\":[\"bulk0003\"]}").json();
    assertEquals(0, byId.path("publish").size());
    assertEquals("bulk0003", byId.path("alreadyLinked").get(0).path("id").asText());
    assertEquals(REPO, byId.path("alreadyLinked").get(0).path("repo").asText());
    assertEquals(before, GitHubSeed.writes(live.github));
  }
}
