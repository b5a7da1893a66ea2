package org.roadmapsync.roadmap;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link RoadmapStore#loadAll()} found.
 *
 * @param issues one per id, sorted by id
 * @param problems files that cannot be used (the issue they name goes to {@code error})
 * @param shadowed archived copies of an id that also has an active file; the active file wins
 */
public record LoadResult(
    List<RoadmapIssue> issues, List<RoadmapFileProblem> problems, Map<Path, String> shadowed) {
  public LoadResult {
    issues = List.copyOf(issues);
    problems = List.copyOf(problems);
    shadowed = Map.copyOf(shadowed);
  }
}
