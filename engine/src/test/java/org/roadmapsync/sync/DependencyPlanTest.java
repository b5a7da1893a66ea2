package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.roadmapsync.roadmap.IssueRelations;
import org.roadmapsync.roadmap.IssueRelations.Ref;

/**
 * The dependency plan over a world of files and a fake GitHub: 20 issues with a random graph,
 * edited on both sides, end equal on both, each relation written once, and a second plan writes
 * nothing (no echo).
 */
class DependencyPlanTest {

  /** Files as lists of ids; each test edits them as a user would. */
  private static final class Files {
    final Map<String, List<String>> dependsOn = new TreeMap<>();
    final Map<String, List<String>> blocks = new TreeMap<>();

    Files(List<String> ids) {
      ids.forEach(
          id -> {
            dependsOn.put(id, new ArrayList<>());
            blocks.put(id, new ArrayList<>());
          });
    }

    Map<String, IssueRelations> read() {
      Map<String, IssueRelations> files = new TreeMap<>();
      dependsOn.forEach(
          (id, d) ->
              files.put(
                  id,
                  new IssueRelations(
                      d.stream().map(x -> new Ref(x, 5)).toList(),
                      blocks.get(id).stream().map(x -> new Ref(x, 9)).toList())));
      return files;
    }

    void apply(Map<String, IssueRelations> edits) {
      edits.forEach(
          (id, lists) -> {
            dependsOn.put(id, new ArrayList<>(lists.dependsOnIds()));
            blocks.put(id, new ArrayList<>(lists.blocksIds()));
          });
    }

    /** The relations the files state, either list counting. */
    Set<Relation> relations() {
      Set<Relation> all = new TreeSet<>(Relation.ORDER);
      dependsOn.forEach((a, xs) -> xs.forEach(x -> all.add(new Relation(a, x))));
      blocks.forEach((x, as) -> as.forEach(a -> all.add(new Relation(a, x))));
      return all;
    }

    /** Both ends name every relation. */
    boolean consistent() {
      for (Relation r : relations()) {
        if (!dependsOn.get(r.blocked()).contains(r.blocking())
            || !blocks.get(r.blocking()).contains(r.blocked())) {
          return false;
        }
      }
      return true;
    }
  }

  private static Map<String, Set<String>> byBlocked(Set<Relation> relations, List<String> ids) {
    Map<String, Set<String>> sets = new TreeMap<>();
    ids.forEach(id -> sets.put(id, new TreeSet<>()));
    relations.forEach(r -> sets.get(r.blocked()).add(r.blocking()));
    return sets;
  }

  /** GitHub's side of each of {@code ids} read: no relations. */
  private static Map<String, Set<String>> noneOnGitHub(Set<String> ids) {
    Map<String, Set<String>> sets = new TreeMap<>();
    ids.forEach(id -> sets.put(id, Set.of()));
    return sets;
  }

  @RepeatedTest(20)
  void twentyIssuesEditedOnBothSidesEndEqualWithEachRelationWrittenOnce(RepetitionInfo run) {
    Random random = new Random(2100 + run.getCurrentRepetition());
    List<String> ids = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      ids.add(String.format("dep%05d", k));
    }
    Set<Relation> start = new TreeSet<>(Relation.ORDER);
    for (int k = 0; k < 30; k++) {
      String a = ids.get(random.nextInt(20));
      String b = ids.get(random.nextInt(20));
      if (!a.equals(b)) {
        start.add(new Relation(a, b));
      }
    }
    Files files = new Files(ids);
    for (Relation r : start) {
      files.dependsOn.get(r.blocked()).add(r.blocking());
      files.blocks.get(r.blocking()).add(r.blocked());
    }
    Set<Relation> gitHub = new TreeSet<>(Relation.ORDER);
    gitHub.addAll(start);
    Set<Relation> expected = new TreeSet<>(Relation.ORDER);
    expected.addAll(start);

    // removals on each side (in the files from either list), additions on each side
    List<Relation> existing = new ArrayList<>(start);
    for (int k = 0; k < 4 && !existing.isEmpty(); k++) {
      Relation r = existing.remove(random.nextInt(existing.size()));
      if (k % 2 == 0) {
        if (random.nextBoolean()) {
          files.dependsOn.get(r.blocked()).remove(r.blocking());
        } else {
          files.blocks.get(r.blocking()).remove(r.blocked());
        }
      } else {
        gitHub.remove(r);
      }
      expected.remove(r);
    }
    for (int k = 0; k < 8; k++) {
      String a = ids.get(random.nextInt(20));
      String b = ids.get(random.nextInt(20));
      Relation r = a.equals(b) ? null : new Relation(a, b);
      if (r == null || start.contains(r)) {
        continue;
      }
      if (k % 2 == 0) {
        if (random.nextBoolean()) {
          files.dependsOn.get(a).add(b);
        } else {
          files.blocks.get(b).add(a);
        }
      } else {
        gitHub.add(r);
      }
      expected.add(r);
    }

    Set<String> linked = new HashSet<>(ids);
    DependencyPlan plan =
        DependencyPlan.of(files.read(), byBlocked(start, ids), byBlocked(gitHub, ids), linked);
    Set<Relation> written = new TreeSet<>(Relation.ORDER);
    for (DependencyPlan.Write write : plan.writes()) {
      assertThat(written.add(write.relation())).as("written once: " + write).isTrue();
      if (write instanceof DependencyPlan.Add) {
        assertThat(gitHub.add(write.relation())).as("not there yet: " + write).isTrue();
      } else {
        assertThat(gitHub.remove(write.relation())).as("there: " + write).isTrue();
      }
    }
    files.apply(plan.files());

    assertThat(gitHub).as("GitHub").isEqualTo(expected);
    assertThat(files.relations()).as("files").isEqualTo(expected);
    assertThat(files.consistent()).as("both ends name each relation").isTrue();
    assertThat(plan.pending()).isEmpty();

    DependencyPlan again =
        DependencyPlan.of(files.read(), plan.base(), byBlocked(gitHub, ids), linked);
    assertThat(again.writes()).as("no echo writes").isEmpty();
    assertThat(again.files()).as("no echo file edits").isEmpty();
  }

  @Test
  void aRelationToAnIssueWithoutItsGitHubIssueWaitsAndIsWrittenOnceLinked() {
    Files files = new Files(List.of("a", "b", "c"));
    files.dependsOn.get("a").add("b");
    files.dependsOn.get("c").add("a");
    Set<String> linked = Set.of("a", "c");
    DependencyPlan plan = DependencyPlan.of(files.read(), Map.of(), noneOnGitHub(linked), linked);

    assertThat(plan.writes()).containsExactly(new DependencyPlan.Add(new Relation("c", "a")));
    assertThat(plan.pending()).isEqualTo(Map.of("a", Set.of("b")));
    assertThat(plan.files().get("b").blocksIds()).containsExactly("a");
    assertThat(plan.files().get("a").blocksIds()).containsExactly("c");

    files.apply(plan.files());
    DependencyPlan linkedNow =
        DependencyPlan.of(
            files.read(),
            plan.base(),
            Map.of("a", Set.of(), "b", Set.of(), "c", Set.of("a")),
            Set.of("a", "b", "c"));
    assertThat(linkedNow.writes()).containsExactly(new DependencyPlan.Add(new Relation("a", "b")));
    assertThat(linkedNow.pending()).isEmpty();
  }

  @Test
  void anUnknownIdIsAProblemOnItsFileAndNothingIsWrittenForIt() {
    Files files = new Files(List.of("a", "b"));
    files.dependsOn.get("a").add("ghost");
    files.dependsOn.get("a").add("b");
    DependencyPlan plan =
        DependencyPlan.of(files.read(), Map.of(), noneOnGitHub(Set.of("a", "b")), Set.of("a", "b"));

    assertThat(plan.writes()).containsExactly(new DependencyPlan.Add(new Relation("a", "b")));
    assertThat(plan.problems().get("a"))
        .extracting(RelationGraph.Problem::describe)
        .containsExactly("depends_on names 'ghost', which no roadmap file has (line 5)");
    assertThat(plan.files()).doesNotContainKey("a").as("a's list already says what it means");
    assertThat(plan.files().get("b").blocksIds()).containsExactly("a");
  }

  @Test
  void aCycleIsWrittenAsGivenReportedOnceAndSettles() {
    Files files = new Files(List.of("a", "b"));
    files.dependsOn.get("a").add("b");
    files.dependsOn.get("b").add("a");
    Set<String> linked = Set.of("a", "b");
    DependencyPlan plan = DependencyPlan.of(files.read(), Map.of(), noneOnGitHub(linked), linked);
    assertThat(plan.writes()).hasSize(2);
    assertThat(plan.cycles()).containsExactly(List.of("a", "b"));

    files.apply(plan.files());
    DependencyPlan again =
        DependencyPlan.of(
            files.read(), plan.base(), Map.of("a", Set.of("b"), "b", Set.of("a")), linked);
    assertThat(again.writes()).isEmpty();
    assertThat(again.files()).isEmpty();
    assertThat(again.cycles()).containsExactly(List.of("a", "b"));
  }

  @Test
  void aRelationRemovedFromEitherFileIsRemovedEverywhere() {
    Files files = new Files(List.of("a", "x"));
    files.dependsOn.get("a").add("x");
    files.blocks.get("x").add("a");
    Map<String, Set<String>> agreed = Map.of("a", Set.of("x"), "x", Set.of());
    files.blocks.get("x").remove("a");
    DependencyPlan plan =
        DependencyPlan.of(files.read(), agreed, Map.of("a", Set.of("x")), Set.of("a", "x"));
    assertThat(plan.writes()).containsExactly(new DependencyPlan.Remove(new Relation("a", "x")));
    assertThat(plan.files().get("a").dependsOnIds()).isEmpty();
  }

  @Test
  void beforeGitHubsSideIsReadNothingIsWrittenOrAgreedAndTheFilesSideStands() {
    // agreed a ← x and a ← y; while the service was down a's file dropped x (x's still blocks a)
    Files files = new Files(List.of("a", "x", "y"));
    files.dependsOn.get("a").add("y");
    files.blocks.get("x").add("a");
    files.blocks.get("y").add("a");
    Map<String, Set<String>> agreed = Map.of("a", Set.of("x", "y"), "x", Set.of(), "y", Set.of());
    Set<String> linked = Set.of("a", "x", "y");

    DependencyPlan unread =
        DependencyPlan.of(files.read(), agreed, Map.of("x", Set.of(), "y", Set.of()), linked);
    assertThat(unread.writes()).as("GitHub's side of a unknown: nothing written").isEmpty();
    assertThat(unread.base()).doesNotContainKey("a");
    assertThat(unread.files().get("x").blocksIds()).as("the removal reaches x's file").isEmpty();
    assertThat(unread.files()).doesNotContainKey("y").as("y's relation stands");

    files.apply(unread.files());
    DependencyPlan read =
        DependencyPlan.of(
            files.read(),
            agreed,
            Map.of("a", Set.of("x", "y"), "x", Set.of(), "y", Set.of()),
            linked);
    assertThat(read.writes()).containsExactly(new DependencyPlan.Remove(new Relation("a", "x")));
    assertThat(read.base().get("a")).containsExactly("y");
  }
}
