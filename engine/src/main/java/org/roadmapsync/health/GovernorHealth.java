package org.roadmapsync.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Scheduler;
import org.roadmapsync.gateway.GitHubGateway;
import org.roadmapsync.gateway.RateLimitGovernor;

/**
 * The rate-limit governor as a {@code /health} component: holds, waiting requests, waits and the
 * quota it last saw. Holding is GitHub's limits at work, not a failure: the component stays UP and
 * says why.
 */
public final class GovernorHealth {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private GovernorHealth() {}

  public static CompletionStage<ComponentHealth> of(GitHubGateway gateway, Scheduler scheduler) {
    return gateway
        .governorState(scheduler, TIMEOUT)
        .handle(
            (state, error) ->
                error != null
                    ? new ComponentHealth(
                        ComponentHealth.UNKNOWN,
                        "the governor did not answer: " + error.getMessage(),
                        Instant.now(),
                        Map.of())
                    : component(state));
  }

  private static ComponentHealth component(RateLimitGovernor.State state) {
    Map<String, Object> details = new LinkedHashMap<>();
    Map<String, Long> quota = new TreeMap<>();
    state
        .pacing()
        .quota()
        .forEach((resource, snapshot) -> quota.put(resource, snapshot.remaining()));
    details.put("quotaRemaining", quota);
    details.put("waiting", state.waiting().values().stream().mapToInt(Integer::intValue).sum());
    details.put("granted", state.granted());
    details.put("waits", state.waits());
    details.put("waitedSeconds", state.waited().toMillis() / 1000.0);
    details.put("holds", state.pacing().holds());
    details.put("primaryHolds", new TreeMap<>(state.pacing().primaryHolds()));
    state.pacing().secondaryHold().ifPresent(until -> details.put("secondaryHoldUntil", until));
    String reason = null;
    if (state.pacing().secondaryHold().isPresent()) {
      reason =
          "holding requests: secondary rate limit until " + state.pacing().secondaryHold().get();
    } else if (!state.pacing().primaryHolds().isEmpty()) {
      reason =
          "holding requests: primary rate limit spent for "
              + state.pacing().primaryHolds().keySet();
    }
    return new ComponentHealth(ComponentHealth.UP, reason, state.at(), details);
  }
}
