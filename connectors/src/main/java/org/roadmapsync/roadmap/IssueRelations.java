package org.roadmapsync.roadmap;

import java.util.List;

/**
 * A roadmap issue's {@code depends_on} and {@code blocks}: the ids of other roadmap issues, in file
 * order, each with the line it is written on, so that a problem with one (an id no file has) can
 * name its place.
 */
public record IssueRelations(List<Ref> dependsOn, List<Ref> blocks) {

  public static final IssueRelations NONE = new IssueRelations(List.of(), List.of());

  /** One id of a relation list, and its line in the file (1-based). */
  public record Ref(String id, int line) {}

  public IssueRelations {
    dependsOn = List.copyOf(dependsOn);
    blocks = List.copyOf(blocks);
  }

  public List<String> dependsOnIds() {
    return dependsOn.stream().map(Ref::id).toList();
  }

  public List<String> blocksIds() {
    return blocks.stream().map(Ref::id).toList();
  }
}
