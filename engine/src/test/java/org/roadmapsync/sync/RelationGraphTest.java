package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.roadmapsync.roadmap.IssueRelations;
import org.roadmapsync.roadmap.IssueRelations.Ref;

class RelationGraphTest {

  private static IssueRelations lists(List<String> dependsOn, List<String> blocks) {
    int[] line = {10};
    return new IssueRelations(
        dependsOn.stream().map(id -> new Ref(id, line[0]++)).toList(),
        blocks.stream().map(id -> new Ref(id, line[0]++)).toList());
  }

  @Test
  void aRelationWrittenOnBothFilesCountsOnce() {
    Map<String, IssueRelations> files = new LinkedHashMap<>();
    files.put("a", lists(List.of("x"), List.of()));
    files.put("x", lists(List.of(), List.of("a", "b")));
    files.put("b", lists(List.of(), List.of()));
    RelationGraph graph = RelationGraph.of(files);

    assertThat(graph.relations())
        .containsExactlyInAnyOrder(new Relation("a", "x"), new Relation("b", "x"));
    assertThat(graph.blockedBy("a")).containsExactly("x");
    assertThat(graph.blocking("x")).containsExactly("a", "b");
    assertThat(graph.cycles()).isEmpty();
    assertThat(graph.problems("a")).isEmpty();
  }

  @Test
  void aRelationNeedsBothEnds() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Relation("a", " "))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Relation(null, "b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anIdNoFileHasIsAProblemWithItsLineAndNoRelation() {
    Map<String, IssueRelations> files = new LinkedHashMap<>();
    files.put("a", lists(List.of("ghost", "b"), List.of("a")));
    files.put("b", lists(List.of(), List.of()));
    RelationGraph graph = RelationGraph.of(files);

    assertThat(graph.relations()).containsExactly(new Relation("a", "b"));
    assertThat(graph.problems("a"))
        .containsExactly(
            new RelationGraph.Problem("a", "depends_on", "ghost", 10),
            new RelationGraph.Problem("a", "blocks", "a", 12));
    assertThat(graph.problems("a").get(0).describe())
        .isEqualTo("depends_on names 'ghost', which no roadmap file has (line 10)");
    assertThat(graph.problems("a").get(1).describe())
        .isEqualTo("blocks names the issue itself (line 12)");
  }

  @Test
  void aCycleIsKeptAndListedOnce() {
    Map<String, IssueRelations> files = new LinkedHashMap<>();
    files.put("a", lists(List.of("b"), List.of()));
    files.put("b", lists(List.of("c"), List.of("a")));
    files.put("c", lists(List.of("a"), List.of()));
    files.put("d", lists(List.of("e"), List.of("e")));
    files.put("e", lists(List.of(), List.of()));
    RelationGraph graph = RelationGraph.of(files);

    assertThat(graph.relations()).hasSize(5);
    assertThat(graph.cycles()).containsExactly(List.of("a", "b", "c"), List.of("d", "e"));
    assertThat(graph.cyclesThrough("b")).containsExactly(List.of("a", "b", "c"));
    assertThat(graph.cyclesThrough("e")).containsExactly(List.of("d", "e"));
  }

  @Test
  void fileListsKeepTheirOrderAndProblemsAndAppendNewIds() {
    IssueRelations current = lists(List.of("z", "ghost", "m"), List.of("q"));
    IssueRelations lists =
        RelationGraph.fileLists(
            "a",
            current,
            List.of(
                new Relation("a", "m"),
                new Relation("a", "z"),
                new Relation("a", "b"),
                new Relation("r", "a")),
            Set.of("a", "b", "m", "z", "q", "r"));
    assertThat(lists.dependsOnIds()).containsExactly("z", "ghost", "m", "b");
    assertThat(lists.blocksIds()).as("q was removed, r added").containsExactly("r");
  }
}
