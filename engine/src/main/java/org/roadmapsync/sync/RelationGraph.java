package org.roadmapsync.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.roadmapsync.roadmap.IssueRelations;

/**
 * The dependencies the roadmap files state, as one graph: {@code A.depends_on: [X]} and {@code
 * X.blocks: [A]} are the same {@link Relation}, so a relation written on either side (or both)
 * counts once. Pure: built from every file's {@code depends_on} and {@code blocks}.
 *
 * <p>What the files cannot mean is reported, never guessed at: an id no file has, or an issue
 * naming itself, is a {@link Problem} on the file that names it, with its line, and gives no
 * relation. A cycle (A waits for B, B for A) is kept as written (GitHub takes it too) and listed
 * once in {@link #cycles()}, each as its ids in order from the smallest.
 */
public final class RelationGraph {

  /** A relation id a file names that cannot be used; {@code line} is where the file names it. */
  public record Problem(String issue, String key, String id, int line) {
    public String describe() {
      return id.equals(issue)
          ? key + " names the issue itself (line " + line + ")"
          : key + " names '" + id + "', which no roadmap file has (line " + line + ")";
    }
  }

  private final Set<Relation> relations;
  private final Map<String, List<Problem>> problems;
  private final List<List<String>> cycles;

  private RelationGraph(
      Set<Relation> relations, Map<String, List<Problem>> problems, List<List<String>> cycles) {
    this.relations = relations;
    this.problems = problems;
    this.cycles = cycles;
  }

  /** The graph of {@code files}: roadmap id → its {@code depends_on} and {@code blocks}. */
  public static RelationGraph of(Map<String, IssueRelations> files) {
    Set<Relation> relations = new TreeSet<>(Relation.ORDER);
    Map<String, List<Problem>> problems = new TreeMap<>();
    files.forEach(
        (id, lists) -> {
          for (IssueRelations.Ref ref : lists.dependsOn()) {
            if (usable(files, id, "depends_on", ref, problems)) {
              relations.add(new Relation(id, ref.id()));
            }
          }
          for (IssueRelations.Ref ref : lists.blocks()) {
            if (usable(files, id, "blocks", ref, problems)) {
              relations.add(new Relation(ref.id(), id));
            }
          }
        });
    return new RelationGraph(
        Set.copyOf(relations), Map.copyOf(problems), List.copyOf(cycles(relations)));
  }

  private static boolean usable(
      Map<String, IssueRelations> files,
      String id,
      String key,
      IssueRelations.Ref ref,
      Map<String, List<Problem>> problems) {
    if (ref.id().equals(id) || !files.containsKey(ref.id())) {
      problems
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(new Problem(id, key, ref.id(), ref.line()));
      return false;
    }
    return true;
  }

  public Set<Relation> relations() {
    return relations;
  }

  /** The ids of the issues {@code id} depends on (is blocked by), by the files. */
  public Set<String> blockedBy(String id) {
    Set<String> ids = new TreeSet<>();
    relations.stream().filter(r -> r.blocked().equals(id)).forEach(r -> ids.add(r.blocking()));
    return ids;
  }

  /** The ids of the issues {@code id} blocks, by the files. */
  public Set<String> blocking(String id) {
    Set<String> ids = new TreeSet<>();
    relations.stream().filter(r -> r.blocking().equals(id)).forEach(r -> ids.add(r.blocked()));
    return ids;
  }

  /** The unusable relation ids of issue {@code id}'s file, in file order per key. */
  public List<Problem> problems(String id) {
    return problems.getOrDefault(id, List.of());
  }

  /** Every cycle, once each, as ids from the smallest one round to the one before it again. */
  public List<List<String>> cycles() {
    return cycles;
  }

  /** The cycles {@code id} is part of. */
  public List<List<String>> cyclesThrough(String id) {
    return cycles.stream().filter(c -> c.contains(id)).toList();
  }

  /**
   * The lists a file should hold for {@code relations} (the merged ones): its own order first, then
   * the new ids sorted; ids a problem names stay where they are, as written.
   */
  public static IssueRelations fileLists(
      String id, IssueRelations current, Collection<Relation> relations, Set<String> known) {
    Set<String> dependsOn = new TreeSet<>();
    Set<String> blocks = new TreeSet<>();
    for (Relation r : relations) {
      if (r.blocked().equals(id)) {
        dependsOn.add(r.blocking());
      }
      if (r.blocking().equals(id)) {
        blocks.add(r.blocked());
      }
    }
    return new IssueRelations(
        ordered(current.dependsOn(), dependsOn, known, id),
        ordered(current.blocks(), blocks, known, id));
  }

  private static List<IssueRelations.Ref> ordered(
      List<IssueRelations.Ref> current, Set<String> wanted, Set<String> known, String self) {
    Set<String> ids = new LinkedHashSet<>();
    for (IssueRelations.Ref ref : current) {
      boolean unusable = ref.id().equals(self) || !known.contains(ref.id());
      if (unusable || wanted.contains(ref.id())) {
        ids.add(ref.id());
      }
    }
    ids.addAll(wanted);
    List<IssueRelations.Ref> refs = new ArrayList<>();
    ids.forEach(i -> refs.add(new IssueRelations.Ref(i, 0)));
    return refs;
  }

  // Each elementary cycle once: a depth-first walk from every id, keeping only cycles whose
  // smallest id is where the walk started, so the same loop found from another id is not repeated.
  private static List<List<String>> cycles(Set<Relation> relations) {
    Map<String, Set<String>> next = new HashMap<>();
    relations.forEach(
        r -> next.computeIfAbsent(r.blocked(), k -> new TreeSet<>()).add(r.blocking()));
    List<List<String>> found = new ArrayList<>();
    for (String start : new TreeSet<>(next.keySet())) {
      walk(
          start, start, next, new ArrayList<>(List.of(start)), new HashSet<>(Set.of(start)), found);
    }
    return found;
  }

  private static void walk(
      String start,
      String at,
      Map<String, Set<String>> next,
      List<String> path,
      Set<String> onPath,
      List<List<String>> found) {
    for (String to : next.getOrDefault(at, Set.of())) {
      if (to.equals(start)) {
        found.add(List.copyOf(path));
      } else if (to.compareTo(start) > 0 && !onPath.contains(to) && found.size() < 100) {
        path.add(to);
        onPath.add(to);
        walk(start, to, next, path, onPath, found);
        onPath.remove(to);
        path.remove(path.size() - 1);
      }
    }
  }
}
