package org.roadmapsync.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository webhooks and what GitHub remembers of their deliveries. While a webhook target is
 * configured, every repository has one hook pointing at it (created when first needed, its id
 * stable for the simulator's life); every attempt to deliver an event, failed or not, is recorded
 * as a delivery of its repository's hook, and a delivery of the last {@link #REDELIVERY_WINDOW} can
 * be sent again. Thread-safe: the dispatcher records outside the store's lock.
 */
final class SimHooks {

  /** How far back GitHub redelivers. */
  static final Duration REDELIVERY_WINDOW = Duration.ofDays(3);

  record Hook(long id, String repoKey, Instant createdAt) {}

  /**
   * One attempt to deliver {@code event}: {@code statusCode} 0 when no answer came (refused, timed
   * out).
   */
  record Delivery(
      long id,
      long hookId,
      SimEvent event,
      Instant deliveredAt,
      double durationSeconds,
      String status,
      int statusCode) {

    boolean redeliverableAt(Instant now) {
      return deliveredAt.isAfter(now.minus(REDELIVERY_WINDOW));
    }
  }

  /** One page of deliveries, newest first, and the id the next page starts at, if any. */
  record Page(List<Delivery> deliveries, Optional<Long> nextFrom) {}

  private final SimClock clock;
  private Optional<SimSettings.WebhookTarget> target;
  private Instant targetSince;
  private final Map<String, Hook> byRepo = new HashMap<>();
  private final List<Delivery> deliveries = new ArrayList<>();
  private long nextHookId = 4_000_001;
  private long nextDeliveryId = 90_000_001;

  SimHooks(SimClock clock, Optional<SimSettings.WebhookTarget> target) {
    this.clock = clock;
    this.target = target;
    this.targetSince = clock.nowSeconds();
  }

  synchronized Optional<SimSettings.WebhookTarget> target() {
    return target;
  }

  synchronized void setTarget(Optional<SimSettings.WebhookTarget> newTarget) {
    target = newTarget;
    targetSince = clock.nowSeconds();
  }

  /** When the target was last set: the hooks' {@code updated_at}. */
  synchronized Instant targetSince() {
    return targetSince;
  }

  /** The repository's hooks as {@code GET /repos/{o}/{r}/hooks} lists them: none without target. */
  synchronized List<Hook> hooksOf(SimRepo repo) {
    return target.isEmpty() ? List.of() : List.of(hookFor(repo.name.key()));
  }

  /** A hook of the repository by id, or 404 as GitHub answers for a hook it does not know. */
  synchronized Hook hook(SimRepo repo, long hookId) {
    return hooksOf(repo).stream()
        .filter(h -> h.id() == hookId)
        .findFirst()
        .orElseThrow(GitHubErrorResponse::notFound);
  }

  /** The id of the hook the event goes out through ({@code X-GitHub-Hook-ID}), 0 when none. */
  synchronized long hookIdFor(SimEvent event) {
    String repoKey = event.repositoryKey();
    return repoKey == null || target.isEmpty() ? 0 : hookFor(repoKey).id();
  }

  synchronized void record(
      SimEvent event, Instant at, double durationSeconds, String status, int statusCode) {
    String repoKey = event.repositoryKey();
    if (repoKey == null) {
      return;
    }
    deliveries.add(
        new Delivery(
            nextDeliveryId++,
            hookFor(repoKey).id(),
            event,
            at,
            durationSeconds,
            status,
            statusCode));
  }

  /** Up to {@code perPage} deliveries of the hook, newest first, from {@code fromId} down. */
  synchronized Page page(long hookId, Optional<Long> fromId, int perPage) {
    List<Delivery> newestFirst =
        deliveries.stream()
            .filter(d -> d.hookId() == hookId)
            .filter(d -> fromId.map(from -> d.id() <= from).orElse(true))
            .sorted(Comparator.comparingLong(Delivery::id).reversed())
            .limit(perPage + 1L)
            .toList();
    if (newestFirst.size() <= perPage) {
      return new Page(newestFirst, Optional.empty());
    }
    return new Page(newestFirst.subList(0, perPage), Optional.of(newestFirst.get(perPage).id()));
  }

  synchronized Delivery delivery(long hookId, long deliveryId) {
    return deliveries.stream()
        .filter(d -> d.hookId() == hookId && d.id() == deliveryId)
        .findFirst()
        .orElseThrow(GitHubErrorResponse::notFound);
  }

  /** Every recorded delivery of the repository's hook, oldest first (for the control API). */
  synchronized List<Delivery> deliveriesOf(String repoKey) {
    Hook hook = byRepo.get(repoKey);
    return hook == null
        ? List.of()
        : deliveries.stream().filter(d -> d.hookId() == hook.id()).toList();
  }

  synchronized void reset() {
    deliveries.clear();
  }

  private Hook hookFor(String repoKey) {
    return byRepo.computeIfAbsent(repoKey, k -> new Hook(nextHookId++, k, clock.nowSeconds()));
  }
}
