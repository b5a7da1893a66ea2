package org.roadmapsync.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.roadmapsync.sim.FaultRule;
import org.roadmapsync.sim.SimSettings;

/**
 * The worst moment to stop: GitHub has created the draft (its 201 is held back by the simulator),
 * the service has not journaled it. The service is stopped there and started again on the same
 * data: exactly one pull request.
 */
class PullRequestCrashEndToEndTest {

  private static final ActorTestKit testKit = ActorTestKit.create("PullRequestCrashEndToEndTest");
  private static final String TOKEN = "crash-pulls-token";
  private static final String REPO = "octo/crash-pulls";
  private static final String ID = "crsh0001";

  @TempDir static Path folder;
  static LiveService live;

  @BeforeAll
  static void start() {
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults(TOKEN, REPO),
            ConfigFactory.empty(),
            Map.of("ROADMAP_GITHUB_HEALTH_CHECK_MINUTES", "60"),
            ID);
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  private static JsonNode pullsWithHead(String branch) {
    return live.githubGet("/repos/" + REPO + "/pulls?state=all&head=octo:" + branch);
  }

  @Test
  void aStopBetweenGitHubsAnswerAndTheJournalCreatesNoSecondPullRequest() {
    long issue = live.publish(ID);
    live.github.control().pushCommit("alice", REPO, "feature/crash");
    // GitHub creates the pull request at once; its answer waits far longer than the test.
    live.github
        .control()
        .injectFault(
            FaultRule.answerLate("POST", "/repos/" + REPO + "/pulls", 1, Duration.ofMinutes(5)));
    live.setFrontMatter(ID, "git_branches", "[feature/crash]");
    live.setFrontMatter(ID, "status", "in-progress");

    live.eventually(() -> assertEquals(1, pullsWithHead("feature/crash").size()));
    live.eventually(
        () -> {
          JsonNode row = live.getJson("/api/pulls").get(0);
          assertEquals(ID, row.path("issueId").asText());
          assertThat(row.path("history").toString()).contains("draft pull request requested");
        });
    assertEquals(
        "",
        live.getJson("/api/pulls").get(0).path("state").asText(""),
        "the service has not heard GitHub's answer");

    live.restart();

    long number = pullsWithHead("feature/crash").get(0).path("number").asLong();
    live.eventually(
        () -> {
          JsonNode adopted = live.getJson("/api/pulls").get(0);
          assertEquals(number, adopted.path("number").asLong());
          assertEquals("draft", adopted.path("state").asText());
          assertThat(adopted.path("history").toString())
              .contains("adopted the open pull request #" + number);
        });
    assertEquals(1, pullsWithHead("feature/crash").size(), "exactly one pull request");
    assertEquals(
        1,
        live.github
            .control()
            .stats()
            .path("requests")
            .path("POST /repos/{o}/{r}/pulls 201")
            .asInt(0));
    assertFalse(live.getJson("/api/pulls").get(0).path("lastError").isTextual());
    assertThat(pullsWithHead("feature/crash").get(0).path("body").asText())
        .endsWith("Closes #" + issue);
  }
}
