package org.roadmapsync.sync;

import java.time.Clock;
import java.util.Optional;
import org.roadmapsync.config.ConflictStrategy;

/** What every issue entity works with: the two sides, the conflict strategy, the default repository. */
public record SyncContext(
    GitHubPort github, RoadmapPort roadmap, ConflictStrategy strategy, Optional<String> defaultRepo, Clock clock) {}
