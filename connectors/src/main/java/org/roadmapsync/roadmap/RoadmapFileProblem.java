package org.roadmapsync.roadmap;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file under {@code .roadmap/} that cannot be used as it is. The store never rewrites such a
 * file; the engine puts the issue named by {@link #issueId()} (from the front matter, else the file
 * name) in {@code error}.
 *
 * @param path relative to the {@code .roadmap} folder
 * @param line 1-based line of the problem in the file
 */
public record RoadmapFileProblem(
    Path path, int line, String reason, Kind kind, Optional<String> issueId) {

  /** What is wrong with the file. */
  public enum Kind {
    UNREADABLE,
    YAML_SYNTAX,
    MISSING_ID,
    ID_MISMATCH,
    DUPLICATE_ID,
    INVALID_VALUE
  }

  @Override
  public String toString() {
    return path + ":" + line + ": " + reason;
  }
}
