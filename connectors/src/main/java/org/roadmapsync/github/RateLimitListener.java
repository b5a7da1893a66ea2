package org.roadmapsync.github;

/**
 * Receives the rate-limit snapshot of every response that carries one (errors and 304s included),
 * in the order responses arrive. Called on a Pekko dispatcher thread: hand over (e.g. {@code
 * actorRef.tell}), do not block.
 */
@FunctionalInterface
public interface RateLimitListener {

  void onRateLimit(RateLimitSnapshot snapshot);

  RateLimitListener NONE = snapshot -> {};
}
