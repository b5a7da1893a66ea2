package org.roadmapsync.roadmap;

import java.nio.file.Path;

/**
 * A change to the issue files seen by {@link RoadmapWatcher}, not made by this process's store.
 * Paths are relative to the {@code .roadmap} folder; hashes are {@link ContentHash} values.
 */
public sealed interface RoadmapEvent {
  /** The issue id the event is about, when known. */
  String id();

  record Created(String id, Path path, String contentHash) implements RoadmapEvent {}

  record Changed(String id, Path path, String contentHash) implements RoadmapEvent {}

  /** The issue's file is gone; {@code lastContentHash} is the last version seen. */
  record Deleted(String id, Path path, String lastContentHash) implements RoadmapEvent {}

  /** The file moved (a new milestone folder, the archive); its content may have changed too. */
  record Moved(String id, Path from, Path path, String contentHash) implements RoadmapEvent {}

  /**
   * The file can no longer be used (bad YAML, duplicate id, ...): the engine puts the issue in
   * error.
   */
  record Invalid(RoadmapFileProblem problem, String contentHash) implements RoadmapEvent {
    @Override
    public String id() {
      return problem.issueId().orElse("");
    }
  }
}
