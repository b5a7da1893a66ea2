package org.roadmapsync.sync;

import java.time.Clock;
import java.util.Optional;
import org.roadmapsync.config.ConflictStrategy;

/**
 * What every issue entity works with: the two sides, the conflict strategy, the default repository, and
 * where it reports its sync latency.
 */
public record SyncContext(
    GitHubPort github,
    RoadmapPort roadmap,
    ConflictStrategy strategy,
    Optional<String> defaultRepo,
    Clock clock,
    SyncMetrics metrics) {

  /** Without metrics (tests, and callers that do not measure). */
  public SyncContext(GitHubPort github, RoadmapPort roadmap, ConflictStrategy strategy, Optional<String> defaultRepo, Clock clock) {
    this(github, roadmap, strategy, defaultRepo, clock, SyncMetrics.NONE);
  }
}
