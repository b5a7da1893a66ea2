package org.roadmapsync.github;

/**
 * An issue's {@code issue_dependencies_summary}: how many issues block it and how many it blocks.
 * Every issue listing and webhook carries it, so a change of a count says the relations changed
 * without reading them.
 */
public record DependencySummary(
    int blockedBy, int blocking, int totalBlockedBy, int totalBlocking) {}
