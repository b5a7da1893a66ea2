package org.roadmapsync.github;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the transport gets the token for each request: a personal token that never changes, or a
 * GitHub App's installation tokens, which are renewed before they expire. A request waits for a
 * renewal under way rather than go out with a token about to expire.
 */
public interface GitHubCredentials {

  /** The token for the next request; completes once a valid one is at hand. */
  CompletionStage<GitHubToken> token();

  /**
   * GitHub answered 401 to {@code token}: renew it if that can help. True when the next {@link
   * #token()} brings a fresh one (the request is then sent again, once); false for a fixed token.
   */
  boolean refused(GitHubToken token);

  /**
   * Stays the same across renewals, for the ETag cache: a renewed installation token sees what the
   * previous one saw, so its conditional requests stay free.
   */
  String cacheKey();

  /** A personal access token. */
  static GitHubCredentials of(GitHubToken token) {
    return new Fixed(token);
  }

  /** The same token for every request; a 401 is final. */
  record Fixed(GitHubToken value) implements GitHubCredentials {
    @Override
    public CompletionStage<GitHubToken> token() {
      return CompletableFuture.completedFuture(value);
    }

    @Override
    public boolean refused(GitHubToken refused) {
      return false;
    }

    @Override
    public String cacheKey() {
      return value.fingerprint();
    }
  }
}
