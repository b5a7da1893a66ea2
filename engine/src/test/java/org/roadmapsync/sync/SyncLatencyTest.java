package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.ConflictStrategy;

/**
 * The entity reports one latency per round that ends in step (push, pull or first sync), none for
 * idle rounds.
 */
class SyncLatencyTest {

  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String REPO = "octo/latency";

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private final TickingClock clock = new TickingClock();
  private final InMemoryGitHub github = new InMemoryGitHub(clock);
  private final List<Duration> latencies = new CopyOnWriteArrayList<>();

  private static IssueFields fields(String title) {
    return new IssueFields(title, "Body.", List.of("sync"), null, null, "todo", "high", "feature");
  }

  private void awaitLatencies(int count) {
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertEquals(count, latencies.size(), "latencies " + latencies);
              return null;
            });
  }

  @Test
  void everyRoundThatSyncsReportsHowLongItTookAndIdleRoundsReportNothing() {
    var roadmap = new InMemoryRoadmap(clock, fields("A"));
    var context =
        new SyncContext(
            github,
            roadmap,
            ConflictStrategy.LAST_WRITE_WINS,
            Optional.of(REPO),
            clock,
            latencies::add);
    var entity =
        EventSourcedBehaviorTestKit
            .<IssueSyncEntity.Command, IssueSyncEntity.Event, IssueSyncState>create(
                testKit.system(), IssueSyncEntity.create(UUID.randomUUID().toString(), context));
    github.put(new IssueLink(REPO, 1), fields("A"));

    // first round: both sides agree, the base is set
    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveLocal(roadmap.edit(fields("A"), 1L), Trigger.WATCH, r));
    awaitLatencies(1);

    // a local edit is pushed
    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveLocal(roadmap.edit(fields("B"), 1L), Trigger.WATCH, r));
    awaitLatencies(2);

    // a GitHub edit is pulled
    RemoteSnapshot remote = github.put(new IssueLink(REPO, 1), fields("C"));
    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveRemote(remote, Trigger.WEBHOOK, r));
    awaitLatencies(3);
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertEquals(SyncStatus.SYNCED, entity.getState().status());
              return null;
            });

    // nothing changed, then a failed fetch: neither round reports a latency; the next edit does
    int fetches = github.fetches.get();
    entity.<StatusReply<Done>>runCommand(r -> new IssueSyncEntity.SyncNow(Trigger.MANUAL, r));
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertThat(github.fetches.get()).isGreaterThan(fetches);
              return null;
            });
    github.failNext = new org.roadmapsync.github.GitHubError.ServerError(502, "Bad Gateway");
    entity.<StatusReply<Done>>runCommand(r -> new IssueSyncEntity.SyncNow(Trigger.MANUAL, r));
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertEquals(SyncStatus.ERROR, entity.getState().status());
              return null;
            });
    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveLocal(roadmap.edit(fields("D"), 1L), Trigger.WATCH, r));
    awaitLatencies(4);
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertEquals(SyncStatus.SYNCED, entity.getState().status());
              assertEquals("D", github.issues.get(new IssueLink(REPO, 1)).fields().title());
              return null;
            });
    assertEquals(4, latencies.size(), "one latency per round that synced");
    // the ticking clock moves a second per reading, so every measured round took time
    assertThat(latencies).allSatisfy(latency -> assertThat(latency).isPositive());
  }

  @Test
  void contextWithoutMetricsMeasuresNothing() {
    var context =
        new SyncContext(
            github,
            new InMemoryRoadmap(clock, fields("A")),
            ConflictStrategy.LAST_WRITE_WINS,
            Optional.empty(),
            clock);
    assertEquals(SyncMetrics.NONE, context.metrics());
    SyncMetrics.NONE.roundSynced(Duration.ofSeconds(1)); // does nothing, throws nothing
  }
}
