package org.roadmapsync.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * Pull requests closed on GitHub while the service was stopped, webhooks off: one closed unmerged
 * (its roadmap issue becomes {@code blocked}), one merged into a branch that is not the default one
 * (GitHub leaves the issue open: only the pull request says the work is done; the roadmap issue
 * becomes {@code closed}). The poll interval is ten minutes, so the one poll the service makes by
 * itself within the test is the first after its start; {@code POST /api/sync} asks for another.
 */
class PullRequestRestartEndToEndTest {

  private static final ActorTestKit testKit = ActorTestKit.create("PullRequestRestartEndToEndTest");
  private static final String REPO = "octo/restarted-pulls";
  private static final String CLOSED = "stop0001";
  private static final String MERGED = "stop0002";
  private static final String STILL_OPEN = "sync0001";

  @TempDir static Path folder;
  static LiveService live;

  @BeforeAll
  static void start() {
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults("restart-token", REPO).withLimits(SimLimits.unlimited()),
            ConfigFactory.parseString(
                "roadmap-sync.github.pacing { write-spacing = 0s, writes-per-minute = 10000,"
                    + " writes-per-hour = 100000 }"),
            Map.of(
                "ROADMAP_GITHUB_PR_BASE_BRANCH",
                "develop",
                "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES",
                "10",
                "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES",
                "60"),
            CLOSED,
            MERGED,
            STILL_OPEN);
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  @Test
  void pullRequestsClosedOrMergedWhileTheServiceWasStoppedAreSeenByTheFirstPollAfterItsStart() {
    long closedPull = openDraft(CLOSED, "feature/stopped-closed");
    long mergedPull = openDraft(MERGED, "feature/stopped-merged");

    long listingsBefore = pullListings();
    long mergedIssue = live.getJson("/api/issues/" + MERGED).path("githubIssue").asLong();
    live.restart(
        () -> {
          ObjectNode close = LiveService.JSON.createObjectNode().put("state", "closed");
          live.github.control().editPullAs("dave", REPO, (int) closedPull, close);
          markReady(mergedPull);
          live.github.control().mergePullAs("bob", REPO, (int) mergedPull, "merge");
          // read before the service starts: once it has seen the merge, it closes the issue itself
          assertEquals(
              "open",
              live.githubIssue(mergedIssue).path("state").asText(),
              "a merge into develop leaves the GitHub issue open");
        });

    live.eventually(
        () -> {
          assertThat(live.fileText(CLOSED)).contains("status: blocked");
          assertThat(live.fileText(MERGED)).contains("status: closed");
        });
    assertEquals(
        listingsBefore + 1, pullListings(), "one listing of the pull requests: the first poll");
    live.eventually(
        () -> {
          assertThat(live.historyNotes(CLOSED))
              .anySatisfy(n -> assertThat(n).contains("was closed unmerged on GitHub"));
          assertThat(live.historyNotes(MERGED))
              .anySatisfy(n -> assertThat(n).contains("was merged on GitHub by someone else"));
        });

    // Reopened on GitHub, still without webhooks: a closed pull request is polled too.
    ObjectNode reopen = LiveService.JSON.createObjectNode().put("state", "open");
    live.github.control().editPullAs("dave", REPO, (int) closedPull, reopen);
    live.post("/api/sync", 202);
    live.eventually(
        () ->
            assertThat(live.historyNotes(CLOSED))
                .anySatisfy(n -> assertThat(n).contains("was reopened on GitHub")));
  }

  @Test
  void aManualSyncPollsThePullRequestsToo() {
    openDraft(STILL_OPEN, "feature/still-open");
    JsonNode before = live.github.control().stats().path("requests");
    live.post("/api/sync", 202);
    live.eventually(
        () ->
            assertThat(pullListings())
                .isEqualTo(
                    before.path("GET /repos/{o}/{r}/pulls 200").asLong(0)
                        + before.path("GET /repos/{o}/{r}/pulls 304").asLong(0)
                        + 1));
  }

  /** Publishes the issue with a branch, in progress; answers its draft pull request's number. */
  private static long openDraft(String id, String branch) {
    live.github.control().pushCommit("alice", REPO, branch);
    live.setFrontMatter(id, "git_branches", "[" + branch + "]");
    live.setFrontMatter(id, "status", "in-progress");
    live.publish(id);
    return testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(20),
            () -> {
              for (JsonNode row : live.getJson("/api/pulls")) {
                if (row.path("issueId").asText().equals(id)) {
                  assertEquals("draft", row.path("state").asText(), row.toString());
                  return row.path("number").asLong();
                }
              }
              throw new AssertionError("no pull request row for " + id);
            });
  }

  private static void markReady(long number) {
    String nodeId = live.github.control().pull(REPO, (int) number).path("node_id").asText();
    ObjectNode ready =
        LiveService.JSON
            .createObjectNode()
            .put(
                "query",
                "mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id})"
                    + " { pullRequest { isDraft } } }");
    ready.putObject("variables").put("id", nodeId);
    assertEquals(200, live.githubPost("/graphql", ready.toString()).status());
  }

  /**
   * Listings of the repository's pull requests (the lifecycles' look for an open one by head is one
   * too, but none is made here after the drafts are open).
   */
  private static long pullListings() {
    JsonNode requests = live.github.control().stats().path("requests");
    return requests.path("GET /repos/{o}/{r}/pulls 200").asLong(0)
        + requests.path("GET /repos/{o}/{r}/pulls 304").asLong(0);
  }
}
