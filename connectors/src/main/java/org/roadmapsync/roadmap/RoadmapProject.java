package org.roadmapsync.roadmap;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A project file ({@code projects/<id>-<slug>.md}).
 *
 * @param githubRepo {@code owner/name} from {@code github_repo}, or from a GitHub {@code repo_url}
 */
public record RoadmapProject(
    Optional<String> id,
    String name,
    Optional<String> status,
    Optional<String> githubRepo,
    Path path,
    Map<String, Object> frontMatter) {}
