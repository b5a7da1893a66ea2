package org.roadmapsync.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimLimitsAndFaultsTest {
  static final ActorTestKit testKit =
      ActorTestKit.create(
          "SimLimitsAndFaultsTest",
          // the pool would retry an idempotent request on a dropped connection and hide the fault
          ConfigFactory.parseString("pekko.http.host-connection-pool.max-retries = 0")
              .withFallback(ConfigFactory.load()));
  static final String TOKEN = "ghp_limits";
  static final String REPO = "acme/limits";
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(), SimSettings.defaults(TOKEN, REPO).withLimits(SimLimits.unlimited()));
  static final SimHttp http = new SimHttp(testKit.system(), sim.baseUrl(), TOKEN);
  static final String ISSUES = "/repos/" + REPO + "/issues";

  @AfterAll
  static void stop() {
    sim.stop();
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void reset() {
    sim.control().reset();
    sim.control().setLimits(SimLimits.unlimited());
    sim.control().setClockSpeed(1);
  }

  @Test
  void primaryLimitRunsOutAndRecoversAtReset() {
    sim.control().setLimits(SimLimits.unlimited().withPrimary(3, Duration.ofHours(1)));
    for (int i = 3; i > 0; i--) assertEquals(i - 1, http.get(ISSUES).remaining());
    SimHttp.Answer spent = http.get(ISSUES);
    assertEquals(403, spent.status());
    assertEquals("0", spent.header("x-ratelimit-remaining").orElseThrow());
    assertTrue(spent.json().get("message").asText().startsWith("API rate limit exceeded"));
    long reset = Long.parseLong(spent.header("x-ratelimit-reset").orElseThrow());
    assertTrue(
        reset > Instant.now().getEpochSecond() + 3000,
        "reset is in epoch seconds, about an hour away");
    assertEquals(200, http.get("/rate_limit").status(), "rate_limit answers even when spent");
    sim.control().advanceClock(Duration.ofHours(1));
    assertEquals(200, http.get(ISSUES).status());
    assertEquals(1, sim.control().stats().at("/violations/primary").asInt());
  }

  @Test
  void exhaustedCanAnswer429() {
    sim.control()
        .setLimits(
            SimLimits.unlimited().withPrimary(1, Duration.ofHours(1)).withExhaustedStatus(429));
    http.get(ISSUES);
    assertEquals(429, http.get(ISSUES).status());
  }

  @Test
  void compressedClockShortensTheWait() {
    sim.control().setLimits(SimLimits.unlimited().withPrimary(1, Duration.ofHours(1)));
    sim.control().setClockSpeed(3600);
    http.get(ISSUES);
    long reset = Long.parseLong(http.get(ISSUES).header("x-ratelimit-reset").orElseThrow());
    assertTrue(
        reset <= Instant.now().getEpochSecond() + 2, "an hour at 3600x is a second of real time");
  }

  @Test
  void writeSpacingIsASecondaryLimitWithRetryAfter() {
    sim.control().setLimits(SimLimits.unlimited().withMinWriteSpacing(Duration.ofSeconds(30)));
    assertEquals(201, http.post(ISSUES, "{\"title\":\"one\"}").status());
    SimHttp.Answer tooSoon = http.post(ISSUES, "{\"title\":\"two\"}");
    assertEquals(403, tooSoon.status());
    assertTrue(
        tooSoon
            .json()
            .get("message")
            .asText()
            .startsWith("You have exceeded a secondary rate limit"));
    long retryAfter = Long.parseLong(tooSoon.header("retry-after").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= 30, "retry-after " + retryAfter);
    assertEquals(200, http.get(ISSUES).status(), "reads are not writes");
    sim.control().advanceClock(Duration.ofSeconds(30));
    assertEquals(201, http.post(ISSUES, "{\"title\":\"two\"}").status());
    assertEquals(1, sim.control().stats().at("/violations/write_spacing").asInt());
  }

  @Test
  void writesPerMinuteWithoutRetryAfterWhenConfigured() {
    sim.control()
        .setLimits(
            SimLimits.unlimited().withWrites(2, 0).withRetryAfter(false, Duration.ofSeconds(60)));
    http.post(ISSUES, "{\"title\":\"1\"}");
    http.post(ISSUES, "{\"title\":\"2\"}");
    SimHttp.Answer third = http.post(ISSUES, "{\"title\":\"3\"}");
    assertEquals(403, third.status());
    assertTrue(third.header("retry-after").isEmpty());
    sim.control().advanceClock(Duration.ofMinutes(1));
    assertEquals(201, http.post(ISSUES, "{\"title\":\"3\"}").status());
  }

  @Test
  void writesPerHour() {
    sim.control().setLimits(SimLimits.unlimited().withWrites(0, 1));
    http.post(ISSUES, "{\"title\":\"1\"}");
    assertEquals(403, http.post(ISSUES, "{\"title\":\"2\"}").status());
    assertEquals(1, sim.control().stats().at("/violations/writes_per_hour").asInt());
  }

  @Test
  void concurrencyLimitAndHighestConcurrencySeen() {
    sim.control().setLimits(SimLimits.unlimited().withMaxConcurrent(2));
    sim.control().injectFault(FaultRule.latency("GET", ".*/issues", 3, Duration.ofMillis(700)));
    List<CompletableFuture<SimHttp.Answer>> slow = new ArrayList<>();
    for (int i = 0; i < 3; i++)
      slow.add(http.sendAsync(HttpRequest.GET(http.url(ISSUES)), null).toCompletableFuture());
    List<Integer> statuses = slow.stream().map(f -> f.join().status()).sorted().toList();
    assertEquals(List.of(200, 200, 403), statuses);
    assertEquals(2, sim.control().stats().get("max_concurrency").asInt());
    assertEquals(1, sim.control().stats().at("/violations/concurrency").asInt());
  }

  @Test
  void injectedStatusHitsOnlyTheNextKMatchingRequests() {
    sim.control().injectFault(FaultRule.status("GET", "/repos/acme/limits/issues", 2, 502));
    assertEquals(502, http.get(ISSUES).status());
    assertEquals(200, http.get("/repos/" + REPO).status(), "other paths are untouched");
    assertEquals(502, http.get(ISSUES).status());
    assertEquals(200, http.get(ISSUES).status());
    assertEquals(2, sim.control().stats().get("faults_injected").asInt());
  }

  @Test
  void droppedConnectionAndPlayingDeadFailTheRequest() {
    sim.control().injectFault(FaultRule.drop("*", ".*", 1));
    assertThrows(IllegalStateException.class, () -> http.get(ISSUES));
    assertEquals(200, http.get(ISSUES).status());
    sim.control().playDead(true);
    assertThrows(IllegalStateException.class, () -> http.get("/user"));
    sim.control().playDead(false);
    assertEquals(200, http.get("/user").status());
  }

  @Test
  void revokedTokenIsBadCredentials() {
    sim.control().revokeToken(true);
    assertEquals(401, http.get("/user").status());
    sim.control().revokeToken(false);
    assertEquals(200, http.get("/user").status());
  }

  @Test
  void controlApiOverHttpChangesLimitsAndFaults() {
    SimHttp control = new SimHttp(testKit.system(), sim.baseUrl(), null);
    SimHttp.Answer limits = control.put("/_sim/limits", "{\"primary_limit\":1}");
    assertEquals(200, limits.status());
    assertEquals(1, limits.json().get("primary_limit").asInt());
    http.get(ISSUES);
    assertEquals(403, http.get(ISSUES).status());
    assertEquals(
        200,
        control
            .post("/_sim/faults", "{\"method\":\"GET\",\"path\":\"/user\",\"status\":500}")
            .status());
    assertEquals(400, control.put("/_sim/limits", "{\"exhausted_status\":200}").status());
    assertEquals(400, control.post("/_sim/seed", "{not json").status());
    SimHttp.Answer stats = control.get("/_sim/stats");
    assertTrue(stats.json().get("requests").has("GET /repos/{o}/{r}/issues 403"), stats.text());
    assertFalse(stats.text().contains(TOKEN), "the token never appears in control output");
  }

  @Test
  void controlSeedEditAsAnotherUserOverHttp() {
    SimHttp control = new SimHttp(testKit.system(), sim.baseUrl(), null);
    SimHttp.Answer seeded =
        control.post(
            "/_sim/seed",
            "{\"repo\":\""
                + REPO
                + "\",\"labels\":[{\"name\":\"bug\",\"color\":\"ff0000\"}],"
                + "\"milestones\":[{\"title\":\"v1\"}],\"issues\":[{\"title\":\"seeded\",\"labels\":[\"bug\"],\"milestone\":\"v1\","
                + "\"updated_at\":\"2026-01-02T03:04:05Z\",\"created_at\":\"2026-01-01T00:00:00Z\"}]}");
    assertEquals(200, seeded.status(), seeded.text());
    assertEquals(1, seeded.json().get("issues").asInt());
    assertEquals("2026-01-02T03:04:05Z", http.get(ISSUES + "/1").json().get("updated_at").asText());
    SimHttp.Answer edited =
        control.patch(
            "/_sim/repos/" + REPO + "/issues/1", "{\"actor\":\"carol\",\"title\":\"by carol\"}");
    assertEquals("by carol", edited.json().get("title").asText());
    assertEquals(
        422,
        control.patch("/_sim/repos/" + REPO + "/issues/1", "{\"title\":\"no actor\"}").status());
    assertEquals(200, control.delete("/_sim/repos/" + REPO + "/issues/1?actor=carol").status());
    assertEquals(410, http.get(ISSUES + "/1").status());
  }

  @Test
  void faultBodiesAClientMustSurvive() throws Exception {
    sim.control()
        .injectFault(FaultRule.body("GET", ".*/issues", 1, 502, FaultRule.FaultBody.HTML_PAGE));
    SimHttp.Answer html = http.get(ISSUES);
    assertEquals(502, html.status());
    assertTrue(html.header("content-type").orElseThrow().startsWith("text/html"));
    assertTrue(html.text().contains("Bad Gateway"));

    sim.control()
        .injectFault(
            FaultRule.body("GET", ".*/issues", 1, 200, FaultRule.FaultBody.MALFORMED_JSON));
    SimHttp.Answer malformed = http.get(ISSUES);
    assertEquals(200, malformed.status());
    assertThrows(
        com.fasterxml.jackson.core.JsonProcessingException.class,
        () -> SimHttp.JSON.readTree(malformed.text()));

    sim.control()
        .injectFault(FaultRule.body("GET", ".*/issues", 1, 200, FaultRule.FaultBody.TRUNCATED));
    assertThrows(IllegalStateException.class, () -> http.get(ISSUES), "the body ends early");

    sim.control()
        .injectFault(
            new FaultRule(
                "GET",
                ".*/issues",
                1,
                java.util.Optional.empty(),
                Duration.ZERO,
                false,
                FaultRule.FaultBody.BROKEN_LINK));
    sim.control().seedIssues(REPO, 40);
    SimHttp.Answer broken = http.get(ISSUES);
    assertEquals(200, broken.status());
    assertEquals(30, broken.json().size(), "the real answer, only the Link header is broken");
    assertTrue(broken.header("Link").orElseThrow().contains("not a url"));

    sim.control().injectFault(FaultRule.body("GET", ".*/issues", 1, 200, FaultRule.FaultBody.HUGE));
    var response =
        org.apache.pekko.http.javadsl.Http.get(testKit.system())
            .singleRequest(
                org.apache.pekko.http.javadsl.model.HttpRequest.GET(http.url(ISSUES))
                    .addHeader(
                        org.apache.pekko.http.javadsl.model.headers.RawHeader.create(
                            "Authorization", "token " + TOKEN)))
            .toCompletableFuture()
            .get(10, java.util.concurrent.TimeUnit.SECONDS);
    long bytes =
        response
            .entity()
            .withoutSizeLimit()
            .getDataBytes()
            .runFold(0L, (n, chunk) -> n + chunk.size(), testKit.system())
            .toCompletableFuture()
            .get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(bytes > 25L * 1024 * 1024, bytes + " bytes");
  }

  @Test
  void missingRepoScopeRefusesWritesAndSaysSo() {
    sim.control().setTokenScopes("read:user");
    SimHttp.Answer refused = http.post(ISSUES, "{\"title\":\"x\"}");
    assertEquals(403, refused.status());
    assertEquals("read:user", refused.header("x-oauth-scopes").orElseThrow());
    assertEquals("repo", refused.header("x-accepted-oauth-scopes").orElseThrow());
    assertEquals(200, http.get(ISSUES).status(), "a public repository can still be read");
    sim.control().reset();
    assertEquals(201, http.post(ISSUES, "{\"title\":\"x\"}").status());
  }
}
