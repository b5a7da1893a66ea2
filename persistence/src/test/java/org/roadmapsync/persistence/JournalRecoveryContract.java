package org.roadmapsync.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.DatabaseSettings;

/**
 * The same proof for every database: state persisted by one ActorSystem is recovered by the next
 * one from the database alone, with the schema bootstrap run again on the second start.
 */
abstract class JournalRecoveryContract {

  abstract DatabaseSettings database();

  private Config config() {
    return PersistenceConfig.forDatabase(database()).withFallback(ConfigFactory.load());
  }

  private ActorTestKit start() {
    ActorTestKit kit = ActorTestKit.create("recovery", config());
    try (Database db = Database.open(database())) {
      SchemaBootstrap.createIfNotExists(kit.system(), db).toCompletableFuture().join();
    }
    return kit;
  }

  @Test
  void theBootstrapCreatesTheIndexTheTagQueriesNeed() throws Exception {
    start().shutdownTestKit();
    try (Database db = Database.open(database())) {
      List<String> indexes =
          db.read(
              c -> {
                List<String> names = new ArrayList<>();
                try (ResultSet rs =
                    c.getMetaData().getIndexInfo(null, null, "event_tag", false, false)) {
                  while (rs.next()) {
                    names.add(String.valueOf(rs.getString("INDEX_NAME")).toLowerCase(Locale.ROOT));
                  }
                }
                return names;
              });
      assertTrue(indexes.contains("event_tag_by_tag"), "indexes of event_tag: " + indexes);
    }
  }

  @Test
  void eventsByTagReadOneTagFromAnOffsetOn() throws Exception {
    String id = UUID.randomUUID().toString();
    ActorTestKit kit = start();
    try {
      TestProbe<CounterEntity.State> probe = kit.createTestProbe();
      ActorRef<CounterEntity.Command> counter = kit.spawn(CounterEntity.create(id));
      for (int amount = 1; amount <= 5; amount++) {
        counter.tell(new CounterEntity.Add(amount, probe.ref()));
        probe.receiveMessage(Duration.ofSeconds(10));
      }
      assertEquals(
          TagRangeReadJournalDao.class.getName(),
          kit.system().settings().config().getString("jdbc-read-journal.dao"));
      JdbcReadJournal journal =
          PersistenceQuery.get(Adapter.toClassic(kit.system()))
              .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());

      List<EventEnvelope> odd = byTag(kit, journal, id + "-odd", Offset.noOffset());
      assertEquals(List.of(1, 3, 5), amounts(odd));
      assertEquals(List.of(2, 4), amounts(byTag(kit, journal, id + "-even", Offset.noOffset())));
      assertEquals(List.of(3, 5), amounts(byTag(kit, journal, id + "-odd", odd.get(0).offset())));
      assertEquals(List.of(), amounts(byTag(kit, journal, id + "-odd", odd.get(2).offset())));
    } finally {
      kit.shutdownTestKit();
    }
  }

  private static List<EventEnvelope> byTag(
      ActorTestKit kit, JdbcReadJournal journal, String tag, Offset after) throws Exception {
    return journal
        .currentEventsByTag(tag, after)
        .runWith(Sink.seq(), kit.system())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static List<Integer> amounts(List<EventEnvelope> envelopes) {
    return envelopes.stream().map(e -> ((CounterEntity.Added) e.event()).amount()).toList();
  }

  @Test
  void stateSurvivesARestartOfTheActorSystem() {
    String id = UUID.randomUUID().toString();

    ActorTestKit first = start();
    try {
      TestProbe<CounterEntity.State> probe = first.createTestProbe();
      ActorRef<CounterEntity.Command> counter = first.spawn(CounterEntity.create(id));
      counter.tell(new CounterEntity.Add(2, probe.ref()));
      counter.tell(new CounterEntity.Add(3, probe.ref()));
      counter.tell(new CounterEntity.Add(5, probe.ref()));
      assertEquals(
          new CounterEntity.State(10, 3),
          probe.receiveSeveralMessages(3, Duration.ofSeconds(10)).get(2));
    } finally {
      first.shutdownTestKit();
    }

    ActorTestKit second = start();
    try {
      TestProbe<CounterEntity.State> probe = second.createTestProbe();
      ActorRef<CounterEntity.Command> counter = second.spawn(CounterEntity.create(id));
      counter.tell(new CounterEntity.Get(probe.ref()));
      assertEquals(new CounterEntity.State(10, 3), probe.receiveMessage(Duration.ofSeconds(10)));
    } finally {
      second.shutdownTestKit();
    }
  }
}
