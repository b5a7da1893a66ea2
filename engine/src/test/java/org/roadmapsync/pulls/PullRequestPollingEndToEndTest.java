package org.roadmapsync.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.sim.SimSettings;

/**
 * Without webhooks: someone merges the pull request on GitHub, which closes the issue it names; the
 * poller brings the closed issue to the file, and the lifecycle reads its pull request before
 * acting on that news, so it sees a merge made elsewhere, asks for no approval and merges nothing.
 */
class PullRequestPollingEndToEndTest {

  private static final ActorTestKit testKit = ActorTestKit.create("PullRequestPollingEndToEndTest");
  private static final String REPO = "octo/polled-pulls";
  private static final String ID = "poll0001";

  @TempDir static Path folder;
  static LiveService live;

  @BeforeAll
  static void start() {
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults("polled-token", REPO),
            ConfigFactory.empty(),
            Map.of(
                "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES",
                "0.02",
                "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES",
                "60"),
            ID);
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  private static JsonNode pullRow() {
    JsonNode rows = live.getJson("/api/pulls");
    assertEquals(1, rows.size(), rows.toString());
    return rows.get(0);
  }

  @Test
  void aMergeOnGitHubThatNoWebhookReportedIsSeenBeforeAnyApproval() {
    long issue = live.publish(ID);
    live.github.control().pushCommit("alice", REPO, "feature/polled");
    live.setFrontMatter(ID, "git_branches", "[feature/polled]");
    live.setFrontMatter(ID, "status", "review");
    long pull =
        live.eventually(
            () -> {
              assertEquals("open", pullRow().path("state").asText());
              return pullRow().path("number").asLong();
            });

    live.github.control().mergePullAs("bob", REPO, (int) pull, "rebase");
    assertEquals("closed", live.githubIssue(issue).path("state").asText());
    live.eventually(() -> assertThat(live.fileText(ID)).contains("status: closed"));
    live.eventually(
        () -> {
          assertEquals("merged", pullRow().path("state").asText());
          assertThat(pullRow().path("history").toString())
              .contains("merged on GitHub by someone else");
        });
    assertThat(live.getJson("/api/approvals")).isEmpty();
    assertFalse(pullRow().path("approval").isObject(), "no approval was asked for");
    assertEquals(
        0,
        live.github
            .control()
            .stats()
            .path("requests")
            .path("PUT /repos/{o}/{r}/pulls/{n}/merge 200")
            .asInt(0));
    assertThat(live.historyNotes(ID))
        .anySatisfy(n -> assertThat(n).contains("draft pull request requested"));
    live.eventually(
        () -> {
          assertThat(live.historyNotes(ID))
              .filteredOn(n -> n.contains("merged on GitHub by someone else"))
              .hasSize(1);
        });
  }
}
