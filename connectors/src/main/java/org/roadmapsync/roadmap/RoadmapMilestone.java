package org.roadmapsync.roadmap;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A milestone file ({@code milestones/<slug>.md} or {@code archive/milestones/...}).
 *
 * @param name the {@code name} key (what issues put in {@code milestone}), else the file name
 */
public record RoadmapMilestone(
    String name,
    Optional<String> description,
    Optional<String> dueDate,
    Optional<String> status,
    OptionalInt githubMilestone,
    boolean archived,
    Path path,
    Map<String, Object> frontMatter) {}
