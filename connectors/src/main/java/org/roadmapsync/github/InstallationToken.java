package org.roadmapsync.github;

import java.time.Instant;

/**
 * The answer of {@code POST /app/installations/{id}/access_tokens}: a token for the installation's
 * repositories and when it expires. Its {@link #toString()} never shows the token.
 */
public record InstallationToken(String token, Instant expiresAt) {
  @Override
  public String toString() {
    return "InstallationToken[expiresAt=" + expiresAt + "]";
  }
}
