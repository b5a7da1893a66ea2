package org.roadmapsync.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.sim.SimSettings;

/**
 * {@code GET /api/plan} over HTTP against the simulator: 1,000 linked issues, synced, then the
 * service restarted read-only ({@code ROADMAP_SYNC_READ_ONLY}) and edits made on both sides; the
 * plan lists exactly those edits (push, pull, conflicts with the strategy's pick), the publish and
 * import candidates, and writes nothing: no write on GitHub, no byte changed under {@code
 * .roadmap/}.
 */
class PlanEndToEndTest {

  private static final String TOKEN = "plan-token";
  private static final String REPO = "octo/plan";
  private static final int LINKED = 1000;
  private static final int LOCAL_EDITS = 10;
  private static final int GITHUB_EDITS = 10;
  private static final int BOTH_EDITS = 3;
  private static final int UNLINKED_FILES = 2;
  private static final int UNLINKED_ISSUES = 5;

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "plan-e2e",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir static Path folder;
  static LiveService live;

  static String id(int i) {
    return String.format("plan%04d", i);
  }

  @BeforeAll
  static void start() {
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults(TOKEN, REPO),
            ConfigFactory.empty(),
            Map.of("ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES", "60"),
            PlanEndToEndTest::linkedIssues);
    // every issue linked and synced, then the service again, read-only, and polling off
    live.eventually(() -> assertEquals(LINKED, live.getJson("/api/issues?status=synced").size()));
    live.restart(
        Map.of("ROADMAP_SYNC_READ_ONLY", "true", "ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false"));
  }

  /** 1,000 GitHub issues and the files that link them, equal through the mapping. */
  private static void linkedIssues(LiveService service) {
    ObjectNode seed = GitHubSeed.JSON.createObjectNode().put("repo", REPO);
    ArrayNode issues = seed.putArray("issues");
    for (int i = 1; i <= LINKED; i++) {
      issues
          .addObject()
          .put("title", "Issue " + id(i))
          .put("body", "The body of " + id(i) + ".")
          .put("updated_at", "2026-01-02T09:00:00Z")
          .put("created_at", "2026-01-02T09:00:00Z")
          .putArray("labels")
          .add("live")
          .add("priority:high")
          .add("type:feature");
    }
    service.github.control().seed(seed);
    for (int i = 1; i <= LINKED; i++) {
      write(
          service,
          id(i),
          LiveService.issueText(id(i), "null")
              .replace("assignee: null", "assignee: null\ngithub_issue: " + i));
    }
  }

  private static void write(LiveService service, String id, String text) {
    try {
      Files.writeString(service.file(id), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  /** SHA-256 of every file under {@code .roadmap/}, by path. */
  private static Map<String, String> roadmapBytes() throws Exception {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder.resolve(".roadmap"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        hashes.put(
            file.toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      }
    }
    return hashes;
  }

  private static Map<String, JsonNode> byId(JsonNode plan) {
    Map<String, JsonNode> lines = new HashMap<>();
    plan.path("issues").forEach(line -> lines.put(line.path("id").asText(), line));
    return lines;
  }

  @Test
  void aPlanOfAThousandIssuesListsExactlyTheEditsAndWritesNothing() throws Exception {
    // edits on both sides: files (seen by the watcher: recorded, not synced), GitHub (unseen)
    for (int i = 1; i <= LOCAL_EDITS; i++) {
      live.setFrontMatter(id(i), "title", "Issue " + id(i) + " edited locally");
      live.setFrontMatter(id(i), "updated", "'2026-06-01T10:00:00+00:00'");
    }
    for (int i = LOCAL_EDITS + 1; i <= LOCAL_EDITS + GITHUB_EDITS; i++) {
      live.github
          .control()
          .editIssueAs("alice", REPO, i, "{\"body\":\"Edited on GitHub " + i + "\"}");
    }
    int firstBoth = LOCAL_EDITS + GITHUB_EDITS + 1;
    for (int i = firstBoth; i < firstBoth + BOTH_EDITS; i++) {
      live.setFrontMatter(id(i), "title", "Roadmap title " + i);
      live.github.control().editIssueAs("alice", REPO, i, "{\"title\":\"GitHub title " + i + "\"}");
    }
    for (int i = 1; i <= UNLINKED_FILES; i++) {
      write(live, "new" + i, LiveService.issueText("new" + i, "null"));
    }
    ObjectNode extra = GitHubSeed.JSON.createObjectNode().put("repo", REPO);
    ArrayNode issues = extra.putArray("issues");
    for (int i = 1; i <= UNLINKED_ISSUES; i++) {
      issues.addObject().put("title", "Only on GitHub " + i);
    }
    live.github.control().seed(extra);
    live.eventually(
        () -> assertThat(live.getJson("/api/issues").size()).isEqualTo(LINKED + UNLINKED_FILES));

    Map<String, String> before = roadmapBytes();
    long writesBefore = GitHubSeed.writes(live.github);
    long started = System.nanoTime();
    JsonNode plan = live.getJson("/api/plan");
    double seconds = (System.nanoTime() - started) / 1e9;

    assertEquals(before, roadmapBytes(), "no byte changed under .roadmap/");
    assertEquals(writesBefore, GitHubSeed.writes(live.github), "no write on GitHub");
    assertThat(plan.path("github").path("listed")).hasSize(1);
    assertEquals("last-write-wins", plan.path("github").path("strategy").asText());
    JsonNode summary = plan.path("summary");
    assertEquals(LOCAL_EDITS, summary.path("push").asInt(), summary.toString());
    assertEquals(GITHUB_EDITS + BOTH_EDITS, summary.path("pull").asInt(), summary.toString());
    assertEquals(UNLINKED_FILES, summary.path("publish").asInt(), summary.toString());
    assertEquals(UNLINKED_ISSUES, summary.path("import").asInt(), summary.toString());
    assertEquals(
        LINKED - LOCAL_EDITS - GITHUB_EDITS - BOTH_EDITS,
        summary.path("in-sync").asInt(),
        summary.toString());

    Map<String, JsonNode> lines = byId(plan);
    JsonNode pushed = lines.get(id(1));
    assertEquals("push", pushed.path("action").asText());
    assertEquals("Issue " + id(1), pushed.path("toGitHub").path("title").path("from").asText());
    assertEquals(
        "Issue " + id(1) + " edited locally",
        pushed.path("toGitHub").path("title").path("to").asText());
    assertThat(pushed.path("toGitHub").size()).isEqualTo(1);
    JsonNode pulled = lines.get(id(LOCAL_EDITS + 1));
    assertEquals("pull", pulled.path("action").asText());
    assertEquals(
        "Edited on GitHub " + (LOCAL_EDITS + 1),
        pulled.path("toRoadmap").path("body").path("to").asText());
    JsonNode both = lines.get(id(firstBoth));
    assertEquals("pull", both.path("action").asText(), both.toString());
    JsonNode conflict = both.path("conflicts").get(0);
    assertEquals("title", conflict.path("field").asText());
    assertEquals("Roadmap title " + firstBoth, conflict.path("roadmap").asText());
    assertEquals("GitHub title " + firstBoth, conflict.path("github").asText());
    assertEquals("github", conflict.path("pick").asText(), "the newer side wins");
    assertEquals("publish", lines.get("new1").path("action").asText());
    assertEquals("in-sync", lines.get(id(LINKED)).path("action").asText());
    JsonNode candidate = plan.path("imports").get(0);
    assertEquals(LINKED + 1, candidate.path("githubIssue").asInt());
    assertEquals("issues/backlog/{id}-only-on-github-1.md", candidate.path("file").asText());
    System.out.printf("plan of %d issues: %.2f s%n", plan.path("issues").size(), seconds);

    // asked again: GitHub answers 304 to each listing page, which costs no quota
    long quota = live.github.control().stats().path("quota_spent").asLong();
    JsonNode again = live.getJson("/api/plan");
    assertEquals(summary, again.path("summary"));
    assertEquals(quota, live.github.control().stats().path("quota_spent").asLong());
  }

  @Test
  void oneIssueOrOneStatusAndBadInput() {
    JsonNode one = live.getJson("/api/plan?issue=" + id(LINKED - 1));
    assertEquals(1, one.path("issues").size());
    assertEquals(1, one.path("github").path("singleReads").asInt());
    assertEquals(0, one.path("imports").size());
    LiveService.Answer unknown = live.get("/api/plan?issue=nothere");
    assertEquals(404, unknown.status(), unknown.body());
    LiveService.Answer badStatus = live.get("/api/plan?status=done");
    assertEquals(400, badStatus.status(), badStatus.body());
    assertThat(badStatus.json().path("detail").asText()).contains("status must be one of");
    LiveService.Answer readOnly = live.post("/api/import", "{}");
    assertEquals(503, readOnly.status());
    assertThat(readOnly.json().path("detail").asText()).contains("ROADMAP_SYNC_READ_ONLY");
    assertEquals(503, live.post("/api/issues/" + id(5) + "/sync", "{}").status());
  }
}
