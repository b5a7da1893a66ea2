package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.JdbcSession;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.EmbeddedH2;
import org.roadmapsync.config.ConflictStrategy;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.pulls.PullRequestFeed;

/**
 * Issues adopted at the first sync without an entity, in a real H2 file with the JDBC journal and
 * snapshot store: planted only where nothing is known of the issue and no entity started, recovered
 * by the entity from its snapshot without an event, and the ground the projection folds the
 * entity's events onto.
 */
class IssueSeedRowsTest {

  private static final String REPO = "octo/seeds";
  @TempDir static Path folder;
  static EmbeddedH2 h2;
  static ActorTestKit testKit;
  static Database database;
  static IssueSyncRows rows;
  static ObjectMapper json;
  static final Map<String, IssueSyncState> folded = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    h2 = EmbeddedH2.start("IssueSeedRowsTest", folder);
    testKit = h2.testKit();
    database = h2.database();
    json =
        JacksonObjectMapperProvider.get(testKit.system())
            .getOrCreate("jackson-json", Optional.empty());
    rows = new IssueSyncRows(database, json, Runnable::run);
  }

  /** Seeds planted on {@code executor}, each also folded into {@link #folded}. */
  private static IssueSeedRows seeds(Executor executor) {
    return new IssueSeedRows(
        database,
        json,
        SerializationExtension.get(testKit.system().classicSystem()),
        executor,
        List.of((connection, seeds) -> folded.putAll(seeds), PullRequestFeed.seeds(json)));
  }

  private static SyncContext context(IssueSeeds seeds) {
    return new SyncContext(
            null, null, ConflictStrategy.LAST_WRITE_WINS, Optional.of(REPO), Clock.systemUTC())
        .withSeeds(seeds);
  }

  private static IssueSyncState stateOf(String id) {
    TestProbe<IssueSyncState> probe = testKit.createTestProbe();
    testKit
        .spawn(IssueSyncEntity.create(id, context(IssueSeeds.NONE)))
        .tell(new IssueSyncEntity.Get(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }

  private static long count(String sql, String id) {
    return database.read(
        c -> {
          try (var q = c.prepareStatement(sql)) {
            q.setString(1, IssueSyncEntity.ENTITY_KEY.name() + "|" + id);
            try (var rs = q.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private static long events(String id) {
    return count("SELECT COUNT(*) FROM event_journal WHERE persistence_id = ?", id);
  }

  private static long snapshots(String id) {
    return count("SELECT COUNT(*) FROM snapshot WHERE persistence_id = ?", id);
  }

  @AfterAll
  static void stop() {
    h2.close();
  }

  private static IssueSyncEntity.Adopted agreed(String title, long number) {
    IssueFields fields =
        new IssueFields(title, "Body.", List.of(), null, null, "todo", "high", "feature");
    IssueLink link = new IssueLink(REPO, number);
    return new IssueSyncEntity.Adopted(
        new LocalSnapshot(
            fields, Instant.parse("2026-12-01T10:00:00Z"), "h" + number, number, null, List.of()),
        link,
        new RemoteSnapshot(link, fields, Instant.parse("2026-12-01T09:00:00Z"), 0),
        Instant.parse("2026-12-07T18:00:00Z"));
  }

  private static void project(String id, long seq, IssueSyncEntity.Event event) throws Exception {
    JdbcSession session = database.newSession();
    try {
      new IssueSyncProjectionHandler(json)
          .process(
              session,
              List.of(
                  EventEnvelope.create(
                      Sequence.apply(seq),
                      IssueSyncEntity.ENTITY_KEY.name() + "|" + id,
                      seq,
                      event,
                      0L)));
      session.commit();
    } finally {
      session.close();
    }
  }

  @Test
  void aSeedIsPlantedOnlyForAnIssueNothingIsKnownOfAndNoEntityStarted() throws Exception {
    project("seed-has-row", 1, new IssueSyncEntity.LocalProblemObserved("unreadable"));
    // an entity that journaled an event the projection has not folded yet
    testKit
        .spawn(IssueSyncEntity.create("seed-has-events", context(IssueSeeds.NONE)))
        .tell(new IssueSyncEntity.RecordDependencies("a relation", Trigger.POLL));
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              assertThat(events("seed-has-events")).isEqualTo(1L);
              return null;
            });
    IssueSeeds seeds = seeds(Runnable::run);
    // started during the load (a request for its detail), it recovered with nothing
    assertThat(seeds.starting("seed-started").toCompletableFuture()).isDone();

    Set<String> planted =
        seeds
            .plant(
                Map.of(
                    "seed-new", agreed("New", 1),
                    "seed-has-row", agreed("Row", 2),
                    "seed-has-events", agreed("Events", 3),
                    "seed-started", agreed("Started", 4)))
            .toCompletableFuture()
            .join();

    assertThat(planted).containsExactly("seed-new");
    assertThat(snapshots("seed-new")).isEqualTo(1L);
    assertThat(snapshots("seed-started")).isZero();
    assertThat(folded.get("seed-new").link()).isEqualTo(new IssueLink(REPO, 1));
    assertThat(folded).doesNotContainKeys("seed-has-row", "seed-has-events", "seed-started");
    assertThat(
            json.readTree(
                database.<String>read(
                    c -> {
                      try (var q =
                          c.prepareStatement(
                              "SELECT issue FROM pull_request_feed WHERE issue_id = 'seed-new'")) {
                        try (var rs = q.executeQuery()) {
                          return rs.next() ? rs.getString(1) : "{}";
                        }
                      }
                    })))
        .as("the pull-request feed knows the link, as from an Adopted without a branch")
        .isEqualTo(
            json.readTree(
                "{\"repo\":\""
                    + REPO
                    + "\",\"number\":1,\"status\":null,\"title\":null,\"body\":null,\"branch\":null}"));
    assertThat(rows.list(Optional.of(SyncStatus.SYNCED)).toCompletableFuture().join())
        .filteredOn(row -> List.of("seed-new", "seed-started").contains(row.id()))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.id()).isEqualTo("seed-new");
              assertThat(row.githubIssue()).isEqualTo(1L);
              assertThat(row.title()).isEqualTo("New");
            });
    assertThat(rows.statesInStepWithTheJournal().toCompletableFuture().join())
        .as("a seed rests at a restart: its entity has no event to be behind of")
        .containsKey("seed-new");
    assertThat(seeds.plant(Map.of("seed-later", agreed("Later", 5))).toCompletableFuture().join())
        .as("only the first planting plants: later entities started without saying so")
        .isEmpty();
  }

  @Test
  void anEntityRecoversFromItsSeedAndItsEventsFoldOntoIt() throws Exception {
    assertThat(
            seeds(Runnable::run)
                .plant(Map.of("seed-woken", agreed("Woken", 6)))
                .toCompletableFuture()
                .join())
        .containsExactly("seed-woken");

    IssueSyncState state = stateOf("seed-woken");
    assertThat(state.link()).isEqualTo(new IssueLink(REPO, 6));
    assertThat(state.base()).isEqualTo(agreed("Woken", 6).remote().fields());
    assertThat(state.status()).isEqualTo(SyncStatus.SYNCED);
    assertThat(events("seed-woken")).as("nothing journaled for the seed").isZero();

    // the entity's first event folds onto the seed's row
    project("seed-woken", 1, new IssueSyncEntity.LocalProblemObserved("a problem of its own"));
    IssueSyncState row =
        rows.states(Optional.empty()).toCompletableFuture().join().stream()
            .filter(s -> s.id().equals("seed-woken"))
            .findFirst()
            .orElseThrow();
    assertThat(row.localProblem()).isEqualTo("a problem of its own");
    assertThat(row.link()).as("the seed's link kept").isEqualTo(new IssueLink(REPO, 6));
  }

  @Test
  void anEntityStartedWhileTheSeedsArePlantedRecoversAfterThem() {
    BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();
    IssueSeeds seeds = seeds(held::add);
    var planting = seeds.plant(Map.of("seed-late", agreed("Late", 7))).toCompletableFuture();

    TestProbe<IssueSyncState> probe = testKit.createTestProbe();
    testKit
        .spawn(IssueSyncEntity.create("seed-late", context(seeds)))
        .tell(new IssueSyncEntity.Get(probe.getRef()));
    probe.expectNoMessage(Duration.ofMillis(300));

    held.remove().run();
    assertThat(planting.join()).containsExactly("seed-late");
    assertThat(probe.receiveMessage(Duration.ofSeconds(10)).link())
        .isEqualTo(new IssueLink(REPO, 7));
  }

  @Test
  void aFailedPlantingPlantsNothingAndEntitiesStartAsBefore() {
    IssueSeeds seeds =
        new IssueSeedRows(
            database,
            json,
            SerializationExtension.get(testKit.system().classicSystem()),
            Runnable::run,
            List.of(
                (connection, planted) -> {
                  throw new IllegalStateException("the feed's table is away");
                }));

    assertThat(seeds.plant(Map.of("seed-failed", agreed("Failed", 9))).toCompletableFuture())
        .isCompletedExceptionally();

    assertThat(snapshots("seed-failed")).as("the transaction rolled back").isZero();
    assertThat(rows.states(Optional.empty()).toCompletableFuture().join())
        .noneMatch(state -> state.id().equals("seed-failed"));
    assertThat(seeds.starting("seed-failed").toCompletableFuture()).isDone();
    assertThat(stateOf("seed-failed").link()).isNull();
  }

  @Test
  void aSeedOfTheEarlierVersionWithoutASnapshotGetsOne() throws Exception {
    // a seed as the version before planted it: its row only
    IssueSyncState old = IssueSyncState.empty("seed-old").apply(agreed("Old", 8));
    database.write(
        c -> {
          try (var insert = c.prepareStatement(IssueSyncProjectionHandler.INSERT)) {
            IssueSyncProjectionHandler.bindRow(json, insert, old, 0);
            return insert.executeUpdate();
          }
        });

    assertThat(seeds(Runnable::run).plant(Map.of()).toCompletableFuture().join()).isEmpty();

    assertThat(snapshots("seed-old")).isEqualTo(1L);
    assertThat(folded).containsKey("seed-old");
    assertThat(stateOf("seed-old").link()).isEqualTo(new IssueLink(REPO, 8));
  }
}
