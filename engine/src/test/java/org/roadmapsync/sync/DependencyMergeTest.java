package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DependencyMergeTest {
  private static final Predicate<String> ALL_LINKED = id -> true;

  @Test
  void addsAndRemovesOnEitherSideMergeAsSets() {
    DependencyMerge m =
        DependencyMerge.of(
            Set.of("kept", "goneInFile", "goneOnGitHub"),
            Set.of("kept", "goneOnGitHub", "newInFile"),
            Set.of("kept", "goneInFile", "newOnGitHub"),
            ALL_LINKED);
    assertThat(m.merged()).containsExactlyInAnyOrder("kept", "newInFile", "newOnGitHub");
    assertThat(m.toAdd()).containsExactly("newInFile");
    assertThat(m.toRemove()).containsExactly("goneInFile");
    assertThat(m.pending()).isEmpty();
    assertThat(m.base()).isEqualTo(m.merged());
  }

  @Test
  void gitHubIsInStepOnlyWithNothingToAddAndNothingToRemove() {
    Set<String> agreed = Set.of("a");
    assertThat(DependencyMerge.of(agreed, agreed, agreed, ALL_LINKED).gitHubInStep()).isTrue();
    assertThat(DependencyMerge.of(agreed, Set.of("a", "b"), agreed, ALL_LINKED).gitHubInStep())
        .as("an add")
        .isFalse();
    assertThat(DependencyMerge.of(agreed, Set.of(), agreed, ALL_LINKED).gitHubInStep())
        .as("a removal")
        .isFalse();
  }

  @Test
  void neverSyncedIsTheUnionOfBothSides() {
    DependencyMerge m = DependencyMerge.of(null, Set.of("a"), Set.of("b"), ALL_LINKED);
    assertThat(m.merged()).containsExactlyInAnyOrder("a", "b");
    assertThat(m.toAdd()).containsExactly("a");
    assertThat(m.toRemove()).isEmpty();
  }

  @Test
  void aRelationToAnUnlinkedIssueWaitsAndIsNotTakenAsRemovedOnGitHub() {
    Predicate<String> linked = id -> !id.equals("unpublished");
    DependencyMerge first = DependencyMerge.of(null, Set.of("unpublished", "x"), Set.of(), linked);
    assertThat(first.pending()).containsExactly("unpublished");
    assertThat(first.toAdd()).containsExactly("x");
    assertThat(first.base()).containsExactly("x");

    DependencyMerge later =
        DependencyMerge.of(
            Set.of("unpublished", "x"), Set.of("unpublished", "x"), Set.of("x"), linked);
    assertThat(later.merged()).contains("unpublished");
    assertThat(later.pending()).containsExactly("unpublished");

    DependencyMerge linkedNow =
        DependencyMerge.of(first.base(), Set.of("unpublished", "x"), Set.of("x"), ALL_LINKED);
    assertThat(linkedNow.toAdd()).containsExactly("unpublished");
  }

  @Test
  void onceWrittenBothSidesAgreeAndNothingIsWrittenAgain() {
    Random random = new Random(21);
    String[] ids = {"a", "b", "c", "d", "e", "f"};
    for (int round = 0; round < 500; round++) {
      Set<String> base = pick(random, ids);
      Set<String> roadmap = pick(random, ids);
      Set<String> gitHub = pick(random, ids);
      DependencyMerge m = DependencyMerge.of(base, roadmap, gitHub, ALL_LINKED);
      Set<String> after = new TreeSet<>(gitHub);
      after.addAll(m.toAdd());
      after.removeAll(m.toRemove());
      assertThat(after).as("GitHub after the writes").isEqualTo(m.merged());
      assertThat(m.toAdd()).noneMatch(gitHub::contains);
      DependencyMerge again = DependencyMerge.of(m.base(), m.merged(), after, ALL_LINKED);
      assertThat(again.gitHubInStep()).as("no echo").isTrue();
      assertThat(again.merged()).isEqualTo(m.merged());
      for (String id : ids) {
        boolean changedInFile = base.contains(id) != roadmap.contains(id);
        boolean changedOnGitHub = base.contains(id) != gitHub.contains(id);
        if (changedInFile && !changedOnGitHub) {
          assertThat(m.merged().contains(id))
              .as(id + " from the file")
              .isEqualTo(roadmap.contains(id));
        }
        if (changedOnGitHub && !changedInFile) {
          assertThat(m.merged().contains(id))
              .as(id + " from GitHub")
              .isEqualTo(gitHub.contains(id));
        }
      }
    }
  }

  private static Set<String> pick(Random random, String[] ids) {
    Set<String> picked = new HashSet<>();
    for (String id : ids) {
      if (random.nextBoolean()) {
        picked.add(id);
      }
    }
    return picked;
  }
}
