package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * The service as a GitHub App against the simulator over real HTTP: installation tokens renewed
 * across their expiry under a steady stream of syncs with no failed request, the installation's own
 * rate limit budgeted, and a revoked installation shown in {@code /health} while local work goes
 * on.
 */
class GitHubAppEndToEndTest {

  private static final String REPO = "octo/app-roadmap";
  private static final long APP_ID = 424242;
  private static final KeyPair KEY = rsa();

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "github-app",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The App's settings, the key as PEM text; no personal token. */
  private static Map<String, String> appEnv(String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_TOKEN", "");
    env.put("ROADMAP_GITHUB_APP_ID", String.valueOf(APP_ID));
    env.put(
        "ROADMAP_GITHUB_APP_PRIVATE_KEY",
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(KEY.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  private static SimSettings.App app() {
    return SimSettings.App.of(APP_ID, (RSAPublicKey) KEY.getPublic());
  }

  @Test
  void installationTokensAreRenewedAcrossTheirExpiryWithoutAFailedRequest() throws Exception {
    String[] ids = {"appl0001", "appl0002", "appl0003"};
    // an hour of simulated time in three real seconds: a token lives three seconds; an
    // installation's larger limit (GitHub gives 5,000 to 12,500 an hour)
    SimSettings sim =
        SimSettings.defaults("ghp_not_used", REPO)
            .withApp(app())
            .withClockSpeed(1200)
            .withLimits(SimLimits.github().withPrimary(12_500, Duration.ofHours(1)));
    try (var live =
        new LiveService(
            testKit,
            folder,
            sim,
            ConfigFactory.parseString("roadmap-sync.github.pacing.time-scale = 20"),
            appEnv("ROADMAP_GITHUB_HEALTH_CHECK_MINUTES", "0.02"),
            l -> l.seedLinked(ids),
            ids)) {
      for (String id : ids) {
        live.eventually(() -> assertEquals("synced", live.syncStatus(id)));
      }
      RoadmapStore store = RoadmapStore.open(folder.resolve(".roadmap"));
      Map<String, String> lastTitle = new HashMap<>();
      Iterator<String> next =
          java.util.stream.Stream.generate(() -> ids).flatMap(java.util.Arrays::stream).iterator();
      Instant start = Instant.now();
      Instant end = start.plusSeconds(12); // four token lifetimes
      int edits = 0;
      while (Instant.now().isBefore(end)) {
        String id = next.next();
        String title = "Edit " + (++edits) + " of " + id;
        store.apply(id, IssueEdit.builder().title(title).build());
        lastTitle.put(id, title);
        // a steady stream, paced by the service's own progress rather than a fixed sleep
        live.eventually(
            () -> assertEquals(title, live.githubIssue(number(ids, id)).path("title").asText()));
      }
      for (String id : ids) {
        live.eventually(() -> assertEquals("synced", live.syncStatus(id)));
        assertEquals(lastTitle.get(id), live.githubIssue(number(ids, id)).path("title").asText());
      }

      JsonNode app = live.github.control().app();
      assertThat(app.get("exchanges").asInt()).as(app.toString()).isGreaterThanOrEqualTo(4);
      assertEquals(0, app.get("expired_token_requests").asInt(), "every request had a valid token");
      assertEquals(0, app.get("refused_jwts").asInt());
      JsonNode requests = live.github.control().stats().get("requests");
      requests
          .fieldNames()
          .forEachRemaining(
              route ->
                  assertThat(route)
                      .as("no request failed: " + requests)
                      .doesNotEndWith(" 401")
                      .doesNotEndWith(" 403")
                      .doesNotMatch(".* 5\\d\\d"));
      assertThat(live.getJson("/api/issues?status=error")).isEmpty();
      assertThat(edits).isGreaterThan(8);
      // the figures of the run, for the record (docs/BENCHMARKS.md style)
      System.out.printf(
          "GitHub App under load: %d edits synced in 12 s, %s%n", edits, app.toString());

      JsonNode health = live.getJson("/health");
      JsonNode github = health.at("/infrastructure/github");
      assertEquals("app", github.get("auth").asText(), github.toString());
      assertEquals(APP_ID, github.at("/app/appId").asLong());
      assertEquals(
          SimSettings.App.DEFAULT_INSTALLATION_ID, github.at("/app/installationId").asLong());
      // health shows a token renewed well after the first ones (they lived three seconds)
      assertThat(Instant.parse(github.at("/app/tokenExpiresAt").asText()))
          .isAfter(start.plusSeconds(6));
      live.eventually(
          () ->
              assertEquals(
                  12_500,
                  live.getJson("/health").at("/infrastructure/github/rateLimit/limit").asInt()));
      // the governor budgets by the installation's limit: more left than a token's 5,000 could hold
      assertThat(health.at("/components/governor/quotaRemaining/core").asInt())
          .isGreaterThan(5_000);
    }
  }

  private static int number(String[] ids, String id) {
    return java.util.Arrays.asList(ids).indexOf(id) + 1;
  }

  @Test
  void aRevokedInstallationIsGitHubDownWhileLocalWorkGoesOn() {
    String id = "revk0001";
    try (var live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults("ghp_not_used", REPO).withApp(app()),
            ConfigFactory.empty(),
            appEnv("ROADMAP_GITHUB_HEALTH_CHECK_MINUTES", "0.02"),
            l -> l.seedLinked(id),
            id)) {
      live.eventually(() -> assertEquals("synced", live.syncStatus(id)));
      live.eventually(
          () ->
              assertEquals(
                  "UP", live.getJson("/health").at("/infrastructure/github/status").asText()));

      live.github.control().setInstallation("deleted");
      live.eventually(
          () -> {
            LiveService.Answer answer = live.get("/health");
            assertEquals(200, answer.status(), "GitHub never takes the service down");
            JsonNode github = answer.json().at("/infrastructure/github");
            assertEquals("DOWN", github.get("status").asText(), github.toString());
            assertEquals(false, github.get("authenticated").asBoolean());
            assertThat(github.get("lastError").asText())
                .isEqualTo(
                    "the GitHub App installation 4242 gives no token (404 Not Found):"
                        + " uninstalled, suspended, or the App's ID or key is wrong");
            assertEquals("app", github.get("auth").asText());
          });

      RoadmapStore.open(folder.resolve(".roadmap"))
          .apply(id, IssueEdit.builder().title("Edited while the App was gone").build());
      // the read table (what GET /api/issues lists) has the edit, in error with GitHub's reason
      live.eventually(
          () -> {
            JsonNode rows = live.getJson("/api/issues?status=error");
            assertEquals(1, rows.size(), rows.toString());
            JsonNode row = rows.get(0);
            assertEquals(id, row.path("id").asText());
            assertEquals(
                "Edited while the App was gone", row.path("title").asText(), row.toString());
            assertThat(row.path("lastSyncError").asText())
                .contains("gives no token (404 Not Found)");
          });
      assertThat(live.fileText(id)).contains("title: Edited while the App was gone");
      assertEquals("Issue " + id, live.githubIssue(1).path("title").asText());

      // reinstalled: the next health check sees it, and the issues in error sync by themselves
      live.github.control().setInstallation("active");
      live.eventually(
          () ->
              assertEquals(
                  "Edited while the App was gone", live.githubIssue(1).path("title").asText()));
      live.eventually(() -> assertEquals("synced", live.syncStatus(id)));
    }
  }
}
