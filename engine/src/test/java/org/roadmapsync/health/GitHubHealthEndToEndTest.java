package org.roadmapsync.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;

/**
 * GitHub goes away (the simulator plays dead, then the token is revoked) and comes back: {@code
 * /health} says so under {@code infrastructure.github} from the monitor's last check while the
 * service stays UP; edits made meanwhile are kept as errors on the issue and reach GitHub by
 * themselves once it is back.
 */
class GitHubHealthEndToEndTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("health-e2e", ConfigFactory.load());
  private static final String A = "hlth0001";

  @TempDir static Path folder;
  static LiveService live;

  @BeforeAll
  static void start() {
    // a check every 0.6 s
    live =
        new LiveService(
            testKit,
            folder,
            "health-token",
            "octo/health",
            Map.of("ROADMAP_GITHUB_HEALTH_CHECK_MINUTES", "0.01"),
            A);
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  private static JsonNode health() {
    LiveService.Answer answer = live.get("/health");
    assertEquals(
        200, answer.status(), "GitHub trouble never makes the service DOWN: " + answer.body());
    assertEquals("UP", answer.json().path("status").asText());
    return answer.json().path("infrastructure").path("github");
  }

  private static JsonNode githubStatus(String expected) {
    return live.eventually(
        () -> {
          JsonNode github = health();
          assertEquals(expected, github.path("status").asText(), github.toString());
          return github;
        });
  }

  /**
   * Recovery syncs the issues the read table lists in error; the table follows the entity within
   * about a second.
   */
  private static void awaitErrorInReadTable(String error) {
    live.eventually(
        () -> {
          JsonNode rows = live.getJson("/api/issues?status=error");
          assertThat(rows.findValuesAsText("lastSyncError"))
              .as(rows.toString())
              .anyMatch(e -> e.startsWith(error));
        });
  }

  @Test
  void gitHubDownOrTokenRevokedShowsInHealthAndEditsSyncOnceItIsBack() {
    JsonNode up = githubStatus("UP");
    assertThat(up.path("reachable").asBoolean()).isTrue();
    assertThat(up.path("authenticated").asBoolean()).isTrue();
    assertThat(up.path("scopes").toString()).contains("repo");
    assertEquals(5000, up.path("rateLimit").path("limit").asInt());
    assertThat(up.path("checkedAt").asText()).isNotEmpty();

    // the token loses the scope repo: DEGRADED, seen through the free GET /rate_limit alone
    live.eventually(
        () -> assertEquals("finished", live.getJson("/api/sync").path("state").asText()));
    long quota = live.github.control().stats().path("quota_spent").asLong(); // the poll's listing
    live.github.control().setTokenScopes("read:org, gist");
    JsonNode narrowed = githubStatus("DEGRADED");
    assertThat(narrowed.path("lastError").asText()).contains("lacks the scope repo");
    assertThat(narrowed.path("scopes").toString()).contains("gist").doesNotContain("\"repo\"");
    assertThat(narrowed.path("authenticated").asBoolean()).isTrue();
    live.github.control().setTokenScopes("repo, user");
    githubStatus("UP");
    JsonNode stats = live.github.control().stats();
    assertThat(stats.path("requests").path("GET /rate_limit 200").asInt())
        .as("several checks ran: %s", stats)
        .isGreaterThan(2);
    assertThat(stats.path("requests").has("GET /user 200")).as("no GET /user: %s", stats).isFalse();
    assertEquals(quota, stats.path("quota_spent").asLong(), "health checks spend no quota");

    long number = live.publish(A);
    JsonNode synced =
        live.eventually(
            () -> {
              JsonNode github = health();
              assertThat(github.path("lastSuccessfulSync").isTextual())
                  .as(github.toString())
                  .isTrue();
              return github;
            });
    Instant firstSync = Instant.parse(synced.path("lastSuccessfulSync").asText());

    // GitHub unreachable: DOWN, the local edit is kept as an error on the issue
    live.github.control().playDead(true);
    JsonNode down = githubStatus("DOWN");
    assertThat(down.path("reachable").asBoolean()).isFalse();
    assertThat(down.path("consecutiveFailures").asInt()).isPositive();
    assertThat(down.path("lastError").asText()).contains("connection");
    live.setFrontMatter(A, "title", "Edited while GitHub was away");
    awaitErrorInReadTable("connection failed");

    // back: the monitor's first good check syncs the issues that failed meanwhile, no manual sync
    // needed
    live.github.control().playDead(false);
    githubStatus("UP");
    live.eventually(
        () -> {
          assertEquals(
              "Edited while GitHub was away", live.githubIssue(number).path("title").asText());
          assertEquals("synced", live.syncStatus(A));
        });

    // token revoked: DOWN and not authenticated; the next edit waits too
    live.github.control().revokeToken(true);
    JsonNode revoked = githubStatus("DOWN");
    assertThat(revoked.path("authenticated").asBoolean()).isFalse();
    assertThat(revoked.path("reachable").asBoolean()).isTrue();
    assertThat(revoked.path("lastError").asText()).startsWith("401");
    assertThat(revoked.toString()).doesNotContain("health-token");
    live.setFrontMatter(A, "title", "Edited while the token was revoked");
    live.eventually(
        () -> {
          JsonNode issue = live.getJson("/api/issues/" + A);
          assertEquals("error", issue.path("syncStatus").asText());
          assertThat(issue.path("lastSyncError").asText()).startsWith("401");
        });
    awaitErrorInReadTable("401");

    live.github.control().revokeToken(false);
    githubStatus("UP");
    live.eventually(
        () -> {
          assertEquals(
              "Edited while the token was revoked",
              live.githubIssue(number).path("title").asText());
          assertEquals("synced", live.syncStatus(A));
        });
    live.eventually(
        () ->
            assertThat(Instant.parse(health().path("lastSuccessfulSync").asText()))
                .isAfter(firstSync));
  }
}
