package org.roadmapsync.git;

import java.time.Clock;
import java.util.Optional;

/**
 * The latest {@link GitStatus}, kept outside the actor so it outlives the actor's restarts and is
 * read without asking it (health answers from memory).
 */
final class GitStatusBoard {

  private final Clock clock;
  private GitStatus current;

  GitStatusBoard(RoadmapClone clone, Clock clock, Optional<String> startProblem) {
    this.clock = clock;
    this.current =
        new GitStatus(
            startProblem.isPresent() ? GitStatus.DEGRADED : GitStatus.UNKNOWN,
            clone.remote().url(),
            clone.branch(),
            clone.path(),
            null,
            null,
            null,
            null,
            0,
            0,
            startProblem.orElse(null),
            startProblem.isPresent() ? clock.instant() : null,
            startProblem.isPresent() ? 1 : 0,
            clock.instant());
  }

  synchronized GitStatus get() {
    return current;
  }

  synchronized void fetched() {
    var s = current;
    current =
        new GitStatus(
            s.status(),
            s.remote(),
            s.branch(),
            s.path(),
            clock.instant(),
            s.lastPushAt(),
            s.lastCommitAt(),
            s.lastCommit(),
            s.ahead(),
            s.behind(),
            s.lastError(),
            s.lastErrorAt(),
            s.consecutiveFailures(),
            clock.instant());
  }

  synchronized void pushed() {
    var s = current;
    current =
        new GitStatus(
            s.status(),
            s.remote(),
            s.branch(),
            s.path(),
            s.lastFetchAt(),
            clock.instant(),
            s.lastCommitAt(),
            s.lastCommit(),
            s.ahead(),
            s.behind(),
            s.lastError(),
            s.lastErrorAt(),
            s.consecutiveFailures(),
            clock.instant());
  }

  synchronized void committed(String commit) {
    var s = current;
    current =
        new GitStatus(
            s.status(),
            s.remote(),
            s.branch(),
            s.path(),
            s.lastFetchAt(),
            s.lastPushAt(),
            clock.instant(),
            commit,
            s.ahead(),
            s.behind(),
            s.lastError(),
            s.lastErrorAt(),
            s.consecutiveFailures(),
            clock.instant());
  }

  /** A cycle ended well: {@code UP}, the error cleared. */
  synchronized void succeeded(RoadmapClone.AheadBehind counts) {
    var s = current;
    current =
        new GitStatus(
            GitStatus.UP,
            s.remote(),
            s.branch(),
            s.path(),
            s.lastFetchAt(),
            s.lastPushAt(),
            s.lastCommitAt(),
            s.lastCommit(),
            counts.ahead(),
            counts.behind(),
            null,
            null,
            0,
            clock.instant());
  }

  /** A cycle failed: {@code DEGRADED} with the (credential-free) reason. */
  synchronized void failed(String reason, Optional<RoadmapClone.AheadBehind> counts) {
    var s = current;
    current =
        new GitStatus(
            GitStatus.DEGRADED,
            s.remote(),
            s.branch(),
            s.path(),
            s.lastFetchAt(),
            s.lastPushAt(),
            s.lastCommitAt(),
            s.lastCommit(),
            counts.map(RoadmapClone.AheadBehind::ahead).orElse(s.ahead()),
            counts.map(RoadmapClone.AheadBehind::behind).orElse(s.behind()),
            reason,
            clock.instant(),
            s.consecutiveFailures() + 1,
            clock.instant());
  }
}
