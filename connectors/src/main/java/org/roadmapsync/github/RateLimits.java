package org.roadmapsync.github;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The answer of {@code GET /rate_limit} (which costs nothing): one snapshot per resource ({@code
 * core}, {@code search}, ...), and the token's scopes from the answer's {@code X-OAuth-Scopes}
 * header, which GitHub sends with every answer to a classic token (empty when the header is absent
 * or empty: fine-grained tokens and GitHub App tokens have no scopes).
 */
public record RateLimits(Map<String, RateLimitSnapshot> resources, Set<String> scopes) {

  public RateLimits {
    resources = Map.copyOf(resources);
    scopes = Set.copyOf(scopes);
  }

  /** Rate limits of an answer that named no scopes. */
  public RateLimits(Map<String, RateLimitSnapshot> resources) {
    this(resources, Set.of());
  }

  public Optional<RateLimitSnapshot> core() {
    return Optional.ofNullable(resources.get("core"));
  }
}
