package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.config.ConflictStrategy;
import org.roadmapsync.config.DatabaseSettings;
import org.roadmapsync.gateway.ClientGitHubPort;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.persistence.PersistenceConfig;
import org.roadmapsync.persistence.SchemaBootstrap;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;

/**
 * The worst moment to die while publishing: GitHub has answered 201, the journal has not recorded
 * it. The ActorSystem is stopped exactly there; a new one on the same H2 files must link the issue
 * GitHub created, not create a second one.
 */
class PublishCrashTest {

  private static final String TOKEN = "crash-token";
  private static final String REPO = "octo/crash";
  private static final String ID = "c0ffee01";
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Hosts the simulator for both lives of the service. */
  private static final ActorTestKit githubKit = ActorTestKit.create("github");

  @TempDir static Path folder;
  static GitHubSimulator github;

  @BeforeAll
  static void start() throws Exception {
    github = GitHubSimulator.start(githubKit.system(), SimSettings.defaults(TOKEN, REPO));
    Files.createDirectories(folder.resolve(".roadmap/issues/backlog"));
    Files.writeString(
        folder.resolve(".roadmap/issues/backlog/" + ID + "-crash.md"),
        "---\nid: " + ID + "\ntitle: Survive a crash\nstatus: todo\nlabels: []\n---\n\nBody.\n");
  }

  @AfterAll
  static void stop() {
    github.stop();
    githubKit.shutdownTestKit();
  }

  private static DatabaseSettings database() {
    return DatabaseSettings.embeddedH2(folder.resolve("data"));
  }

  private static ActorTestKit startLife(String name) {
    Config config = PersistenceConfig.forDatabase(database()).withFallback(ConfigFactory.load());
    ActorTestKit kit = ActorTestKit.create(name, config);
    try (Database db = Database.open(database())) {
      SchemaBootstrap.createIfNotExists(kit.system(), db).toCompletableFuture().join();
    }
    return kit;
  }

  private static SyncContext context(
      ActorTestKit kit, GitHubPort github, StoreRoadmapPort roadmap) {
    return new SyncContext(
        github, roadmap, ConflictStrategy.LAST_WRITE_WINS, Optional.of(REPO), Clock.systemUTC());
  }

  private static StoreRoadmapPort roadmap(ActorTestKit kit, FieldMapping mapping) {
    return new StoreRoadmapPort(
        RoadmapStore.open(folder.resolve(".roadmap")),
        mapping,
        kit.system().dispatchers().lookup(DispatcherSelector.blocking()));
  }

  private static ClientGitHubPort githubPort(ActorTestKit kit, FieldMapping mapping) {
    return new ClientGitHubPort(
        new GitHubClient(
            kit.system(), GitHubClientSettings.of(github.baseUrl(), TOKEN), snapshot -> {}),
        mapping);
  }

  private static int created() {
    return github
        .control()
        .stats()
        .path("requests")
        .path("POST /repos/{o}/{r}/issues 201")
        .asInt(0);
  }

  @Test
  void aCrashBetweenGitHubsAnswerAndTheJournalCreatesNoDuplicate() throws Exception {
    var mapping = new FieldMapping(MappingSettings.defaults());

    ActorTestKit first = startLife("first-life");
    ClientGitHubPort real = githubPort(first, mapping);
    GitHubPort diesAfterCreate =
        new GitHubPort() {
          public CompletionStage<RemoteSnapshot> fetch(IssueLink link) {
            return real.fetch(link);
          }

          public CompletionStage<RemoteSnapshot> push(
              IssueLink link, String id, IssueFields target, Set<SyncField> fields) {
            return real.push(link, id, target, fields);
          }

          public CompletionStage<Optional<RemoteSnapshot>> findPublished(
              String repo, String id, java.time.Instant since) {
            return real.findPublished(repo, id, since);
          }

          public CompletionStage<java.util.List<RemoteComment>> comments(IssueLink link) {
            return real.comments(link);
          }

          public CompletionStage<RemoteComment> postComment(IssueLink link, String body) {
            return real.postComment(link, body);
          }

          public CompletionStage<RemoteComment> editComment(String repo, long id, String body) {
            return real.editComment(repo, id, body);
          }

          public CompletionStage<Void> deleteComment(String repo, long id) {
            return real.deleteComment(repo, id);
          }

          public CompletionStage<RemoteSnapshot> create(
              String repo, String id, IssueFields fields) {
            // GitHub's 201 has arrived; the process dies before the entity can journal it.
            return real.create(repo, id, fields)
                .thenCompose(
                    created -> {
                      first.system().terminate();
                      return new CompletableFuture<>();
                    });
          }
        };
    StoreRoadmapPort firstRoadmap = roadmap(first, mapping);
    var entity =
        first.spawn(IssueSyncEntity.create(ID, context(first, diesAfterCreate, firstRoadmap)));
    var ack = first.<StatusReply<org.apache.pekko.Done>>createTestProbe();
    entity.tell(
        new IssueSyncEntity.ObserveLocal(
            firstRoadmap.snapshot(
                RoadmapStore.open(folder.resolve(".roadmap")).read(ID).orElseThrow()),
            Trigger.WATCH,
            ack.ref()));
    ack.receiveMessage(WAIT);
    entity.tell(new IssueSyncEntity.Publish(first.system().ignoreRef()));
    first
        .system()
        .getWhenTerminated()
        .toCompletableFuture()
        .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(1, created(), "GitHub created the issue");
    assertThat(Files.readString(folder.resolve(".roadmap/issues/backlog/" + ID + "-crash.md")))
        .doesNotContain("github_issue");

    ActorTestKit second = startLife("second-life");
    try {
      StoreRoadmapPort secondRoadmap = roadmap(second, mapping);
      var restarted =
          second.spawn(
              IssueSyncEntity.create(
                  ID, context(second, githubPort(second, mapping), secondRoadmap)));
      var state = second.<IssueSyncState>createTestProbe();
      // Recovery resumes the publish that was under way: it finds the marked issue and links it.
      state.awaitAssert(
          WAIT,
          () -> {
            restarted.tell(new IssueSyncEntity.Get(state.ref()));
            IssueSyncState s = state.receiveMessage(WAIT);
            assertEquals(new IssueLink(REPO, 1), s.link());
            assertEquals(SyncStatus.SYNCED, s.status());
            return null;
          });
      assertThat(Files.readString(folder.resolve(".roadmap/issues/backlog/" + ID + "-crash.md")))
          .contains("github_issue: 1");
      assertEquals(1, created(), "no second issue was created");
    } finally {
      second.shutdownTestKit();
    }
  }
}
