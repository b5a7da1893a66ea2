package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle means free (issue 14): a service with nothing to do spends no GitHub quota, neither while it
 * runs (health checks are the free {@code GET /rate_limit}, polls are 304s) nor when it restarts
 * (the poller journals its listing's ETag with the watermark, so the first poll after the start is
 * a 304 too, and synced issues are not read again).
 *
 * <p>The setting is a health check and a poll every 0.05 min for 10 minutes: 200 of each.
 * Here both run every 0.002 min (0.12 s), so 20+ of each pass in a few seconds; a check or a poll
 * costs the same whatever the interval.
 */
class IdleServiceEndToEndTest {

  private static final String TOKEN = "idle-token";
  private static final String REPO = "octo/idle";
  private static final String[] IDS = {"idle0001", "idle0002", "idle0003"};
  private static final String HEALTH = "GET /rate_limit 200";
  private static final String IDLE_POLL = "GET /repos/{o}/{r}/issues 304";
  private static final String IDLE_COMMENTS = "GET /repos/{o}/{r}/issues/comments 304";
  private static final String FULL_POLL = "GET /repos/{o}/{r}/issues 200";
  private static final int CHECKS = 20;

  private static final ActorTestKit testKit = ActorTestKit.create("idle", ConfigFactory.load());

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void anIdleServiceAndAnIdleRestartSpendNoQuota() {
    try (var live =
        new LiveService(
            testKit,
            folder,
            TOKEN,
            REPO,
            Map.of(
                "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES", "0.002",
                "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES", "0.002"),
            l -> l.seedLinked(IDS),
            IDS)) {
      live.eventually(
          () -> assertEquals(IDS.length, live.getJson("/api/issues?status=synced").size()));
      // settled: a poll answered 304 after every issue was synced
      long idlePolls = count(live, IDLE_POLL);
      live.eventually(() -> assertThat(count(live, IDLE_POLL)).isGreaterThan(idlePolls));

      // idle: 20+ health checks and 20+ polls, and not one counted request
      JsonNode before = live.github.control().stats();
      long idleFrom = System.nanoTime();
      JsonNode idle = awaitChecksAndPolls(live, before);
      report("idle", before, idle, idleFrom);
      assertEquals(
          before.path("quota_spent").asLong(),
          idle.path("quota_spent").asLong(),
          "an idle service spends no quota: " + idle.path("requests"));
      assertThat(newRequests(before, idle))
          .as("only free health checks and 304 polls")
          .containsOnlyKeys(HEALTH, IDLE_POLL, IDLE_COMMENTS);

      // an idle restart: no counted request (the contract allows one per repository), no file
      // written, every issue still synced
      Map<Path, String> files = roadmapFiles(live);
      before = live.github.control().stats();
      long restartFrom = System.nanoTime();
      live.restart();
      JsonNode restarted = awaitChecksAndPolls(live, before);
      report("idle restart", before, restarted, restartFrom);
      assertEquals(
          before.path("quota_spent").asLong(),
          restarted.path("quota_spent").asLong(),
          "an idle restart spends no quota: " + restarted.path("requests"));
      assertThat(restarted.path("requests").path(FULL_POLL).asLong())
          .as("the first poll after the start sent the journaled ETag")
          .isEqualTo(before.path("requests").path(FULL_POLL).asLong());
      assertThat(newRequests(before, restarted)).containsOnlyKeys(HEALTH, IDLE_POLL, IDLE_COMMENTS);
      assertEquals(IDS.length, live.getJson("/api/issues?status=synced").size());
      assertEquals(IDS.length, live.getJson("/api/issues").size());
      assertEquals(files, roadmapFiles(live), "no roadmap file was written");
    }
  }

  /** The figures of docs/BENCHMARKS.md's "Idle means free". */
  private static void report(String phase, JsonNode before, JsonNode after, long fromNanos) {
    System.out.printf(
        "%s: %.1f s, new requests %s, counted %d%n",
        phase,
        (System.nanoTime() - fromNanos) / 1e9,
        newRequests(before, after),
        after.path("quota_spent").asLong() - before.path("quota_spent").asLong());
  }

  private static long count(LiveService live, String route) {
    return live.github.control().stats().path("requests").path(route).asLong();
  }

  /** Waits until 20 more health checks and 20 more polls were answered; the stats then. */
  private static JsonNode awaitChecksAndPolls(LiveService live, JsonNode before) {
    long checks = before.path("requests").path(HEALTH).asLong();
    long polls =
        before.path("requests").path(IDLE_POLL).asLong()
            + before.path("requests").path(FULL_POLL).asLong();
    return live.eventually(
        () -> {
          JsonNode now = live.github.control().stats();
          assertThat(now.path("requests").path(HEALTH).asLong())
              .isGreaterThanOrEqualTo(checks + CHECKS);
          assertThat(
                  now.path("requests").path(IDLE_POLL).asLong()
                      + now.path("requests").path(FULL_POLL).asLong())
              .isGreaterThanOrEqualTo(polls + CHECKS);
          return now;
        });
  }

  /** Route and status → how many more requests {@code after} counts than {@code before}. */
  private static Map<String, Long> newRequests(JsonNode before, JsonNode after) {
    Map<String, Long> grown = new TreeMap<>();
    after
        .path("requests")
        .fields()
        .forEachRemaining(
            e -> {
              long more = e.getValue().asLong() - before.path("requests").path(e.getKey()).asLong();
              if (more > 0) {
                grown.put(e.getKey(), more);
              }
            });
    return grown;
  }

  /** Every file under {@code .roadmap}: its content and modification time. */
  private static Map<Path, String> roadmapFiles(LiveService live) {
    Path roadmap = live.folder.resolve(".roadmap");
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(roadmap)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        FileTime modified = Files.getLastModifiedTime(file);
        files.put(roadmap.relativize(file), modified + "\n" + Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
