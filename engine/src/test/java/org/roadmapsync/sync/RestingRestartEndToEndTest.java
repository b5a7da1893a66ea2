package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.sim.FaultRule;
import org.roadmapsync.sim.SimSettings;

/**
 * A restart wakes only the issues that have something to do (issue 18): the synced ones whose file
 * is as their entity last saw it stay asleep (their entities are not even recovered), the ones
 * edited while the service was down, and the one waiting for a retry, are woken and sync with no
 * further trigger; a sleeping issue wakes when news about it arrives. The first listing after the
 * restart brings every issue again (all changed within 5 s of the watermark): the resting ones,
 * which GitHub did not change, are not handed over either.
 */
class RestingRestartEndToEndTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("resting-restart", ConfigFactory.load());
  private static final String[] RESTING = {"rest0001", "rest0002", "rest0003"};
  private static final String FILE_EDITED = "rest0004";
  private static final String GITHUB_EDITED = "rest0005";
  private static final String RETRYING = "rest0006";

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aRestartWakesOnlyTheIssuesThatHaveWorkAndTheRestWakeOnNews() {
    String[] all = {RESTING[0], RESTING[1], RESTING[2], FILE_EDITED, GITHUB_EDITED, RETRYING};
    try (var live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults("resting-token", "octo/resting"),
            // a failure reaches the entity at once, and its retry is due 3 s later
            ConfigFactory.parseString(
                "roadmap-sync.github.retry.attempts = 1\n"
                    + "roadmap-sync.github.requeue { base = 3s, max = 3s }"),
            Map.of("ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES", "0.005"),
            l -> l.seedLinked(all),
            all)) {
      live.eventually(() -> assertEquals(6, live.getJson("/api/issues?status=synced").size()));
      for (String id : all) {
        assertThat(journaled(live, id))
            .as("a first sync that changes nothing costs no event: adopted asleep")
            .isEmpty();
      }
      assertThat(liveEntities(live)).as("no entity started for the first sync").isEmpty();
      live.github.control().injectFault(FaultRule.status("PATCH", ".*/issues/6$", 1000, 503));
      live.setFrontMatter(RETRYING, "title", "Reaches GitHub after the restart");
      live.eventually(
          () -> {
            JsonNode detail = live.getJson("/api/issues/" + RETRYING);
            assertEquals("error", detail.path("syncStatus").asText(), detail.toString());
            assertThat(detail.path("nextRetryAt").isNull()).isFalse();
          });
      Map<String, String> restingFiles = new java.util.HashMap<>();
      for (String id : RESTING) {
        restingFiles.put(id, live.fileText(id));
      }

      live.restart(
          () -> {
            live.github.control().clearFaults();
            live.setFrontMatter(FILE_EDITED, "title", "Edited while the service was down");
            live.github
                .control()
                .editIssueAs("octocat", live.repo, 5, "{\"title\":\"Edited on GitHub meanwhile\"}");
          });

      // every change made while it was down, and the retry, arrive without another trigger
      live.eventually(
          () -> {
            assertEquals(
                "Edited while the service was down", live.githubIssue(4).path("title").asText());
            assertThat(live.fileText(GITHUB_EDITED)).contains("title: Edited on GitHub meanwhile");
            assertEquals(
                "Reaches GitHub after the restart", live.githubIssue(6).path("title").asText());
            assertEquals(6, live.getJson("/api/issues?status=synced").size());
          });
      assertThat(liveEntities(live))
          .as("the resting issues were not woken")
          .contains(FILE_EDITED, GITHUB_EDITED, RETRYING)
          .doesNotContain(RESTING);
      for (String id : RESTING) {
        assertEquals(restingFiles.get(id), live.fileText(id), "no resting file was written");
      }

      // news wakes a resting issue: a GitHub edit reaches its file through the poll
      live.github
          .control()
          .editIssueAs("octocat", live.repo, 1, "{\"title\":\"Woken by the poll\"}");
      live.eventually(
          () -> assertThat(live.fileText(RESTING[0])).contains("title: Woken by the poll"));
      assertThat(liveEntities(live)).contains(RESTING[0]).doesNotContain(RESTING[1], RESTING[2]);
      for (String woken : List.of(RESTING[0], RETRYING, FILE_EDITED, GITHUB_EDITED)) {
        assertThat(journaled(live, woken))
            .as(
                "a woken entity recovered what it adopted asleep from its snapshot, the base of"
                    + " its merges, and journals only its own rounds")
            .isNotEmpty()
            .doesNotContain(IssueSyncEntity.Adopted.class.getSimpleName());
      }
      assertThat(journaled(live, RESTING[1])).isEmpty();
    }
  }

  /** The names of the events journaled for issue {@code id}, oldest first. */
  private static List<String> journaled(LiveService live, String id) {
    var system = live.service().system();
    return PersistenceQuery.get(system)
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier())
        .currentEventsByPersistenceId(
            IssueSyncEntity.ENTITY_KEY.name() + "|" + id, 0, Long.MAX_VALUE)
        .map(envelope -> envelope.event().getClass().getSimpleName())
        .runWith(Sink.seq(), system)
        .toCompletableFuture()
        .join();
  }

  /** The issue entities alive in the service's sharding now. */
  private static Set<String> liveEntities(LiveService live) {
    var system = live.service().system();
    ShardRegion.CurrentShardRegionState state =
        AskPattern
            .<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery,
                ShardRegion.CurrentShardRegionState>
                ask(
                    ClusterSharding.get(system).shardState(),
                    reply -> new GetShardRegionState(IssueSyncEntity.ENTITY_KEY, reply),
                    Duration.ofSeconds(10),
                    system.scheduler())
            .toCompletableFuture()
            .join();
    Set<String> ids = new HashSet<>();
    state.getShards().forEach(shard -> ids.addAll(shard.getEntityIds()));
    return ids;
  }
}
