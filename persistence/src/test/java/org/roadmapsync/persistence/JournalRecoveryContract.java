package org.roadmapsync.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
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
  void stateSurvivesARestartOfTheActorSystem() {
    String id = UUID.randomUUID().toString();

    ActorTestKit first = start();
    try {
      TestProbe<CounterEntity.State> probe = first.createTestProbe();
      ActorRef<CounterEntity.Command> counter = first.spawn(CounterEntity.create(id));
      counter.tell(new CounterEntity.Add(2, probe.ref()));
      counter.tell(new CounterEntity.Add(3, probe.ref()));
      counter.tell(new CounterEntity.Add(5, probe.ref()));
      assertEquals(new CounterEntity.State(10, 3), probe.receiveSeveralMessages(3, Duration.ofSeconds(10)).get(2));
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
