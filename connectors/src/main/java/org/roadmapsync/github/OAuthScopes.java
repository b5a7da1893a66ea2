package org.roadmapsync.github;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the comma-separated scope lists of {@code X-OAuth-Scopes} and {@code
 * X-Accepted-OAuth-Scopes}.
 */
final class OAuthScopes {

  private OAuthScopes() {}

  static Set<String> parse(String header) {
    if (header == null || header.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(header.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
