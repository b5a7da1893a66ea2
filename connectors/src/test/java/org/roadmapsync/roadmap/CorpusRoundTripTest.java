package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of both corpus snapshots: unchanged writes are byte-identical, real edits touch only
 * their values.
 */
class CorpusRoundTripTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00.123456Z");

  @TempDir Path temp;

  static Stream<Arguments> snapshots() {
    return Stream.of(Arguments.of(CorpusFiles.CURRENT), Arguments.of(CorpusFiles.OLDER));
  }

  private RoadmapStore store(String snapshot) throws Exception {
    return RoadmapStore.open(CorpusFiles.copy(snapshot, temp), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @ParameterizedTest
  @MethodSource("snapshots")
  void everyMarkdownFileParsesAndAnEmptyEditGivesTheSameText(String snapshot) throws Exception {
    Path roadmap = CorpusFiles.copy(snapshot, temp);
    List<Path> files = CorpusFiles.markdownFiles(roadmap);
    assertTrue(files.size() > 20, "corpus files found: " + files.size());
    for (Path file : files) {
      String text = Files.readString(roadmap.resolve(file));
      FrontMatterDocument doc = FrontMatterDocument.parse(text);
      assertEquals(text, new FrontMatterEditor(doc).result(), file.toString());
      assertEquals(text, doc.text().substring(0, doc.bodyStart()) + doc.body(), file.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("snapshots")
  void everyIssueLoadsAndWritingItsOwnValuesChangesNoByte(String snapshot) throws Exception {
    RoadmapStore store = store(snapshot);
    LoadResult loaded = store.loadAll();
    assertEquals(List.of(), loaded.problems());
    int files = loaded.issues().size() + loaded.shadowed().size();
    assertEquals(store.issueFiles().size(), files);
    for (RoadmapIssue issue : loaded.issues()) {
      byte[] before = Files.readAllBytes(store.root().resolve(issue.path()));
      IssueEdit.Builder same =
          IssueEdit.builder()
              .title(issue.title())
              .body(issue.body())
              .labels(issue.labels())
              .milestone(issue.milestone().orElse(null))
              .assignee(issue.assignee().orElse(null))
              .status(issue.status())
              .githubIssue(issue.githubIssue().isPresent() ? issue.githubIssue().getAsInt() : null)
              .archived(issue.archived())
              .comments(issue.comments())
              .dependsOn(issue.relations().dependsOnIds())
              .blocks(issue.relations().blocksIds());
      issue.priority().ifPresent(same::priority);
      issue.issueType().ifPresent(same::issueType);
      assertEquals(
          issue.contentHash(), store.apply(issue.id(), same.build()), issue.path().toString());
      assertArrayEquals(
          before, Files.readAllBytes(store.root().resolve(issue.path())), issue.path().toString());
    }
  }

  @ParameterizedTest
  @MethodSource("snapshots")
  void relationsAddedAndRemovedAgainLeaveEveryFileAsItWas(String snapshot) throws Exception {
    RoadmapStore store = store(snapshot);
    int withRelations = 0;
    for (RoadmapIssue issue : store.loadAll().issues()) {
      Path file = store.root().resolve(issue.path());
      byte[] before = Files.readAllBytes(file);
      List<String> linesBefore = lines(store, issue.path());
      Instant updated = issue.updated().orElseThrow();
      List<String> dependsOn = new ArrayList<>(issue.relations().dependsOnIds());
      dependsOn.add("feed0001");
      List<String> blocks = new ArrayList<>(issue.relations().blocksIds());
      blocks.add("feed0002");
      store.apply(
          issue.id(),
          IssueEdit.builder().dependsOn(dependsOn).blocks(blocks).updatedAt(updated).build());
      RoadmapIssue edited = store.read(issue.id()).orElseThrow();
      assertEquals(dependsOn, edited.relations().dependsOnIds(), issue.path().toString());
      assertEquals(blocks, edited.relations().blocksIds(), issue.path().toString());
      assertEquals(
          withoutRelations(issue.frontMatter()),
          withoutRelations(edited.frontMatter()),
          "nothing else changed: " + issue.path());
      assertEquals(
          withoutRelationLines(linesBefore),
          withoutRelationLines(lines(store, issue.path())),
          "no other line changed: " + issue.path());

      store.apply(
          issue.id(),
          IssueEdit.builder()
              .dependsOn(issue.relations().dependsOnIds())
              .blocks(issue.relations().blocksIds())
              .updatedAt(updated)
              .build());
      if (issue.frontMatter().containsKey("depends_on")
          && issue.frontMatter().containsKey("blocks")) {
        assertArrayEquals(before, Files.readAllBytes(file), issue.path().toString());
      }
      if (!issue.relations().dependsOn().isEmpty()) {
        withRelations++;
      }
    }
    if (snapshot.equals(CorpusFiles.OLDER)) {
      assertTrue(withRelations > 0, "the older snapshot has a depends_on");
    }
  }

  @org.junit.jupiter.api.Test
  void relationIdsAreReadWithTheirLines() throws Exception {
    RoadmapStore store = store(CorpusFiles.OLDER);
    RoadmapIssue issue = store.read("a5b04665").orElseThrow();
    assertEquals(List.of(new IssueRelations.Ref("ecf9851a", 17)), issue.relations().dependsOn());
    assertEquals(List.of(), issue.relations().blocks());
  }

  /** The lines without the {@code depends_on} and {@code blocks} keys and their items. */
  private static List<String> withoutRelationLines(List<String> lines) {
    List<String> rest = new ArrayList<>();
    boolean inList = false;
    for (String line : lines) {
      if (line.startsWith("depends_on:") || line.startsWith("blocks:")) {
        inList = true;
      } else if (!(inList && line.trim().startsWith("- "))) {
        inList = false;
        rest.add(line);
      }
    }
    return rest;
  }

  private static Map<String, Object> withoutRelations(Map<String, Object> frontMatter) {
    Map<String, Object> rest = new java.util.LinkedHashMap<>(frontMatter);
    rest.remove("depends_on");
    rest.remove("blocks");
    return rest;
  }

  @ParameterizedTest
  @MethodSource("snapshots")
  void aCommentAddedAndRemovedAgainLeavesEveryFileAsItWas(String snapshot) throws Exception {
    RoadmapStore store = store(snapshot);
    for (RoadmapIssue issue : store.loadAll().issues()) {
      Path file = store.root().resolve(issue.path());
      byte[] before = Files.readAllBytes(file);
      List<String> linesBefore = lines(store, issue.path());
      RoadmapComment comment =
          RoadmapComment.of(
              1,
              issue.id(),
              "octocat",
              "Synced from GitHub:\n\n- a list\n- 'quotes' and \"more\"\n",
              NOW,
              NOW,
              "https://github.com/o/r/issues/1#issuecomment-99",
              null);
      Instant updated = issue.updated().orElseThrow();
      store.apply(
          issue.id(), IssueEdit.builder().comments(List.of(comment)).updatedAt(updated).build());
      RoadmapIssue withComment = store.read(issue.id()).orElseThrow();
      assertTrue(
          RoadmapComment.sameContents(List.of(comment), withComment.comments()),
          issue.path().toString());
      // only `comments: []` changed (or the key was added where the tool has it): it became the
      // list, every other line is as it was
      List<String> linesAfter = lines(store, issue.path());
      int at = linesBefore.indexOf("comments: []");
      int replaced = at >= 0 ? 1 : 0;
      if (at < 0) {
        int end = linesBefore.subList(1, linesBefore.size()).indexOf("---") + 1;
        at = end;
        for (int i = 1; i < end; i++) {
          if (linesBefore.get(i).startsWith("github_issue:")) {
            at = i;
          }
        }
      }
      assertEquals(linesBefore.subList(0, at), linesAfter.subList(0, at), issue.path().toString());
      assertEquals("comments:", linesAfter.get(at));
      int added = linesAfter.size() - linesBefore.size() + replaced;
      assertEquals(
          linesBefore.subList(at + replaced, linesBefore.size()),
          linesAfter.subList(at + added, linesAfter.size()),
          issue.path().toString());
      assertEquals(
          withoutEdited(issue.frontMatter()),
          withoutEdited(withComment.frontMatter()),
          issue.path().toString());

      store.apply(issue.id(), IssueEdit.builder().comments(List.of()).updatedAt(updated).build());
      List<String> expected = new ArrayList<>(linesBefore);
      if (replaced == 0) {
        // the key stays, empty, as the tool writes it
        expected.add(at, "comments: []");
      }
      assertEquals(expected, lines(store, issue.path()), issue.path().toString());
      if (replaced == 1) {
        assertArrayEquals(before, Files.readAllBytes(file), issue.path().toString());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("snapshots")
  void changingTheTitleChangesExactlyOneLine(String snapshot) throws Exception {
    RoadmapStore store = store(snapshot);
    int index = 0;
    int singleLineTitles = 0;
    List<RoadmapIssue> issues = store.loadAll().issues();
    for (RoadmapIssue issue : issues) {
      List<String> before = lines(store, issue.path());
      // a plain title, one that needs quotes, and one with a quote and unicode
      String title =
          switch (index++ % 3) {
            case 0 -> "Renamed issue " + index;
            case 1 -> "Fix: parser # " + index;
            default -> "It's ünïcode ✓ " + index;
          };
      // keep `updated` at its old instant so only the title can differ
      IssueEdit edit =
          IssueEdit.builder().title(title).updatedAt(issue.updated().orElseThrow()).build();
      store.apply(issue.id(), edit);
      List<String> after = lines(store, issue.path());
      // PyYAML wraps long titles over several lines; the new title is written on one line
      int first = 0;
      while (!before.get(first).startsWith("title:")) {
        first++;
      }
      int titleLines = 1;
      while (before.get(first + titleLines).startsWith("  ")) {
        titleLines++;
      }
      assertEquals(before.subList(0, first), after.subList(0, first), issue.path().toString());
      assertEquals(
          before.subList(first + titleLines, before.size()),
          after.subList(first + 1, after.size()),
          issue.path().toString());
      assertTrue(after.get(first).startsWith("title: "), after.get(first));
      if (titleLines == 1) {
        singleLineTitles++;
      }
      assertEquals(title, store.read(issue.id()).orElseThrow().title());
    }
    // for a title on one line (nearly all), exactly that one line differs
    assertTrue(
        singleLineTitles > issues.size() * 9 / 10, singleLineTitles + " of " + issues.size());
  }

  @ParameterizedTest
  @MethodSource("snapshots")
  void labelsMilestoneAndStatusChangesHoldExactlyTheNewValues(String snapshot) throws Exception {
    RoadmapStore store = store(snapshot);
    int index = 0;
    for (RoadmapIssue issue : store.loadAll().issues()) {
      List<String> labels =
          switch (index % 3) {
            case 0 -> List.of();
            case 1 -> List.of("bug", "priority:high", "needs: review");
            default -> List.of("ünïcode", "123", "null");
          };
      String milestone = index % 2 == 0 ? "v2-0-0" : "v.3.1.0";
      IssueStatus status = IssueStatus.values()[index % 4];
      index++;
      String newHash =
          store.apply(
              issue.id(),
              IssueEdit.builder().labels(labels).milestone(milestone).status(status).build());

      RoadmapIssue after = store.read(issue.id()).orElseThrow();
      assertEquals(newHash, after.contentHash());
      assertEquals(labels, after.labels(), issue.path().toString());
      assertEquals(Optional.of(milestone), after.milestone());
      assertEquals(status, after.status());
      Path base = issue.archived() ? Path.of("archive", "issues") : Path.of("issues");
      assertEquals(base.resolve(milestone).resolve(issue.path().getFileName()), after.path());
      assertFalse(
          Files.exists(store.root().resolve(issue.path())), "old file removed: " + issue.path());
      assertEquals(issue.body(), after.body());
      Instant updated = after.updated().orElseThrow();
      assertTrue(
          !updated.isAfter(NOW) && updated.isAfter(NOW.minusSeconds(1)), "updated " + updated);
      assertEquals(
          withoutEdited(issue.frontMatter()),
          withoutEdited(after.frontMatter()),
          issue.path().toString());
    }
  }

  private static Map<String, Object> withoutEdited(Map<String, Object> tree) {
    Map<String, Object> copy = new HashMap<>(tree);
    List.of("labels", "milestone", "status", "updated", "comments").forEach(copy::remove);
    return copy;
  }

  private static List<String> lines(RoadmapStore store, Path relative) throws Exception {
    return List.of(
        new String(Files.readAllBytes(store.root().resolve(relative)), StandardCharsets.UTF_8)
            .split("\n", -1));
  }
}
