package org.roadmapsync.health;

import java.util.LinkedHashMap;
import java.util.Map;
import org.roadmapsync.git.GitStatus;

/**
 * The git-backed roadmap as a {@code /health} component: {@code UP}, {@code DEGRADED} (the remote
 * is unreachable or refused a push: local and GitHub sync go on) or {@code UNKNOWN}; never {@code
 * DOWN}, so it never takes the service down.
 */
public final class GitHealth {

  private GitHealth() {}

  public static ComponentHealth of(GitStatus status) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("remote", status.remote());
    details.put("branch", status.branch());
    details.put("path", status.path());
    details.put("lastFetchAt", status.lastFetchAt());
    details.put("lastPushAt", status.lastPushAt());
    details.put("lastCommitAt", status.lastCommitAt());
    details.put("ahead", status.ahead());
    details.put("behind", status.behind());
    details.put("lastError", status.lastError());
    details.put("consecutiveFailures", status.consecutiveFailures());
    return new ComponentHealth(status.status(), status.lastError(), status.checkedAt(), details);
  }
}
