package org.roadmapsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.sync.EntityTestConfig;
import org.roadmapsync.sync.LinkDirectory;

/**
 * Delivery ids are remembered across a restart (events and snapshots), and only the newest ones.
 */
class DeliveryLogTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("delivery-log", EntityTestConfig.config());

  /**
   * The mutable state never leaves the actor; its journaled form is the snapshot adapter's {@code
   * Snapshot}.
   */
  private static final EventSourcedBehaviorTestKit.SerializationSettings SNAPSHOT_FORM_ONLY =
      EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyState(false);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static List<String> recorded(
      EventSourcedBehaviorTestKit<DeliveryLog.Command, DeliveryLog.Event, DeliveryLog.Ids> log) {
    return log.<DeliveryLog.Snapshot>runCommand(DeliveryLog.GetRecorded::new).reply().ids();
  }

  private static EventSourcedBehaviorTestKit<
          DeliveryLog.Command, DeliveryLog.Event, DeliveryLog.Ids>
      log(String name, int capacity) {
    return EventSourcedBehaviorTestKit.create(
        testKit.system(), DeliveryLog.create(name, capacity), SNAPSHOT_FORM_ONLY);
  }

  @Test
  void recordedIdsAreRememberedAcrossARestartEachOnce() {
    var log = log("deliveries-restart", 100);
    for (String id : List.of("a", "b", "a")) {
      log.runCommand(new DeliveryLog.Record(id));
    }
    assertEquals(List.of("a", "b"), recorded(log));
    assertEquals(2, log.getState().size(), "journaled: the state is asked behind the write");
    log.restart();
    assertEquals(List.of("a", "b"), recorded(log));
  }

  @Test
  void onlyTheNewestIdsAreKeptAndSnapshotsRestoreThem() {
    var log = log("deliveries-bounded", 5);
    for (int i = 0; i < 1_200; i++) {
      log.runCommand(new DeliveryLog.Record("d" + i));
    }
    assertEquals(5, log.getState().size());
    var restarted = log.restart();
    assertEquals(5, restarted.state().size());
    assertEquals(List.of("d1195", "d1196", "d1197", "d1198", "d1199"), recorded(log));
  }

  @Test
  void aBurstIsJournaledInBatchesAndEachIdOnce() {
    var log = testKit.spawn(DeliveryLog.create("deliveries-burst", 1_000));
    for (int i = 0; i < 200; i++) {
      log.tell(new DeliveryLog.Record("burst" + (i % 150)));
    }
    TestProbe<DeliveryLog.Snapshot> probe = testKit.createTestProbe();
    log.tell(new DeliveryLog.GetRecorded(probe.ref()));
    List<String> ids = probe.receiveMessage().ids();
    assertEquals(150, ids.size());
    assertEquals(150, new java.util.HashSet<>(ids).size());
  }

  @Test
  void theIntakesCopyTakesEachIdOnceAndForgetsTheOldest() {
    DeliveryLog.Ids ids = DeliveryLog.Ids.of(2, List.of("old", "older"));
    assertFalse(ids.takeNew("old"));
    assertTrue(ids.takeNew("new"));
    assertFalse(ids.takeNew("new"));
    assertTrue(ids.takeNew("old"), "the oldest was forgotten to keep two");
  }

  @Test
  void theIntakeRecognisesADeliveryTakenBeforeARestart() {
    byte[] body =
        "{\"action\":\"created\",\"starred_at\":null}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String signature = org.roadmapsync.github.WebhookSignatureVerifier.sign("secret", body);
    var first = testKit.spawn(DeliveryLog.create("deliveries-intake", 100));
    assertThat(
            intake(first)
                .receive("star", "delivery-1", signature, body)
                .toCompletableFuture()
                .join())
        .isInstanceOf(WebhookIntake.Accepted.class);
    TestProbe<DeliveryLog.Snapshot> journaled = testKit.createTestProbe();
    first.tell(new DeliveryLog.GetRecorded(journaled.ref()));
    first.tell(
        new DeliveryLog.GetRecorded(
            journaled.ref())); // answered behind the write the first one may precede
    journaled.receiveMessage();
    assertEquals(List.of("delivery-1"), journaled.receiveMessage().ids());
    testKit.stop(first);

    var again = testKit.spawn(DeliveryLog.create("deliveries-intake", 100));
    assertThat(
            intake(again)
                .receive("star", "delivery-1", signature, body)
                .toCompletableFuture()
                .join())
        .isInstanceOf(WebhookIntake.Duplicate.class);
  }

  private static WebhookIntake intake(
      org.apache.pekko.actor.typed.ActorRef<DeliveryLog.Command> log) {
    return new WebhookIntake(
        testKit.system(),
        Optional.of(new org.roadmapsync.github.WebhookSignatureVerifier(List.of("secret"))),
        log,
        new org.roadmapsync.sync.FieldMapping(org.roadmapsync.sync.MappingSettings.defaults()),
        new LinkDirectory(null, null, new org.roadmapsync.sync.LinkIndex()),
        id -> {
          throw new AssertionError("an ignored event reaches no entity");
        });
  }
}
