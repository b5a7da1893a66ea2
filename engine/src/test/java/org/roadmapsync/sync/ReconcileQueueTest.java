package org.roadmapsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ReconcileQueueTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private final TestProbe<String> woken = testKit.createTestProbe();
  private final ActorRef<ReconcileQueue.Command> queue =
      testKit.spawn(ReconcileQueue.create(woken.getRef()::tell, Clock.systemUTC()));

  @Test
  void anItemDueInThePastIsWokenAtOnceAndAnotherAtItsTime() {
    Instant now = Instant.now();
    queue.tell(new ReconcileQueue.Schedule("later", now.plusMillis(400)));
    queue.tell(new ReconcileQueue.Schedule("overdue", now.minusSeconds(5)));
    assertEquals("overdue", woken.receiveMessage(Duration.ofMillis(300)));
    assertEquals("later", woken.receiveMessage(Duration.ofSeconds(2)));
    woken.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aLaterScheduleReplacesTheEarlierOne() {
    Instant now = Instant.now();
    queue.tell(new ReconcileQueue.Schedule("item", now.plusMillis(200)));
    queue.tell(new ReconcileQueue.Schedule("item", now.plusMillis(600)));
    woken.expectNoMessage(Duration.ofMillis(400));
    assertEquals("item", woken.receiveMessage(Duration.ofSeconds(2)));
    woken.expectNoMessage(Duration.ofMillis(300));
  }
}
