package org.roadmapsync.git;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The git-backed roadmap as {@code /health} ({@code components.git}) and {@code GET /api/git} show
 * it. {@code status}: {@code UP}, {@code DEGRADED} (the last fetch or push failed or was refused:
 * {@code lastError} says why; local and GitHub sync go on) or {@code UNKNOWN} (before the first
 * exchange with the remote). {@code remote} never carries credentials.
 *
 * @param ahead the service's commits the remote does not have yet
 * @param behind the remote's commits not brought in yet
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GitStatus(
    String status,
    String remote,
    String branch,
    String path,
    Instant lastFetchAt,
    Instant lastPushAt,
    Instant lastCommitAt,
    String lastCommit,
    int ahead,
    int behind,
    String lastError,
    Instant lastErrorAt,
    int consecutiveFailures,
    Instant checkedAt) {

  public static final String UP = "UP";
  public static final String DEGRADED = "DEGRADED";
  public static final String UNKNOWN = "UNKNOWN";
}
