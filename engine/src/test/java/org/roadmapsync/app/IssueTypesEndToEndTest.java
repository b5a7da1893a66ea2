package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.sim.SimSettings;

/**
 * {@code issue_type} against the simulated GitHub (issue 21): in a repository whose organisation
 * has issue types it is the issue's type (both ways, {@code typed}/{@code untyped} webhooks
 * included, the types read once), in one without it stays a {@code type:} label, and a type the
 * organisation lacks puts the issue in error naming it and the types there are.
 */
class IssueTypesEndToEndTest {

  private static final String TOKEN = "types-token";
  private static final String SECRET = "types-secret";
  private static final String TYPES_LISTED = "GET /orgs/{org}/issue-types 200";

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "issue-types",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static LiveService start(Path folder, String repo, String... types) {
    return new LiveService(
        testKit,
        folder,
        TOKEN,
        repo,
        Map.of("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false", "GITHUB_WEBHOOK_SECRET", SECRET),
        l -> {
          l.github.control().setIssueTypes(repo.substring(0, repo.indexOf('/')), types);
          l.seedLinked("type0001", "type0002");
        },
        "type0001",
        "type0002");
  }

  private static void webhooksOn(LiveService live) {
    live.github
        .control()
        .setWebhook(
            Optional.of(SimSettings.WebhookTarget.reliable(live.api + "/webhooks/github", SECRET)));
  }

  private static List<String> labels(JsonNode issue) {
    List<String> names = new ArrayList<>();
    issue.path("labels").forEach(l -> names.add(l.path("name").asText()));
    return names;
  }

  private static long count(LiveService live, String route) {
    return live.github.control().stats().path("requests").path(route).asLong();
  }

  @Test
  void anOrganisationsTypesCarryIssueTypeBothWays() {
    try (var live = start(folder, "typed-org/app", "Task", "Bug", "Feature")) {
      live.eventually(() -> assertEquals(2, live.getJson("/api/issues?status=synced").size()));
      webhooksOn(live);

      // file → GitHub: the type is set and the type label goes
      live.setFrontMatter("type0001", "issue_type", "bug");
      live.eventually(
          () -> assertEquals("Bug", live.githubIssue(1).path("type").path("name").asText()));
      assertThat(labels(live.githubIssue(1))).contains("live").doesNotContain("type:feature");
      live.setFrontMatter("type0002", "issue_type", "other");
      live.eventually(() -> assertThat(labels(live.githubIssue(2))).doesNotContain("type:feature"));
      assertThat(live.githubIssue(2).path("type").isNull()).isTrue();

      // GitHub → file: typed and untyped webhooks
      live.github.control().editIssueAs("teammate", "typed-org/app", 2, "{\"type\":\"Feature\"}");
      live.eventually(
          () -> assertThat(live.fileText("type0002")).contains("\nissue_type: feature\n"));
      live.github.control().editIssueAs("teammate", "typed-org/app", 1, "{\"type\":null}");
      live.eventually(
          () -> assertThat(live.fileText("type0001")).contains("\nissue_type: other\n"));
      live.eventually(() -> assertEquals(2, live.getJson("/api/issues?status=synced").size()));

      // no echo, and the organisation's types were read once for every write
      assertEquals(
          "Feature", live.githubIssue(2).path("type").path("name").asText(), "not written back");
      assertThat(live.githubIssue(1).path("type").isNull()).isTrue();
      // a published issue is created with its type
      try {
        java.nio.file.Files.writeString(
            live.file("type0003"),
            LiveService.issueText("type0003", "null")
                .replace("issue_type: feature", "issue_type: bug"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      long number = live.publish("type0003");
      assertEquals("Bug", live.githubIssue(number).path("type").path("name").asText());
      assertThat(labels(live.githubIssue(number))).doesNotContain("type:bug");

      assertEquals(1, count(live, TYPES_LISTED), "types read once");
      assertEquals(
          2,
          count(live, "PATCH /repos/{o}/{r}/issues/{n} 200"),
          "one write per file edit, none for GitHub's own changes");
    }
  }

  @Test
  void withoutIssueTypesTheTypeLabelStays() {
    try (var live = start(folder, "someone/plain")) {
      live.eventually(() -> assertEquals(2, live.getJson("/api/issues?status=synced").size()));
      live.setFrontMatter("type0001", "issue_type", "bug");
      live.eventually(() -> assertThat(labels(live.githubIssue(1))).contains("type:bug"));
      assertThat(labels(live.githubIssue(1))).doesNotContain("type:feature");
      assertThat(live.githubIssue(1).path("type").isNull()).isTrue();
      live.eventually(() -> assertEquals("synced", live.syncStatus("type0001")));
      assertEquals(0, count(live, TYPES_LISTED), "a user account has no types (404)");
      assertEquals(1, count(live, "GET /orgs/{org}/issue-types 404"), "asked once");
    }
  }

  @Test
  void aTypeTheOrganisationLacksIsAnErrorNamingTheTypesItHas() {
    try (var live = start(folder, "small-org/app", "Task", "Feature")) {
      live.eventually(() -> assertEquals(2, live.getJson("/api/issues?status=synced").size()));
      live.setFrontMatter("type0001", "issue_type", "bug");
      live.eventually(() -> assertEquals("error", live.syncStatus("type0001")));
      JsonNode detail = live.getJson("/api/issues/type0001");
      assertThat(detail.path("lastSyncError").asText())
          .contains("'bug'", "'Bug'", "small-org/app", "Task, Feature");
      assertThat(detail.path("nextRetryAt").isNull()).as("parked until something changes").isTrue();
      assertThat(live.githubIssue(1).path("type").isNull()).isTrue();
      assertEquals("synced", live.syncStatus("type0002"), "the others sync on");

      // fixed in the file (back to what both sides agreed on): synced, nothing left to write
      live.setFrontMatter("type0001", "issue_type", "feature");
      live.eventually(
          () ->
              assertEquals(
                  "synced",
                  live.syncStatus("type0001"),
                  live.getJson("/api/issues/type0001").toString()));
      assertThat(live.getJson("/api/issues/type0001").path("lastSyncError").isNull()).isTrue();
      assertEquals(0, count(live, "PATCH /repos/{o}/{r}/issues/{n} 200"), "nothing was written");
    }
  }
}
