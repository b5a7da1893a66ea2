package org.roadmapsync.github;

import java.time.Instant;

/**
 * What one response's {@code x-ratelimit-*} headers said about the token's quota for one resource.
 */
public record RateLimitSnapshot(
    long limit, long remaining, long used, Instant resetAt, String resource) {

  public boolean exhausted() {
    return remaining <= 0;
  }
}
