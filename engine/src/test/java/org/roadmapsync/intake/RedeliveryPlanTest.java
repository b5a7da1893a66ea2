package org.roadmapsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.roadmapsync.github.HookDelivery;

class RedeliveryPlanTest {

  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Duration WINDOW = Duration.ofDays(3);
  static final Set<String> EVENTS = WebhookIntake.SYNCED_EVENTS;
  static final Predicate<String> NOTHING_TAKEN = guid -> false;

  static HookDelivery attempt(long id, String guid, Duration ago, int statusCode) {
    return attempt(id, guid, ago, statusCode, "issues");
  }

  static HookDelivery attempt(long id, String guid, Duration ago, int statusCode, String event) {
    return new HookDelivery(
        id,
        guid,
        NOW.minus(ago),
        id > 100,
        0.1,
        statusCode == 0 ? "failed to connect" : "Invalid HTTP Response: " + statusCode,
        statusCode,
        event,
        "edited",
        1L);
  }

  static RedeliveryPlan plan(
      List<HookDelivery> newestFirst, Predicate<String> taken, Set<String> asked) {
    return RedeliveryPlan.of(newestFirst, NOW, WINDOW, taken, asked, EVENTS);
  }

  static List<Long> ids(RedeliveryPlan plan) {
    return plan.redeliver().stream().map(HookDelivery::id).toList();
  }

  @Test
  void eachFailedEventIsAskedForOnceOldestFirstThroughItsNewestAttempt() {
    var plan =
        plan(
            List.of(
                attempt(104, "b", Duration.ofMinutes(1), 0), // b failed twice
                attempt(3, "c", Duration.ofMinutes(5), 503),
                attempt(2, "b", Duration.ofMinutes(10), 0),
                attempt(1, "a", Duration.ofHours(1), 0)),
            NOTHING_TAKEN,
            Set.of());
    assertEquals(List.of(1L, 104L, 3L), ids(plan), "a, then b (its newest attempt), then c");
    assertEquals(3, plan.missed());
  }

  @Test
  void anEventDeliveredOnceIsNotMissedWhateverItsOtherAttempts() {
    var plan =
        plan(
            List.of(
                attempt(102, "a", Duration.ofMinutes(1), 202), // redelivered successfully
                attempt(2, "b", Duration.ofMinutes(2), 200),
                attempt(1, "a", Duration.ofMinutes(30), 0)),
            NOTHING_TAKEN,
            Set.of());
    assertEquals(List.of(), ids(plan));
    assertEquals(0, plan.missed());
  }

  @Test
  void whatTheIntakeTookOrWasAskedForAlreadyIsNotAskedForAgain() {
    var deliveries =
        List.of(
            attempt(3, "taken", Duration.ofMinutes(1), 0), // answered after GitHub gave up
            attempt(2, "asked", Duration.ofMinutes(2), 0),
            attempt(1, "missed", Duration.ofMinutes(3), 0));
    var plan = plan(deliveries, "taken"::equals, Set.of("asked"));
    assertEquals(List.of(1L), ids(plan));
    assertEquals(2, plan.missed(), "asked-for events still count as missed until they arrive");
  }

  @Test
  void eventsOutsideTheWindowOrThatSyncIgnoresAreNotAskedFor() {
    var plan =
        plan(
            List.of(
                attempt(4, "ping", Duration.ofMinutes(1), 0, "ping"),
                attempt(3, "star", Duration.ofMinutes(1), 0, "star"),
                attempt(2, "pull", Duration.ofMinutes(1), 0, "pull_request"),
                attempt(1, "old", WINDOW.plusSeconds(1), 0)),
            NOTHING_TAKEN,
            Set.of());
    assertEquals(List.of(2L), ids(plan));
    assertEquals(1, plan.missed(), "the old one is past GitHub's window: only a poll brings it");
  }

  @Test
  void theWindowIsGitHubsClockNotOurs() {
    var justInside = attempt(1, "a", WINDOW.minusSeconds(1), 0);
    assertThat(plan(List.of(justInside), NOTHING_TAKEN, Set.of()).redeliver()).hasSize(1);
    var onTheEdge = attempt(1, "a", WINDOW, 0);
    assertThat(plan(List.of(onTheEdge), NOTHING_TAKEN, Set.of()).redeliver()).isEmpty();
  }
}
