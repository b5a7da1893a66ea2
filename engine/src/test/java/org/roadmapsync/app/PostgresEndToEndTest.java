package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.SimSettings;

/**
 * The service on PostgreSQL instead of embedded H2, end to end: the journal, every read table
 * ({@code issue_sync_status}, {@code issue_sync_history}, {@code pull_requests}, {@code
 * pull_approvals}, {@code pull_request_feed}, {@code dependency_agreement}), the projections and
 * their offsets, through a restart. Needs PostgreSQL on 127.0.0.1:5432 (see {@link
 * PostgresDatabase}): skipped without it, unless .ci/run requires it.
 */
class PostgresEndToEndTest {

  private static final String TOKEN = "pg-token";
  private static final String REPO = "octo/on-postgres";
  private static final String SECRET = "pg-webhook-secret";
  private static final ActorTestKit testKit = ActorTestKit.create("PostgresEndToEndTest");

  @TempDir static Path folder;
  static PostgresDatabase database;
  static LiveService live;

  @BeforeAll
  static void start() {
    database = PostgresDatabase.create();
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults(TOKEN, REPO),
            ConfigFactory.parseString("roadmap-sync.github.pacing.write-spacing = 20ms"),
            Map.of(
                "ROADMAP_SYNC_DB_URL",
                database.url(),
                "ROADMAP_SYNC_DB_USER",
                PostgresDatabase.USER,
                "GITHUB_WEBHOOK_SECRET",
                SECRET,
                "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES",
                "0.05"),
            "pgsql001",
            "pgsql002",
            "pgsql003");
    live.github
        .control()
        .setWebhook(Optional.of(SimSettings.WebhookTarget.reliable(live.webhookUrl(), SECRET)));
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
    testKit.shutdownTestKit();
    if (database != null) {
      database.close();
    }
  }

  @Test
  void issuesCommentsDependenciesAndAPullRequestSyncOnPostgresAndOutliveARestart() {
    long one = live.publish("pgsql001");
    long two = live.publish("pgsql002");
    long three = live.publish("pgsql003");

    // both ways, with a comment and a relation
    live.setFrontMatter("pgsql001", "title", "Renamed in the file");
    live.github.control().editIssueAs("octocat", REPO, (int) two, "{\"body\":\"From GitHub.\"}");
    live.github.control().commentAs("teammate", REPO, (int) two, "A word on PostgreSQL.");
    RoadmapStore.open(folder.resolve(".roadmap"))
        .apply("pgsql003", IssueEdit.builder().dependsOn(List.of("pgsql001")).build());
    live.eventually(
        () -> {
          assertEquals("Renamed in the file", live.githubIssue(one).path("title").asText());
          assertThat(live.fileText("pgsql002")).contains("From GitHub.", "A word on PostgreSQL.");
          assertThat(live.github.control().blockedBy(REPO, (int) three)).containsExactly((int) one);
          assertThat(live.fileText("pgsql001")).contains("- pgsql003");
        });

    // a pull request: opened for review, approved when the issue closes, merged by the service
    live.github.control().pushCommit("alice", REPO, "feature/pg");
    live.setFrontMatter("pgsql002", "git_branches", "[feature/pg]");
    live.setFrontMatter("pgsql002", "status", "review");
    live.eventually(() -> assertEquals("open", pullRow("pgsql002").path("state").asText()));
    live.setFrontMatter("pgsql002", "status", "closed");
    JsonNode approval =
        live.eventually(
            () -> {
              JsonNode approvals = live.getJson("/api/approvals");
              assertThat(approvals).hasSize(1);
              return approvals.get(0);
            });
    LiveService.Answer approved =
        live.post("/api/approvals/" + approval.path("id").asText(), "{\"decision\":\"approve\"}");
    assertEquals(202, approved.status(), approved.body());
    live.eventually(() -> assertEquals("merged", pullRow("pgsql002").path("state").asText()));

    live.eventually(
        () ->
            assertEquals(
                "{\"synced\":3,\"pending\":0,\"error\":0,\"conflict\":0,\"unlinked\":0}",
                live.getJson("/api/issues?limit=0").path("counts").toString()));
    for (String table :
        List.of(
            "event_journal",
            "issue_sync_status",
            "issue_sync_history",
            "pull_requests",
            "pull_approvals",
            "dependency_agreement")) {
      assertTrue(database.count(table) > 0, table + " has rows on PostgreSQL");
    }
    assertThat(live.getJson("/api/issues/pgsql002").path("history").size()).isGreaterThan(1);

    // a restart reads it all back from PostgreSQL: nothing made twice, everything still synced
    live.restart();
    live.setFrontMatter("pgsql001", "title", "Renamed after the restart");
    live.eventually(
        () -> {
          assertEquals("Renamed after the restart", live.githubIssue(one).path("title").asText());
          assertEquals(
              "{\"synced\":3,\"pending\":0,\"error\":0,\"conflict\":0,\"unlinked\":0}",
              live.getJson("/api/issues?limit=0").path("counts").toString());
          assertEquals("merged", pullRow("pgsql002").path("state").asText());
        });
    assertThat(live.github.control().blockedBy(REPO, (int) three)).containsExactly((int) one);
    assertEquals(
        4,
        live.github
                .control()
                .stats()
                .path("requests")
                .path("POST /repos/{o}/{r}/issues 201")
                .asInt()
            + live.github
                .control()
                .stats()
                .path("requests")
                .path("POST /repos/{o}/{r}/pulls 201")
                .asInt(),
        "three issues and one pull request, each made once");
  }

  private static JsonNode pullRow(String issueId) {
    for (JsonNode row : live.getJson("/api/pulls")) {
      if (row.path("issueId").asText().equals(issueId)) {
        return row;
      }
    }
    throw new AssertionError("no pull request row for " + issueId);
  }
}
