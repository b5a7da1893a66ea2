package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.config.ConflictStrategy;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.IssuePatch;
import org.roadmapsync.github.IssueState;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;

/**
 * Merge and mapping together over real corpus files: edits on both sides meet in one merge, the
 * result is written to the file (through the store) and to GitHub, and the next merge finds nothing
 * to write: what sync wrote, read again, causes no further write.
 */
class ThreeWayMergeCycleTest {
  private final FieldMapping mapping = new FieldMapping(MappingSettings.defaults());

  @TempDir Path temp;

  @Test
  void concurrentEditsOnBothSidesConvergeAndCauseNoEcho() throws IOException {
    RoadmapStore store = RoadmapStore.open(Corpus.copy(Corpus.CURRENT, temp.resolve(".roadmap")));
    GitHubIssues github = new GitHubIssues();
    long number = 0;
    for (RoadmapIssue original : store.loadAll().issues()) {
      IssueFields base = mapping.fromRoadmap(original);
      Issue onGitHub =
          github.create(
              ++number,
              mapping.toNewIssue(original.id(), base, github.milestone(base.milestone())));
      onGitHub =
          github.patch(
              onGitHub, mapping.toPatch(original.id(), base, Set.of(SyncField.STATUS), null));

      // the file gets a new title and label, GitHub a new label, another assignee and a review
      // status
      List<String> fileLabels = new ArrayList<>(original.labels());
      fileLabels.add("from-file");
      store.apply(
          original.id(),
          IssueEdit.builder()
              .title(original.title() + " (edited)")
              .labels(fileLabels)
              .updatedAt(Instant.parse("2026-03-01T00:00:00Z"))
              .build());
      List<String> gitHubLabels = new ArrayList<>(onGitHub.labelNames());
      gitHubLabels.add("from-github");
      onGitHub =
          github.patch(
              onGitHub,
              IssuePatch.empty()
                  .withAssignees(List.of("zed"))
                  .withState(IssueState.OPEN, null)
                  .withLabels(withStatus(gitHubLabels, "status:review")));

      RoadmapIssue file = store.read(original.id()).orElseThrow();
      MergeOutcome outcome =
          ThreeWayMerge.merge(
              base,
              mapping.roadmapSide(file),
              mapping.gitHubSide(onGitHub),
              ConflictStrategy.MANUAL);
      assertThat(outcome.conflicted()).as(file.path().toString()).isFalse();
      assertThat(outcome.merged().title()).isEqualTo(original.title() + " (edited)");
      assertThat(outcome.merged().labels()).contains("from-file", "from-github");
      assertThat(outcome.merged().assignee()).isEqualTo("zed");
      assertThat(outcome.merged().status()).isEqualTo("review");

      IssueFields merged = outcome.merged();
      Set<SyncField> push = outcome.toPush(mapping.fromGitHub(onGitHub));
      Set<SyncField> pull = outcome.toPull(mapping.fromRoadmap(file));
      assertThat(push)
          .contains(SyncField.TITLE, SyncField.LABELS)
          .doesNotContain(SyncField.ASSIGNEE);
      assertThat(pull)
          .contains(SyncField.LABELS, SyncField.ASSIGNEE, SyncField.STATUS)
          .doesNotContain(SyncField.TITLE);
      onGitHub =
          github.patch(
              onGitHub,
              mapping.toPatch(
                  file.id(),
                  merged,
                  push,
                  github.milestone(merged.milestone()),
                  onGitHub.labelNames()));
      store.apply(file.id(), mapping.toEdit(file, merged, pull));

      RoadmapIssue rewritten = store.read(file.id()).orElseThrow();
      MergeOutcome again =
          ThreeWayMerge.merge(
              merged,
              mapping.roadmapSide(rewritten),
              mapping.gitHubSide(onGitHub),
              ConflictStrategy.MANUAL);
      assertThat(again.toPush(mapping.fromGitHub(onGitHub))).as(file.path().toString()).isEmpty();
      assertThat(again.toPull(mapping.fromRoadmap(rewritten))).isEmpty();
      assertThat(again.merged()).isEqualTo(merged);
      // legacy labels of the old roadmap tool are still in the file
      assertThat(rewritten.labels()).containsAll(original.labels());
    }
  }

  private static List<String> withStatus(List<String> labels, String status) {
    List<String> result =
        new ArrayList<>(labels.stream().filter(l -> !l.startsWith("status:")).toList());
    result.add(status);
    return result;
  }
}
