package org.roadmapsync.github;

import java.util.Map;
import java.util.Optional;

/**
 * The answer of {@code GET /rate_limit} (which costs nothing): one snapshot per resource ({@code
 * core}, {@code search}, ...).
 */
public record RateLimits(Map<String, RateLimitSnapshot> resources) {

  public RateLimits {
    resources = Map.copyOf(resources);
  }

  public Optional<RateLimitSnapshot> core() {
    return Optional.ofNullable(resources.get("core"));
  }
}
