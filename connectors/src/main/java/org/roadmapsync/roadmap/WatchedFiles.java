package org.roadmapsync.roadmap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * What the watcher last saw of each issue file, and the pure comparison of two such views into
 * events. Kept apart from the threads and the file system so the decisions can be tested alone.
 */
final class WatchedFiles {
  /**
   * One file as last seen: its id (when it parsed), hash, size and modification time, or its
   * problem.
   */
  record Seen(
      Optional<String> id,
      String hash,
      long size,
      long modified,
      Optional<RoadmapFileProblem> problem) {}

  private WatchedFiles() {}

  /**
   * The events that turn {@code before} into {@code after}. {@code ownWrite} tells which (id, hash)
   * pairs the store wrote itself: those are not reported.
   */
  static List<RoadmapEvent> diff(
      Map<Path, Seen> before, Map<Path, Seen> after, BiPredicate<String, String> ownWrite) {
    Map<String, Path> oldIds = usable(before);
    Map<String, Path> newIds = usable(after);
    Map<Path, RoadmapFileProblem> oldProblems = problems(before, oldIds);
    // an id whose file could not be used: its entity holds the problem, so a usable file is news
    // even when its bytes are one of the store's own writes (a teammate reverting a broken commit)
    Set<String> wereInvalid = new HashSet<>();
    oldProblems.values().forEach(p -> p.issueId().ifPresent(wereInvalid::add));
    List<RoadmapEvent> events = new ArrayList<>();
    for (Map.Entry<String, Path> entry : newIds.entrySet()) {
      String id = entry.getKey();
      Path path = entry.getValue();
      String hash = after.get(path).hash();
      Path oldPath = oldIds.get(id);
      if (oldPath != null && oldPath.equals(path) && before.get(oldPath).hash().equals(hash)) {
        continue;
      }
      if (ownWrite.test(id, hash) && !wereInvalid.contains(id)) {
        continue;
      }
      if (oldPath == null) {
        events.add(new RoadmapEvent.Created(id, path, hash));
      } else if (!oldPath.equals(path)) {
        events.add(new RoadmapEvent.Moved(id, oldPath, path, hash));
      } else {
        events.add(new RoadmapEvent.Changed(id, path, hash));
      }
    }
    Map<Path, RoadmapFileProblem> newProblems = problems(after, newIds);
    newProblems.forEach(
        (path, problem) -> {
          Seen old = before.get(path);
          if (old == null
              || !old.hash().equals(after.get(path).hash())
              || !oldProblems.containsKey(path)) {
            events.add(new RoadmapEvent.Invalid(problem, after.get(path).hash()));
          }
        });
    for (Map.Entry<String, Path> entry : oldIds.entrySet()) {
      String id = entry.getKey();
      boolean nowInvalid =
          newProblems.values().stream().anyMatch(p -> p.issueId().equals(Optional.of(id)));
      if (!newIds.containsKey(id) && !nowInvalid) {
        events.add(
            new RoadmapEvent.Deleted(id, entry.getValue(), before.get(entry.getValue()).hash()));
      }
    }
    return events;
  }

  /** Files that cannot be used: parse problems, and files whose id another file also has. */
  private static Map<Path, RoadmapFileProblem> problems(
      Map<Path, Seen> view, Map<String, Path> usable) {
    Map<Path, RoadmapFileProblem> problems = new HashMap<>();
    view.forEach(
        (path, seen) -> {
          if (seen.problem().isPresent()) {
            problems.put(path, seen.problem().get());
            return;
          }
          String id = seen.id().orElse(null);
          Path winner = id == null ? null : usable.get(id);
          boolean shadowedArchiveCopy = winner != null && IssueLayout.isUnderArchive(path);
          if (id != null && !path.equals(winner) && !shadowedArchiveCopy) {
            problems.put(
                path,
                new RoadmapFileProblem(
                    path,
                    1,
                    "id '" + id + "' is used by more than one file",
                    RoadmapFileProblem.Kind.DUPLICATE_ID,
                    Optional.of(id)));
          }
        });
    return problems;
  }

  /** Id to file for the files that parsed, with the store's rule for ids found in several files. */
  static Map<String, Path> usable(Map<Path, Seen> view) {
    Map<String, List<Path>> byId = new HashMap<>();
    view.forEach(
        (path, seen) -> {
          if (seen.problem().isEmpty() && seen.id().isPresent()) {
            byId.computeIfAbsent(seen.id().get(), k -> new ArrayList<>()).add(path);
          }
        });
    Map<String, Path> usable = new HashMap<>();
    byId.forEach(
        (id, paths) -> {
          List<Path> active = paths.stream().filter(p -> !IssueLayout.isUnderArchive(p)).toList();
          if (paths.size() == 1) {
            usable.put(id, paths.get(0));
          } else if (active.size() == 1) {
            usable.put(id, active.get(0));
          }
        });
    return usable;
  }
}
