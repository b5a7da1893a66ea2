package org.roadmapsync.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Delivery ids are remembered across a restart (events and snapshots), and only the newest ones. */
class DeliveryLogTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "delivery-log",
          EventSourcedBehaviorTestKit.config()
              .withFallback(ConfigFactory.parseResources("roadmap-sync-persistence.conf"))
              .withFallback(ConfigFactory.load()));

  /** The mutable state never leaves the actor; its journaled form is the snapshot adapter's {@code Snapshot}. */
  private static final EventSourcedBehaviorTestKit.SerializationSettings SNAPSHOT_FORM_ONLY =
      EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyState(false);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static boolean record(EventSourcedBehaviorTestKit<DeliveryLog.Command, DeliveryLog.Event, DeliveryLog.Ids> log, String id) {
    return log.<Boolean>runCommand(r -> new DeliveryLog.Record(id, r)).reply();
  }

  @Test
  void aRepeatedIdIsRecognisedEvenAfterARestart() {
    var log = EventSourcedBehaviorTestKit.<DeliveryLog.Command, DeliveryLog.Event, DeliveryLog.Ids>create(
        testKit.system(), DeliveryLog.create("deliveries-restart", 100), SNAPSHOT_FORM_ONLY);
    assertTrue(record(log, "a"));
    assertFalse(record(log, "a"));
    assertTrue(record(log, "b"));
    assertEquals(2, log.getState().size(), "journaled: the state is asked behind the write");
    log.restart();
    assertFalse(record(log, "a"));
    assertFalse(record(log, "b"));
    assertTrue(record(log, "c"));
  }

  @Test
  void onlyTheNewestIdsAreKeptAndSnapshotsRestoreThem() {
    var log = EventSourcedBehaviorTestKit.<DeliveryLog.Command, DeliveryLog.Event, DeliveryLog.Ids>create(
        testKit.system(), DeliveryLog.create("deliveries-bounded", 5), SNAPSHOT_FORM_ONLY);
    for (int i = 0; i < 1_200; i++) {
      assertTrue(record(log, "d" + i));
    }
    assertEquals(5, log.getState().size());
    var restarted = log.restart();
    assertEquals(5, restarted.state().size());
    assertFalse(record(log, "d1199"));
    assertFalse(record(log, "d1195"));
    assertTrue(record(log, "d1194"), "forgotten: older than the newest five");
  }

  @Test
  void theLogAnswersThroughAnActorToo() {
    var log = testKit.spawn(DeliveryLog.create("deliveries-spawned", 10));
    TestProbe<Boolean> probe = testKit.createTestProbe();
    log.tell(new DeliveryLog.Record("x", probe.ref()));
    assertTrue(probe.receiveMessage());
    log.tell(new DeliveryLog.Record("x", probe.ref()));
    assertFalse(probe.receiveMessage());
  }

  @Test
  void aBurstIsJournaledInBatchesAndEachIdTakenOnce() {
    var log = testKit.spawn(DeliveryLog.create("deliveries-burst", 1_000));
    TestProbe<Boolean> probe = testKit.createTestProbe();
    for (int i = 0; i < 200; i++) {
      log.tell(new DeliveryLog.Record("burst" + (i % 150), probe.ref()));
    }
    List<Boolean> answers = probe.receiveSeveralMessages(200);
    assertEquals(150, answers.stream().filter(b -> b).count());
    assertEquals(50, answers.stream().filter(b -> !b).count());
  }
}
