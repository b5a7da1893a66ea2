package org.roadmapsync.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.sim.SimSettings;

/**
 * Pull requests end to end: the service, the GitHub simulator (webhooks on) and a roadmap folder,
 * over real HTTP. Each test drives its own roadmap issues through the files and the admin API, and
 * checks GitHub through the simulator.
 */
class PullRequestsEndToEndTest {

  private static final ActorTestKit testKit = ActorTestKit.create("PullRequestsEndToEndTest");
  private static final String TOKEN = "pulls-token";
  private static final String REPO = "octo/pulls";
  private static final String WEB_REPO = "octo/pulls-web";
  private static final String SECRET = "pull-webhook-secret";

  @TempDir static Path folder;
  static LiveService live;

  @BeforeAll
  static void start() {
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults(TOKEN, REPO, WEB_REPO),
            ConfigFactory.parseString(
                "roadmap-sync.github.milestone-repos { web = \"" + WEB_REPO + "\" }"),
            Map.of("GITHUB_WEBHOOK_SECRET", SECRET, "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES", "60"),
            "full0001",
            "refu0001",
            "extm0001",
            "nome0001",
            "miss0001",
            "twoa0001",
            "twob0001",
            "bad00001");
    live.github
        .control()
        .setWebhook(
            Optional.of(SimSettings.WebhookTarget.reliable(live.api + "/webhooks/github", SECRET)));
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  // ---- helpers

  private static List<JsonNode> pullsWithHead(String repo, String branch) {
    JsonNode pulls =
        live.githubGet(
            "/repos/" + repo + "/pulls?state=all&head=" + repo.split("/")[0] + ":" + branch);
    return StreamSupport.stream(pulls.spliterator(), false).toList();
  }

  private static List<String> comments(String repo, long number) {
    List<String> bodies = new ArrayList<>();
    live.githubGet("/repos/" + repo + "/issues/" + number + "/comments")
        .forEach(c -> bodies.add(c.path("body").asText()));
    return bodies;
  }

  private static JsonNode pullRow(String issueId) {
    for (JsonNode row : live.getJson("/api/pulls")) {
      if (row.path("issueId").asText().equals(issueId)) {
        return row;
      }
    }
    throw new AssertionError(
        "no pull request row for " + issueId + " in " + live.getJson("/api/pulls"));
  }

  private static Optional<JsonNode> approvalOf(String issueId) {
    for (JsonNode row : live.getJson("/api/approvals")) {
      if (row.path("issueId").asText().equals(issueId)) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  private static JsonNode pendingApproval(String issueId) {
    return approvalOf(issueId)
        .orElseThrow(() -> new AssertionError("no pending approval for " + issueId));
  }

  private static boolean hasPendingApproval(String issueId) {
    return approvalOf(issueId).isPresent();
  }

  private static LiveService.Answer decide(String approvalId, String body) {
    return live.post("/api/approvals/" + approvalId, body);
  }

  /**
   * Publishes the issue, pushes its branch to {@code repo} (unless null) and names it in the file;
   * answers the GitHub number.
   */
  private static long withBranch(String id, String repo, String branch) {
    long number = live.publish(id);
    if (repo != null) {
      live.github.control().pushCommit("alice", repo, branch);
    }
    live.setFrontMatter(id, "git_branches", "[" + branch + "]");
    return number;
  }

  /**
   * Sets the status and waits for the pull request to show {@code state} in {@code GET /api/pulls};
   * answers its number.
   */
  private static long statusThenPull(String id, String status, String state) {
    live.setFrontMatter(id, "status", status);
    return live.eventually(
        () -> {
          JsonNode row = pullRow(id);
          assertEquals(state, row.path("state").asText(), row.toString());
          return row.path("number").asLong();
        });
  }

  // ---- the proofs

  @Test
  void theWholeLifecycleFromDraftToSquashMerge() throws Exception {
    long issue = withBranch("full0001", REPO, "feature/full");
    long pull = statusThenPull("full0001", "in-progress", "draft");

    JsonNode draft = live.github.control().pull(REPO, (int) pull);
    assertTrue(draft.path("draft").asBoolean());
    assertEquals("Issue full0001", draft.path("title").asText());
    assertEquals("The body of full0001.\n\nCloses #" + issue, draft.path("body").asText());
    assertEquals("feature/full", draft.at("/head/ref").asText());
    assertEquals("main", draft.at("/base/ref").asText());

    // the title follows the issue's
    live.setFrontMatter("full0001", "title", "Full lifecycle");
    live.eventually(
        () ->
            assertEquals(
                "Full lifecycle",
                live.github.control().pull(REPO, (int) pull).path("title").asText()));

    statusThenPull("full0001", "review", "open");
    live.eventually(
        () ->
            assertThat(comments(REPO, pull))
                .hasSize(1)
                .first()
                .asString()
                .contains("ready for review"));

    live.setFrontMatter("full0001", "status", "closed");
    JsonNode approval = live.eventually(() -> pendingApproval("full0001"));
    assertEquals(pull, approval.path("number").asLong());
    assertEquals(REPO, approval.path("repo").asText());
    String id = approval.path("id").asText();

    LiveService.Answer approved = decide(id, "{\"decision\":\"approve\"}");
    assertEquals(202, approved.status(), approved.body());
    live.eventually(() -> assertEquals("merged", pullRow("full0001").path("state").asText()));
    assertTrue(live.github.control().pull(REPO, (int) pull).path("merged").asBoolean());
    assertEquals(
        "closed",
        live.githubIssue(issue).path("state").asText(),
        "Closes #N closed the GitHub issue");
    live.eventually(
        () -> assertThat(comments(REPO, pull)).hasSize(2).last().asString().contains("Approved"));
    assertThat(pullRow("full0001").path("history").toString()).contains("merged (squash)");
    assertEquals("approved", pullRow("full0001").at("/approval/state").asText());
    assertFalse(hasPendingApproval("full0001"));

    // approving twice is a conflict, and nothing more happens on GitHub
    assertEquals(409, decide(id, "{\"decision\":\"approve\"}").status());
    assertThat(comments(REPO, pull)).hasSize(2);
    assertThat(pullsWithHead(REPO, "feature/full")).hasSize(1);

    // the issue's history tells the pull request's story, the sync entries keep their shape
    live.eventually(
        () ->
            assertThat(live.historyNotes("full0001"))
                .anySatisfy(n -> assertThat(n).contains("opened draft pull request #" + pull))
                .anySatisfy(n -> assertThat(n).contains("marked ready for review"))
                .anySatisfy(n -> assertThat(n).contains("merged (squash)")));
    JsonNode push =
        StreamSupport.stream(
                live.getJson("/api/issues/full0001").path("history").spliterator(), false)
            .filter(h -> h.path("direction").asText().equals("push"))
            .findFirst()
            .orElseThrow();
    assertFalse(push.has("note"));
    assertTrue(push.path("changes").isObject());
    assertThat(Files.readString(live.file("full0001"))).contains("status: closed");
  }

  @Test
  void aRefusedApprovalLeavesThePullRequestOpenAndSaysSo() {
    withBranch("refu0001", REPO, "feature/refused");
    long pull = statusThenPull("refu0001", "review", "open");
    live.setFrontMatter("refu0001", "status", "closed");
    String id = live.eventually(() -> pendingApproval("refu0001")).path("id").asText();

    assertEquals(202, decide(id, "{\"decision\":\"reject\"}").status());
    live.eventually(
        () -> assertThat(comments(REPO, pull)).anySatisfy(c -> assertThat(c).contains("refused")));
    live.eventually(
        () -> {
          JsonNode row = pullRow("refu0001");
          assertEquals("open", row.path("state").asText());
          assertEquals("rejected", row.at("/approval/state").asText());
          assertThat(row.path("history").toString())
              .contains("refused: the pull request stays open");
        });
    assertFalse(live.github.control().pull(REPO, (int) pull).path("merged").asBoolean());
    assertFalse(hasPendingApproval("refu0001"));
    assertEquals(409, decide(id, "{\"decision\":\"approve\"}").status());
    live.eventually(
        () ->
            assertThat(live.historyNotes("refu0001"))
                .anySatisfy(n -> assertThat(n).contains("refused")));
    assertThat(comments(REPO, pull)).filteredOn(c -> c.contains("refused")).hasSize(1);
  }

  @Test
  void aMergeOnGitHubBySomeoneElseClosesTheRoadmapIssueWithoutAnotherAction() throws Exception {
    long issue = withBranch("extm0001", REPO, "feature/external");
    long pull = statusThenPull("extm0001", "review", "open");
    int mergesBefore = serviceMerges();

    live.github.control().mergePullAs("bob", REPO, (int) pull, "merge");
    live.eventually(() -> assertThat(live.fileText("extm0001")).contains("status: closed"));
    live.eventually(
        () ->
            assertThat(live.historyNotes("extm0001"))
                .anySatisfy(n -> assertThat(n).contains("merged on GitHub by someone else")));
    live.eventually(() -> assertEquals("merged", pullRow("extm0001").path("state").asText()));
    assertEquals("closed", live.githubIssue(issue).path("state").asText());
    assertFalse(hasPendingApproval("extm0001"), "no approval for a pull request already merged");
    assertEquals(mergesBefore, serviceMerges(), "the service merged nothing");
    assertThat(comments(REPO, pull)).filteredOn(c -> c.contains("Approved")).isEmpty();
    assertThat(live.historyNotes("extm0001"))
        .filteredOn(n -> n.contains("someone else"))
        .hasSize(1);
  }

  @Test
  void aNotMergeableAnswerIsAnErrorAndNeedsANewApproval() {
    withBranch("nome0001", REPO, "feature/conflicted");
    long pull = statusThenPull("nome0001", "review", "open");
    live.github.control().setPullMergeable(REPO, (int) pull, false);
    live.setFrontMatter("nome0001", "status", "closed");
    String first = live.eventually(() -> pendingApproval("nome0001")).path("id").asText();

    assertEquals(202, decide(first, "{\"decision\":\"approve\"}").status());
    String second =
        live.eventually(
            () -> {
              JsonNode row = pullRow("nome0001");
              assertThat(row.path("lastError").asText()).contains("405").contains("not mergeable");
              String renewed = pendingApproval("nome0001").path("id").asText();
              assertThat(renewed).isNotEqualTo(first);
              return renewed;
            });
    assertEquals("open", pullRow("nome0001").path("state").asText());
    assertEquals(
        409, decide(first, "{\"decision\":\"approve\"}").status(), "the refused approval is spent");
    assertThat(pullRow("nome0001").path("history").toString()).contains("GitHub refused the merge");

    live.github.control().setPullMergeable(REPO, (int) pull, true);
    assertEquals(202, decide(second, "{\"decision\":\"approve\"}").status());
    live.eventually(() -> assertEquals("merged", pullRow("nome0001").path("state").asText()));
    assertTrue(live.github.control().pull(REPO, (int) pull).path("merged").asBoolean());
    live.eventually(
        () -> assertThat(comments(REPO, pull)).filteredOn(c -> c.contains("Approved")).hasSize(1));
  }

  @Test
  void aBranchMissingOnGitHubIsAnErrorWithTheReasonAndNoPullRequest() {
    withBranch("miss0001", null, "feature/nowhere");
    live.setFrontMatter("miss0001", "status", "in-progress");
    live.eventually(
        () ->
            assertThat(pullRow("miss0001").path("lastError").asText())
                .contains("feature/nowhere")
                .contains("does not exist"));
    assertTrue(pullRow("miss0001").path("number").isNull());
    assertThat(pullsWithHead(REPO, "feature/nowhere")).isEmpty();

    // once the branch is pushed, the next change of the issue opens the pull request
    live.github.control().pushCommit("alice", REPO, "feature/nowhere");
    live.setFrontMatter("miss0001", "title", "Now with a branch");
    live.eventually(() -> assertEquals("draft", pullRow("miss0001").path("state").asText()));
    assertThat(pullsWithHead(REPO, "feature/nowhere")).hasSize(1);
    assertTrue(pullRow("miss0001").path("lastError").isNull());
  }

  @Test
  void twoRepositoriesEachGetThePullRequestOfTheirIssue() {
    live.setFrontMatter("twoa0001", "milestone", "web");
    live.eventually(
        () ->
            assertEquals(
                "web", live.getJson("/api/issues/twoa0001").at("/roadmap/milestone").asText()));
    withBranch("twoa0001", WEB_REPO, "feature/two");
    withBranch("twob0001", REPO, "feature/two");
    live.setFrontMatter("twoa0001", "status", "in-progress");
    live.setFrontMatter("twob0001", "status", "in-progress");
    live.eventually(
        () -> {
          assertEquals(WEB_REPO, pullRow("twoa0001").path("repo").asText());
          assertEquals("draft", pullRow("twoa0001").path("state").asText());
          assertEquals(REPO, pullRow("twob0001").path("repo").asText());
          assertEquals("draft", pullRow("twob0001").path("state").asText());
        });
    List<JsonNode> web = pullsWithHead(WEB_REPO, "feature/two");
    List<JsonNode> main = pullsWithHead(REPO, "feature/two");
    assertThat(web).hasSize(1);
    assertThat(main).hasSize(1);
    assertThat(web.get(0).path("body").asText())
        .endsWith("Closes #" + live.getJson("/api/issues/twoa0001").path("githubIssue").asLong());
    assertThat(web.get(0).path("html_url").asText()).contains(WEB_REPO);
    assertEquals(pullRow("twoa0001").path("number").asLong(), web.get(0).path("number").asLong());
  }

  @Test
  void badApprovalRequestsAreAnsweredClearlyAndChangeNothing() {
    LiveService.Answer unknown = decide("no-such-approval", "{\"decision\":\"approve\"}");
    assertEquals(404, unknown.status());
    assertThat(unknown.json().path("detail").asText()).contains("no-such-approval");
    assertEquals(404, decide("not%20an%20id", "{\"decision\":\"approve\"}").status());

    withBranch("bad00001", REPO, "feature/bad");
    statusThenPull("bad00001", "review", "open");
    live.setFrontMatter("bad00001", "status", "closed");
    String id = live.eventually(() -> pendingApproval("bad00001")).path("id").asText();
    for (String body :
        List.of("{\"decision\":\"maybe\"}", "{}", "[]", "{\"decision\":true}", "not json")) {
      LiveService.Answer answer = decide(id, body);
      assertEquals(400, answer.status(), body + " → " + answer.body());
      assertThat(answer.contentType()).contains("json");
    }
    assertEquals(
        id,
        pendingApproval("bad00001").path("id").asText(),
        "still pending after the bad requests");
  }

  private static int serviceMerges() {
    return live.github
        .control()
        .stats()
        .path("requests")
        .path("PUT /repos/{o}/{r}/pulls/{n}/merge 200")
        .asInt(0);
  }
}
