package org.roadmapsync.github;

import java.util.Set;

/**
 * The token's user and the scopes GitHub says the token has ({@code X-OAuth-Scopes}; empty for
 * fine-grained tokens).
 */
public record AuthenticatedUser(User user, Set<String> scopes) {

  public AuthenticatedUser {
    scopes = Set.copyOf(scopes);
  }
}
