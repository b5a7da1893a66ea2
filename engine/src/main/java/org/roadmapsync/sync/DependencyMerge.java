package org.roadmapsync.sync;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Merges the issues one roadmap issue is blocked by, three ways as labels merge (see {@link
 * ThreeWayMerge}): against {@code base}, the set both sides last agreed on, an id added on either
 * side is added and one removed on either side is removed, so relations never conflict. Pure.
 *
 * <p>GitHub's side is in roadmap ids: its blocking issues that a roadmap file links. Those no file
 * links are not part of the merge: they stay on GitHub untouched and are only shown. A relation to
 * a roadmap issue without a GitHub issue yet cannot be written: it is {@code pending} until that
 * issue is linked, and is not removed from the file meanwhile.
 *
 * @param merged the ids the issue is blocked by after the merge (the files' new lists)
 * @param toAdd blocked-by relations to make on GitHub, each once
 * @param toRemove blocked-by relations to delete on GitHub
 * @param pending relations that wait for their blocking issue to be linked
 * @param base the new base once every write is made: {@code merged} less the pending ones
 */
public record DependencyMerge(
    Set<String> merged,
    Set<String> toAdd,
    Set<String> toRemove,
    Set<String> pending,
    Set<String> base) {

  public DependencyMerge {
    merged = Set.copyOf(merged);
    toAdd = Set.copyOf(toAdd);
    toRemove = Set.copyOf(toRemove);
    pending = Set.copyOf(pending);
    base = Set.copyOf(base);
  }

  /**
   * @param base the blocking ids both sides agreed on (null: never synced: the union of both)
   * @param roadmap the blocking ids the files state
   * @param gitHub the blocking ids GitHub has, of issues a file links
   * @param linked whether a roadmap id has its GitHub issue
   */
  public static DependencyMerge of(
      Set<String> base, Set<String> roadmap, Set<String> gitHub, Predicate<String> linked) {
    Set<String> agreed = base == null ? Set.of() : base;
    Set<String> merged = new TreeSet<>();
    for (Set<String> side : java.util.List.of(roadmap, gitHub)) {
      for (String id : side) {
        // a relation GitHub cannot have yet is not taken as removed there
        boolean onGitHub = gitHub.contains(id) || !linked.test(id);
        if (!agreed.contains(id) || (roadmap.contains(id) && onGitHub)) {
          merged.add(id);
        }
      }
    }
    Set<String> toAdd = new TreeSet<>();
    Set<String> pending = new TreeSet<>();
    for (String id : merged) {
      if (!gitHub.contains(id)) {
        (linked.test(id) ? toAdd : pending).add(id);
      }
    }
    Set<String> toRemove = new TreeSet<>(gitHub);
    toRemove.removeAll(merged);
    Set<String> settled = new TreeSet<>(merged);
    settled.removeAll(pending);
    return new DependencyMerge(merged, toAdd, toRemove, pending, settled);
  }

  /** Nothing to write on GitHub. */
  public boolean gitHubInStep() {
    return toAdd.isEmpty() && toRemove.isEmpty();
  }
}
