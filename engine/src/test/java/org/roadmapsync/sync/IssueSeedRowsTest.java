package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.JdbcSession;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.config.ConflictStrategy;
import org.roadmapsync.config.DatabaseSettings;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.persistence.PersistenceConfig;
import org.roadmapsync.persistence.SchemaBootstrap;

/**
 * Issues adopted at the first sync without an entity, in a real H2 file: planted only where nothing
 * is known of the issue yet, read back as the entity's first event, and never the ground the
 * projection folds an entity's own first event onto.
 */
class IssueSeedRowsTest {

  private static final String REPO = "octo/seeds";
  @TempDir static Path folder;
  static ActorTestKit testKit;
  static Database database;
  static IssueSyncRows rows;
  static ObjectMapper json;

  @BeforeAll
  static void start() {
    DatabaseSettings settings = DatabaseSettings.embeddedH2(folder.resolve("data"));
    testKit =
        ActorTestKit.create(
            "IssueSeedRowsTest",
            PersistenceConfig.forDatabase(settings).withFallback(ConfigFactory.load()));
    database = Database.open(settings);
    SchemaBootstrap.createIfNotExists(testKit.system(), database).toCompletableFuture().join();
    json =
        JacksonObjectMapperProvider.get(testKit.system())
            .getOrCreate("jackson-json", Optional.empty());
    rows = new IssueSyncRows(database, json, Runnable::run);
  }

  @AfterAll
  static void stop() {
    database.close();
    testKit.shutdownTestKit();
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
  void aSeedIsPlantedOnlyForAnIssueNothingIsKnownOf() throws Exception {
    project("seed-has-row", 1, new IssueSyncEntity.LocalProblemObserved("unreadable"));
    // an entity that journaled an event the projection has not folded yet
    var sync =
        new SyncContext(
            null, null, ConflictStrategy.LAST_WRITE_WINS, Optional.of(REPO), Clock.systemUTC());
    testKit
        .spawn(IssueSyncEntity.create("seed-has-events", sync))
        .tell(new IssueSyncEntity.RecordDependencies("a relation", Trigger.POLL));
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              assertThat(
                      database.<Long>read(
                          c -> {
                            try (var q =
                                c.prepareStatement(
                                    "SELECT COUNT(*) FROM event_journal WHERE persistence_id = ?")) {
                              q.setString(1, "IssueSync|seed-has-events");
                              try (var rs = q.executeQuery()) {
                                rs.next();
                                return rs.getLong(1);
                              }
                            }
                          }))
                  .isEqualTo(1L);
              return null;
            });

    IssueSeeds seeds = rows.seeds();
    Set<String> planted =
        seeds
            .plant(
                Map.of(
                    "seed-new", agreed("New", 1),
                    "seed-has-row", agreed("Row", 2),
                    "seed-has-events", agreed("Events", 3)))
            .toCompletableFuture()
            .join();

    assertThat(planted).containsExactly("seed-new");
    assertThat(seeds.of("seed-new").toCompletableFuture().join()).contains(agreed("New", 1));
    assertThat(seeds.of("seed-has-row").toCompletableFuture().join()).isEmpty();
    assertThat(seeds.of("seed-has-events").toCompletableFuture().join()).isEmpty();
    assertThat(rows.list(Optional.of(SyncStatus.SYNCED)).toCompletableFuture().join())
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
  }

  @Test
  void noSeedIsPlantedForAnEntityThatAskedBeforeIt() {
    IssueSeeds seeds = rows.seeds();
    // started during the load (a request for its detail), it found no seed and goes on without one
    assertThat(seeds.of("seed-asked").toCompletableFuture().join()).isEmpty();

    assertThat(
            seeds
                .plant(Map.of("seed-asked", agreed("Asked", 8), "seed-quiet", agreed("Quiet", 9)))
                .toCompletableFuture()
                .join())
        .containsExactly("seed-quiet");
    assertThat(seeds.of("seed-asked").toCompletableFuture().join()).isEmpty();
  }

  @Test
  void anEntitysFirstEventIsFoldedOntoNothingNotOntoASeed() throws Exception {
    IssueSeeds seeds = rows.seeds();
    assertThat(seeds.plant(Map.of("seed-raced", agreed("Raced", 7))).toCompletableFuture().join())
        .containsExactly("seed-raced");

    // an entity that started before the seed was planted journaled its own first event
    project("seed-raced", 1, new IssueSyncEntity.LocalProblemObserved("a problem of its own"));

    IssueSyncState row =
        rows.states(Optional.empty()).toCompletableFuture().join().stream()
            .filter(s -> s.id().equals("seed-raced"))
            .findFirst()
            .orElseThrow();
    assertThat(row.localProblem()).isEqualTo("a problem of its own");
    assertThat(row.link()).as("nothing of the seed").isNull();
    assertThat(seeds.of("seed-raced").toCompletableFuture().join()).isEmpty();
  }
}
