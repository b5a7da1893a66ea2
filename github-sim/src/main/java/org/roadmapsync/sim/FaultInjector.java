package org.roadmapsync.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Armed faults, the revoked token and the play-dead switch. */
final class FaultInjector {
  private final List<Armed> rules = new ArrayList<>();
  private volatile boolean tokenRevoked;
  private volatile boolean dead;
  private volatile String scopes = DEFAULT_SCOPES;
  static final String DEFAULT_SCOPES = "repo, user";

  private static final class Armed {
    final FaultRule rule;
    int left;

    Armed(FaultRule rule) {
      this.rule = rule;
      this.left = rule.count();
    }
  }

  synchronized void add(FaultRule rule) {
    rules.add(new Armed(rule));
  }

  /** The first armed rule for this request, spending one of its uses. */
  synchronized Optional<FaultRule> take(String method, String path) {
    for (Iterator<Armed> it = rules.iterator(); it.hasNext(); ) {
      Armed a = it.next();
      if (a.rule.matches(method, path)) {
        if (--a.left <= 0) it.remove();
        return Optional.of(a.rule);
      }
    }
    return Optional.empty();
  }

  boolean tokenRevoked() {
    return tokenRevoked;
  }

  void setTokenRevoked(boolean revoked) {
    tokenRevoked = revoked;
  }

  boolean dead() {
    return dead;
  }

  void setDead(boolean isDead) {
    dead = isDead;
  }

  /**
   * What {@code X-OAuth-Scopes} says the token may do; without {@code repo} writes to repositories
   * are refused.
   */
  String scopes() {
    return scopes;
  }

  void setScopes(String newScopes) {
    scopes = newScopes;
  }

  boolean mayWriteRepos() {
    return hasAny("repo", "public_repo");
  }

  /** Listing a repository's hooks and their deliveries: {@code read:repo_hook} or more. */
  boolean mayReadHooks() {
    return hasAny("repo", "admin:repo_hook", "write:repo_hook", "read:repo_hook");
  }

  /** Redelivering: {@code write:repo_hook} or more. */
  boolean mayWriteHooks() {
    return hasAny("repo", "admin:repo_hook", "write:repo_hook");
  }

  private boolean hasAny(String... wanted) {
    for (String s : scopes.split(",")) {
      String scope = s.trim();
      for (String w : wanted) if (scope.equals(w)) return true;
    }
    return false;
  }

  synchronized void reset() {
    scopes = DEFAULT_SCOPES;
    rules.clear();
    tokenRevoked = false;
    dead = false;
  }
}
