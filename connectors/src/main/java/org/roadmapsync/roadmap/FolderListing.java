package org.roadmapsync.roadmap;

import java.util.List;

/** Items read from a folder, and the files that could not be read. */
public record FolderListing<T>(List<T> items, List<RoadmapFileProblem> problems) {
  public FolderListing {
    items = List.copyOf(items);
    problems = List.copyOf(problems);
  }
}
