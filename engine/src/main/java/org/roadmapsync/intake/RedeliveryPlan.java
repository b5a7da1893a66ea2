package org.roadmapsync.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.roadmapsync.github.HookDelivery;

/**
 * Which of a webhook's recent deliveries to ask GitHub for again. Attempts are grouped by event
 * (their guid, our {@code X-GitHub-Delivery}); an event is missed when none of its attempts
 * succeeded and the intake never took it. A missed event is asked for once, through its newest
 * failed attempt, when it is one the intake acts on and GitHub still redelivers it. Pure.
 *
 * @param redeliver the attempts to redeliver, oldest event first (changes arrive in their order)
 * @param missed events that did not reach the intake, asked for now or earlier
 */
public record RedeliveryPlan(List<HookDelivery> redeliver, int missed) {

  public RedeliveryPlan {
    redeliver = List.copyOf(redeliver);
  }

  /**
   * @param asOf now by GitHub's clock
   * @param window how far back GitHub redelivers
   * @param taken delivery guids the intake already took
   * @param asked guids asked for already
   * @param events the events the intake acts on
   */
  public static RedeliveryPlan of(
      List<HookDelivery> deliveries,
      Instant asOf,
      Duration window,
      Predicate<String> taken,
      Set<String> asked,
      Set<String> events) {
    Map<String, HookDelivery> newestFailed = new LinkedHashMap<>();
    Map<String, Boolean> delivered = new LinkedHashMap<>();
    Map<String, Long> firstAttempt = new LinkedHashMap<>();
    for (HookDelivery d : deliveries) {
      if (d.guid() == null || !events.contains(d.event())) {
        continue;
      }
      delivered.merge(d.guid(), d.succeeded(), Boolean::logicalOr);
      // events in the order of their first attempts: ids grow with time, delivered_at is in seconds
      firstAttempt.merge(d.guid(), d.id(), Math::min);
      if (!d.succeeded()) {
        newestFailed.merge(d.guid(), d, (a, b) -> a.id() >= b.id() ? a : b);
      }
    }
    Instant oldestRedeliverable = asOf.minus(window);
    List<HookDelivery> missed =
        newestFailed.values().stream()
            .filter(d -> !delivered.get(d.guid()) && !taken.test(d.guid()))
            // GitHub refuses older ones; only a poll brings their changes
            .filter(d -> d.deliveredAt().isAfter(oldestRedeliverable))
            .sorted(Comparator.comparing(d -> firstAttempt.get(d.guid())))
            .toList();
    return new RedeliveryPlan(
        missed.stream().filter(d -> !asked.contains(d.guid())).toList(), missed.size());
  }
}
