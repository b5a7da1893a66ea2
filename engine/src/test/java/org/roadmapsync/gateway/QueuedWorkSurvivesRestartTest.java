package org.roadmapsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.config.ConflictStrategy;
import org.roadmapsync.config.DatabaseSettings;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.persistence.PersistenceConfig;
import org.roadmapsync.persistence.SchemaBootstrap;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.FaultRule;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.IssueSyncState;
import org.roadmapsync.sync.MappingSettings;
import org.roadmapsync.sync.StoreRoadmapPort;
import org.roadmapsync.sync.SyncContext;
import org.roadmapsync.sync.SyncStatus;
import org.roadmapsync.sync.Trigger;

/**
 * The operation queue keeps nothing on disk, and loses nothing: a push still being retried when the
 * service stops is pushed by the next life, because the issue entity journals the local edit before
 * it asks the queue and resumes pending work on recovery.
 */
class QueuedWorkSurvivesRestartTest {

  private static final String TOKEN = "restart-token";
  private static final String REPO = "octo/restart";
  private static final String ID = "feed0001";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ActorTestKit githubKit =
      ActorTestKit.create(
          "restart-github",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir static Path folder;
  static GitHubSimulator github;

  @BeforeAll
  static void start() throws Exception {
    github = GitHubSimulator.start(githubKit.system(), SimSettings.defaults(TOKEN, REPO));
    Files.createDirectories(folder.resolve(".roadmap/issues/backlog"));
    Files.writeString(
        file(),
        "---\nid: " + ID + "\ntitle: Before the restart\nstatus: todo\nlabels: []\n---\n\nBody.\n");
  }

  @AfterAll
  static void stop() {
    github.stop();
    githubKit.shutdownTestKit();
  }

  private static Path file() {
    return folder.resolve(".roadmap/issues/backlog/" + ID + "-restart.md");
  }

  private static DatabaseSettings database() {
    return DatabaseSettings.embeddedH2(folder.resolve("data"));
  }

  private static ActorTestKit life(String name) {
    Config config =
        PersistenceConfig.forDatabase(database())
            .withFallback(ConfigFactory.parseString("pekko.loglevel = WARNING"))
            .withFallback(ConfigFactory.load());
    ActorTestKit kit = ActorTestKit.create(name, config);
    try (Database db = Database.open(database())) {
      SchemaBootstrap.createIfNotExists(kit.system(), db).toCompletableFuture().join();
    }
    return kit;
  }

  private static StoreRoadmapPort roadmap(ActorTestKit kit, FieldMapping mapping) {
    return new StoreRoadmapPort(
        RoadmapStore.open(folder.resolve(".roadmap")),
        mapping,
        kit.system().dispatchers().lookup(DispatcherSelector.blocking()));
  }

  private static ActorRef<IssueSyncEntity.Command> entity(
      ActorTestKit kit, FieldMapping mapping, StoreRoadmapPort roadmap) {
    GitHubGateway gateway =
        GitHubGateway.start(
            kit::spawn,
            kit.system(),
            GitHubClientSettings.of(github.baseUrl(), TOKEN),
            mapping,
            PacingLimits.github().scaled(50),
            new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 1000),
            Clock.systemUTC());
    var context =
        new SyncContext(
            gateway.port(),
            roadmap,
            ConflictStrategy.LAST_WRITE_WINS,
            Optional.of(REPO),
            Clock.systemUTC());
    return kit.spawn(IssueSyncEntity.create(ID, context), "issue-" + ID);
  }

  private static IssueSyncState awaitState(
      ActorTestKit kit, ActorRef<IssueSyncEntity.Command> entity, SyncStatus status) {
    TestProbe<IssueSyncState> probe = kit.createTestProbe();
    return probe.awaitAssert(
        WAIT,
        () -> {
          entity.tell(new IssueSyncEntity.Get(probe.ref()));
          IssueSyncState s = probe.receiveMessage(WAIT);
          assertEquals(status, s.status());
          assertEquals(null, s.lastSyncError());
          return s;
        });
  }

  private static long patches(int status) {
    return github
        .control()
        .stats()
        .path("requests")
        .path("PATCH /repos/{o}/{r}/issues/{n} " + status)
        .asLong(0);
  }

  @Test
  void aPushStillRetryingWhenTheServiceStopsIsDoneByTheNextLife() throws Exception {
    var mapping = new FieldMapping(MappingSettings.defaults());
    ActorTestKit first = life("first-life");
    StoreRoadmapPort firstRoadmap = roadmap(first, mapping);
    var entity = entity(first, mapping, firstRoadmap);
    TestProbe<StatusReply<Done>> ack = first.createTestProbe();
    entity.tell(
        new IssueSyncEntity.ObserveLocal(
            firstRoadmap.read(ID).toCompletableFuture().join(), Trigger.WATCH, ack.ref()));
    ack.receiveMessage(WAIT);
    TestProbe<StatusReply<IssueLink>> published = first.createTestProbe();
    entity.tell(new IssueSyncEntity.Publish(published.ref()));
    assertEquals(new IssueLink(REPO, 1), published.receiveMessage(WAIT).getValue());
    awaitState(first, entity, SyncStatus.SYNCED);

    // GitHub starts failing every edit; the local edit is journalled and its push retried, again
    // and again.
    github.control().injectFault(FaultRule.status("PATCH", ".*/issues/\\d+", 100_000, 503));
    Files.writeString(
        file(),
        Files.readString(file()).replace("title: Before the restart", "title: After the restart"));
    entity.tell(
        new IssueSyncEntity.ObserveLocal(
            firstRoadmap.read(ID).toCompletableFuture().join(), Trigger.WATCH, ack.ref()));
    ack.receiveMessage(WAIT);
    ack.awaitAssert(
        WAIT,
        () -> {
          assertThat(patches(503)).isGreaterThanOrEqualTo(2);
          return null;
        });
    first.shutdownTestKit();
    github.control().clearFaults();
    assertEquals("Before the restart", github.control().issue(REPO, 1).path("title").asText());

    ActorTestKit second = life("second-life");
    try {
      // Nobody tells the new entity anything: recovery finds the edit pending and pushes it.
      var restarted = entity(second, mapping, roadmap(second, mapping));
      IssueSyncState s = awaitState(second, restarted, SyncStatus.SYNCED);
      assertEquals("After the restart", s.remote().fields().title());
      assertEquals("After the restart", github.control().issue(REPO, 1).path("title").asText());
      assertEquals(1, patches(200));
    } finally {
      second.shutdownTestKit();
    }
  }
}
