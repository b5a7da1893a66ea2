package org.roadmapsync.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.roadmapsync.roadmap.IssueRelations;

/**
 * What a sync of the dependencies does across every roadmap issue, as one pure decision: the GitHub
 * writes (each relation once, on its blocked issue), the files whose {@code depends_on} or {@code
 * blocks} change (both ends of each relation kept in step), what waits and what is only shown.
 *
 * <p>The files' side of a relation follows from both files: one both sides agreed on ({@code base})
 * is still there only while both files name it, so removing it from either list removes it; a new
 * one needs one list to name it. Per blocked issue, the files' side and GitHub's merge as sets
 * ({@link DependencyMerge}). A blocked issue without its GitHub issue cannot have relations
 * written: its relations wait (pending), as do relations to a blocking issue without one.
 *
 * @param writes the GitHub writes, in the order of their blocked and blocking ids
 * @param files the new lists of each file that changes
 * @param pending per blocked issue, the relations that wait for a GitHub issue
 * @param base per linked blocked issue, the blocking ids both sides hold once the writes are made
 * @param problems per file, the ids it names that cannot be used (left as written)
 * @param cycles the cycles among the relations after the merge, each once
 */
public record DependencyPlan(
    List<Write> writes,
    Map<String, IssueRelations> files,
    Map<String, Set<String>> pending,
    Map<String, Set<String>> base,
    Map<String, List<RelationGraph.Problem>> problems,
    List<List<String>> cycles) {

  /** One relation to make or delete on GitHub. */
  public sealed interface Write {
    Relation relation();
  }

  /** {@code POST …/issues/{blocked}/dependencies/blocked_by} with the blocking issue's id. */
  public record Add(Relation relation) implements Write {}

  /** {@code DELETE …/issues/{blocked}/dependencies/blocked_by/{blocking issue's id}}. */
  public record Remove(Relation relation) implements Write {}

  /**
   * @param files every roadmap file's lists, by roadmap id
   * @param base per blocked id, the blocking ids both sides last agreed on (none: never synced)
   * @param gitHub per linked blocked id, the blocking ids GitHub has, of issues a file links
   *     (relations to issues no file links are not part of the plan: they stay on GitHub); a linked
   *     id without an entry: GitHub's side not read yet
   * @param linked the roadmap ids that have their GitHub issue
   */
  public static DependencyPlan of(
      Map<String, IssueRelations> files,
      Map<String, Set<String>> base,
      Map<String, Set<String>> gitHub,
      Set<String> linked) {
    RelationGraph stated = RelationGraph.of(files);
    Map<String, Set<String>> dependsOn = new TreeMap<>();
    Map<String, Set<String>> blockedByBlocks = new TreeMap<>();
    for (Stated r : statedBy(files, stated)) {
      if (r.viaDependsOn()) {
        dependsOn
            .computeIfAbsent(r.relation().blocked(), k -> new TreeSet<>())
            .add(r.relation().blocking());
      } else {
        blockedByBlocks
            .computeIfAbsent(r.relation().blocked(), k -> new TreeSet<>())
            .add(r.relation().blocking());
      }
    }
    List<Write> writes = new ArrayList<>();
    Set<Relation> target = new TreeSet<>(Relation.ORDER);
    Map<String, Set<String>> pending = new TreeMap<>();
    Map<String, Set<String>> newBase = new TreeMap<>();
    for (String id : files.keySet()) {
      Set<String> agreed = base.get(id);
      Set<String> roadmap =
          roadmapSide(
              agreed,
              dependsOn.getOrDefault(id, Set.of()),
              blockedByBlocks.getOrDefault(id, Set.of()),
              files.keySet());
      if (!linked.contains(id)) {
        roadmap.forEach(x -> target.add(new Relation(id, x)));
        if (!roadmap.isEmpty()) {
          pending.put(id, Set.copyOf(roadmap));
        }
        continue;
      }
      Set<String> onGitHub = gitHub.get(id);
      if (onGitHub == null) {
        // GitHub's side not read yet (after a restart, before the first listing): it is not
        // taken as empty, which would read as every agreed relation removed there. The files'
        // side stands; nothing is written or agreed for this issue until GitHub's is known.
        roadmap.forEach(x -> target.add(new Relation(id, x)));
        continue;
      }
      DependencyMerge merge = DependencyMerge.of(agreed, roadmap, onGitHub, linked::contains);
      merge.merged().forEach(x -> target.add(new Relation(id, x)));
      merge.toRemove().forEach(x -> writes.add(new Remove(new Relation(id, x))));
      merge.toAdd().forEach(x -> writes.add(new Add(new Relation(id, x))));
      if (!merge.pending().isEmpty()) {
        pending.put(id, merge.pending());
      }
      newBase.put(id, merge.base());
    }
    Map<String, IssueRelations> edits = new TreeMap<>();
    for (var file : files.entrySet()) {
      IssueRelations wanted =
          RelationGraph.fileLists(file.getKey(), file.getValue(), target, files.keySet());
      if (!sameIds(wanted.dependsOnIds(), file.getValue().dependsOnIds())
          || !sameIds(wanted.blocksIds(), file.getValue().blocksIds())) {
        edits.put(file.getKey(), wanted);
      }
    }
    Map<String, List<RelationGraph.Problem>> problems = new TreeMap<>();
    files.keySet().stream()
        .filter(id -> !stated.problems(id).isEmpty())
        .forEach(id -> problems.put(id, stated.problems(id)));
    return new DependencyPlan(
        List.copyOf(writes),
        Map.copyOf(edits),
        Map.copyOf(pending),
        Map.copyOf(newBase),
        Map.copyOf(problems),
        cyclesOf(target));
  }

  /**
   * Which list states a relation: the blocked issue's {@code depends_on}, or the other's blocks.
   */
  private record Stated(Relation relation, boolean viaDependsOn) {}

  private static List<Stated> statedBy(Map<String, IssueRelations> files, RelationGraph graph) {
    List<Stated> all = new ArrayList<>();
    files.forEach(
        (id, lists) -> {
          Set<String> unusable = new HashSet<>();
          graph.problems(id).forEach(p -> unusable.add(p.key() + "\u0000" + p.id()));
          for (String x : lists.dependsOnIds()) {
            if (!unusable.contains("depends_on\u0000" + x)) {
              all.add(new Stated(new Relation(id, x), true));
            }
          }
          for (String y : lists.blocksIds()) {
            if (!unusable.contains("blocks\u0000" + y)) {
              all.add(new Stated(new Relation(y, id), false));
            }
          }
        });
    return all;
  }

  // An agreed relation stays only while both files name it (the blocking issue's file may be
  // gone: then its own list cannot); a new one needs either.
  private static Set<String> roadmapSide(
      Set<String> agreed, Set<String> dependsOn, Set<String> viaBlocks, Set<String> known) {
    Set<String> side = new TreeSet<>();
    Set<String> named = new TreeSet<>(dependsOn);
    named.addAll(viaBlocks);
    for (String x : named) {
      boolean both = dependsOn.contains(x) && (viaBlocks.contains(x) || !known.contains(x));
      if (agreed == null || !agreed.contains(x) || both) {
        side.add(x);
      }
    }
    return side;
  }

  private static boolean sameIds(List<String> a, List<String> b) {
    return a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
  }

  private static List<List<String>> cyclesOf(Set<Relation> relations) {
    Map<String, IssueRelations> asFiles = new TreeMap<>();
    for (Relation r : relations) {
      asFiles.computeIfAbsent(r.blocked(), k -> IssueRelations.NONE);
      asFiles.computeIfAbsent(r.blocking(), k -> IssueRelations.NONE);
    }
    Map<String, List<IssueRelations.Ref>> deps = new TreeMap<>();
    relations.forEach(
        r ->
            deps.computeIfAbsent(r.blocked(), k -> new ArrayList<>())
                .add(new IssueRelations.Ref(r.blocking(), 0)));
    deps.forEach((id, refs) -> asFiles.put(id, new IssueRelations(refs, List.of())));
    return RelationGraph.of(asFiles).cycles();
  }
}
