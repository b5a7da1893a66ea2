package org.roadmapsync.git;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest {@link GitStatus}, kept outside the actor so it outlives the actor's restarts and is
 * read without asking it (health answers from memory).
 */
final class GitStatusBoard {

  private final Clock clock;
  private final String remote;
  private final String branch;
  private final String path;
  private String status;
  private Instant lastFetchAt;
  private Instant lastPushAt;
  private Instant lastCommitAt;
  private String lastCommit;
  private int ahead;
  private int behind;
  private String lastError;
  private Instant lastErrorAt;
  private int consecutiveFailures;
  private Instant checkedAt;

  GitStatusBoard(RoadmapClone clone, Clock clock, Optional<String> startProblem) {
    this.clock = clock;
    this.remote = clone.remote().url();
    this.branch = clone.branch();
    this.path = clone.path();
    this.status = GitStatus.UNKNOWN;
    this.checkedAt = clock.instant();
    startProblem.ifPresent(problem -> failed(problem, Optional.empty()));
  }

  synchronized GitStatus get() {
    return new GitStatus(
        status,
        remote,
        branch,
        path,
        lastFetchAt,
        lastPushAt,
        lastCommitAt,
        lastCommit,
        ahead,
        behind,
        lastError,
        lastErrorAt,
        consecutiveFailures,
        checkedAt);
  }

  synchronized void fetched() {
    lastFetchAt = checked();
  }

  synchronized void pushed() {
    lastPushAt = checked();
  }

  synchronized void committed(String commit) {
    lastCommitAt = checked();
    lastCommit = commit;
  }

  /** A cycle ended well: {@code UP}, the error cleared. */
  synchronized void succeeded(RoadmapClone.AheadBehind counts) {
    checked();
    status = GitStatus.UP;
    ahead = counts.ahead();
    behind = counts.behind();
    lastError = null;
    lastErrorAt = null;
    consecutiveFailures = 0;
  }

  /** A cycle failed: {@code DEGRADED} with the (credential-free) reason. */
  synchronized void failed(String reason, Optional<RoadmapClone.AheadBehind> counts) {
    status = GitStatus.DEGRADED;
    counts.ifPresent(
        c -> {
          ahead = c.ahead();
          behind = c.behind();
        });
    lastError = reason;
    lastErrorAt = checked();
    consecutiveFailures++;
  }

  /** Now, as the time of the latest change. */
  private Instant checked() {
    checkedAt = clock.instant();
    return checkedAt;
  }
}
