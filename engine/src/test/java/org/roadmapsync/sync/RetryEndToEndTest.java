package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.roadmapsync.sim.FaultRule;
import org.roadmapsync.sim.SimSettings;

/**
 * Level-triggered: an issue whose writes GitHub refuses for a while (502s) reaches GitHub on its
 * own once GitHub takes them again, with no further edit, webhook or sync request; an issue whose
 * write cannot succeed by waiting (404) is parked with its reason and costs no further request.
 */
class RetryEndToEndTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("retry-e2e", ConfigFactory.load());
  private static final String PASSING = "rtry0001";
  private static final String PARKED = "rtry0002";

  @TempDir static Path folder;
  static LiveService live;

  @BeforeAll
  static void start() {
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults("retry-token", "octo/retry"),
            // each failure reaches the entity at once (no retries inside the operation queue), and
            // the entity's backoff is short: 300 ms doubling to 1 s
            ConfigFactory.parseString(
                "roadmap-sync.github.retry.attempts = 1\n"
                    + "roadmap-sync.github.requeue { base = 300ms, max = 1s }"),
            Map.of(),
            PASSING,
            PARKED);
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  @Test
  void threeBurstsOf502EndSyncedOnTheirOwnAndA404StaysParked() {
    long passing = live.publish(PASSING);
    long parked = live.publish(PARKED);
    long faultsBefore = faultsInjected();
    live.github
        .control()
        .injectFault(FaultRule.status("PATCH", ".*/issues/" + passing + "$", 3, 502));
    live.github
        .control()
        .injectFault(FaultRule.status("PATCH", ".*/issues/" + parked + "$", 1000, 404));

    live.setFrontMatter(PASSING, "title", "Passes after three 502s");
    live.setFrontMatter(PARKED, "title", "Never reaches GitHub");

    JsonNode failing =
        live.eventually(
            () -> {
              JsonNode detail = live.getJson("/api/issues/" + PASSING);
              assertEquals("error", detail.path("syncStatus").asText(), detail.toString());
              return detail;
            });
    assertThat(failing.path("lastSyncError").asText()).contains("502");
    assertThat(failing.path("attempts").asInt()).isBetween(1, 3);
    // at most the 1 s cap away
    assertThat(Instant.parse(failing.path("nextRetryAt").asText()))
        .isBefore(Instant.now().plusSeconds(2));

    // no edit, no webhook, no sync request from here on
    live.eventually(
        () ->
            assertEquals(
                "Passes after three 502s", live.githubIssue(passing).path("title").asText()));
    JsonNode synced =
        live.eventually(
            () -> {
              JsonNode detail = live.getJson("/api/issues/" + PASSING);
              assertEquals("synced", detail.path("syncStatus").asText(), detail.toString());
              return detail;
            });
    assertEquals(0, synced.path("attempts").asInt());
    assertTrue(synced.path("nextRetryAt").isNull());

    JsonNode stuck = live.getJson("/api/issues/" + PARKED);
    assertEquals("error", stuck.path("syncStatus").asText(), stuck.toString());
    assertThat(stuck.path("lastSyncError").asText()).contains("404");
    assertEquals(1, stuck.path("attempts").asInt());
    assertTrue(stuck.path("nextRetryAt").isNull(), stuck.toString());
    // the three 502s, and the one 404: the parked issue was not tried again meanwhile (its backoff
    // would have brought it back several times while the other one needed three tries)
    assertEquals(faultsBefore + 4, faultsInjected());
    assertEquals("Issue " + PARKED, live.githubIssue(parked).path("title").asText());
  }

  private static long faultsInjected() {
    return live.github.control().stats().path("faults_injected").asLong();
  }
}
