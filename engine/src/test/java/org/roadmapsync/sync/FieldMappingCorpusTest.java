package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.IssueState;
import org.roadmapsync.github.StateReason;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.LoadResult;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;

/** roadmap → GitHub → roadmap loses nothing, for every issue file of the real corpus. */
class FieldMappingCorpusTest {
  private static final Set<SyncField> ALL = EnumSet.allOf(SyncField.class);

  private final FieldMapping mapping = new FieldMapping(MappingSettings.defaults());

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {Corpus.CURRENT, Corpus.OLDER})
  void everyIssueSurvivesCreateOnGitHubAndReadBack(String snapshot) throws IOException {
    List<RoadmapIssue> issues = load(snapshot);
    GitHubIssues github = new GitHubIssues();
    long number = 0;
    for (RoadmapIssue issue : issues) {
      IssueFields fields = mapping.fromRoadmap(issue);
      Issue created =
          github.create(
              ++number,
              mapping.toNewIssue(issue.id(), fields, github.milestone(fields.milestone())));
      // GitHub opens every new issue: closing takes a second request
      Issue onGitHub =
          github.patch(
              created, mapping.toPatch(issue.id(), fields, Set.of(SyncField.STATUS), null));

      assertThat(mapping.fromGitHub(onGitHub)).as(issue.path().toString()).isEqualTo(fields);
      assertThat(BodyMarker.markedId(onGitHub.body())).contains(issue.id());
      assertBackInFile(issue, mapping.fromGitHub(onGitHub));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Corpus.CURRENT, Corpus.OLDER})
  void everyIssueSurvivesPatchOverAnUnrelatedGitHubIssue(String snapshot) throws IOException {
    GitHubIssues github = new GitHubIssues();
    github.milestone("unrelated");
    for (RoadmapIssue issue : load(snapshot)) {
      IssueFields fields = mapping.fromRoadmap(issue);
      Issue other =
          github.patch(
              GitHubIssues.issue(
                  "old",
                  "old body",
                  IssueState.CLOSED,
                  StateReason.NOT_PLANNED,
                  List.of("x", "status:review", "priority:low", "type:bug"),
                  List.of("someone"),
                  null),
              mapping.toPatch(
                  "other",
                  new IssueFields("old", "", List.of(), "unrelated", null, null, null, null),
                  Set.of(SyncField.MILESTONE),
                  github.milestone("unrelated")));

      Issue patched =
          github.patch(
              other,
              mapping.toPatch(issue.id(), fields, ALL, github.milestone(fields.milestone())));

      assertThat(mapping.fromGitHub(patched)).as(issue.path().toString()).isEqualTo(fields);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Corpus.CURRENT, Corpus.OLDER})
  void everyFileTakesAnotherIssuesFieldsFromGitHubThroughTheStore(String snapshot)
      throws IOException {
    Path copy = Corpus.copy(snapshot, temp.resolve(snapshot));
    RoadmapStore store = RoadmapStore.open(copy);
    List<RoadmapIssue> issues = store.loadAll().issues();
    for (int i = 0; i < issues.size(); i++) {
      RoadmapIssue file = issues.get(i);
      IssueFields target = mapping.fromRoadmap(issues.get((i + 1) % issues.size()));

      store.apply(
          file.id(),
          mapping.toEdit(
              file, target, MergeOutcome.differences(mapping.fromRoadmap(file), target)));

      RoadmapIssue written = store.read(file.id()).orElseThrow();
      assertThat(mapping.fromRoadmap(written)).as(file.path().toString()).isEqualTo(target);
      // labels the old roadmap tool copied from GitHub stay in the file
      assertThat(written.labels())
          .containsAll(
              file.labels().stream()
                  .filter(l -> l.startsWith("status:") || l.startsWith("priority:"))
                  .toList());
    }
  }

  /**
   * Writing every field read back from GitHub into the file sets exactly the values the file has.
   */
  private void assertBackInFile(RoadmapIssue issue, IssueFields back) {
    IssueEdit edit = mapping.toEdit(issue, back, ALL);
    assertThat(edit.title()).isEqualTo(issue.title());
    assertThat(edit.labels()).isEqualTo(issue.labels());
    assertThat(edit.milestoneValue()).isEqualTo(issue.milestone());
    assertThat(java.util.Optional.ofNullable(edit.assignee())).isEqualTo(issue.assignee());
    assertThat(edit.status()).isEqualTo(issue.status());
    assertThat(java.util.Optional.ofNullable(edit.priority())).isEqualTo(issue.priority());
    assertThat(edit.issueType())
        .isEqualTo(issue.issueType().orElse(org.roadmapsync.roadmap.IssueType.OTHER));
    assertThat(org.roadmapsync.roadmap.BodyText.sameContent(edit.body(), issue.body())).isTrue();
  }

  private List<RoadmapIssue> load(String snapshot) throws IOException {
    Path copy = Corpus.copy(snapshot, temp.resolve(snapshot));
    LoadResult loaded = RoadmapStore.open(copy).loadAll();
    Set<Path> files = new java.util.TreeSet<>();
    for (Path folder : List.of(copy.resolve("issues"), copy.resolve("archive").resolve("issues"))) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> walk = Files.walk(folder)) {
          walk.filter(p -> p.toString().endsWith(".md")).map(copy::relativize).forEach(files::add);
        }
      }
    }
    Set<Path> accounted = new java.util.TreeSet<>(loaded.shadowed().keySet());
    loaded.issues().forEach(i -> accounted.add(i.path()));
    loaded.problems().forEach(p -> accounted.add(p.path()));
    // every issue file is either mapped below or a file problem the store reports (and sync skips)
    assertThat(loaded.issues()).hasSizeGreaterThan(50);
    assertThat(accounted).isEqualTo(files);
    List<RoadmapIssue> issues = new java.util.ArrayList<>(loaded.issues());
    issues.addAll(shadowedCopies(copy, loaded.shadowed().keySet()));
    return issues;
  }

  /**
   * Archived copies hidden by an active file of the same id, each read from a folder of its own.
   */
  private List<RoadmapIssue> shadowedCopies(Path roadmap, Set<Path> shadowed) throws IOException {
    List<RoadmapIssue> issues = new java.util.ArrayList<>();
    int n = 0;
    for (Path file : shadowed) {
      Path alone = temp.resolve("shadowed-" + n++).resolve(".roadmap");
      Files.createDirectories(alone.resolve(file).getParent());
      Files.copy(roadmap.resolve(file), alone.resolve(file));
      LoadResult loaded = RoadmapStore.open(alone).loadAll();
      assertThat(loaded.problems()).isEmpty();
      assertThat(loaded.issues()).extracting(RoadmapIssue::path).containsExactly(file);
      issues.addAll(loaded.issues());
    }
    return issues;
  }
}
