package org.roadmapsync.roadmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New issue files (imports from GitHub) as the {@code roadmap} tool writes them. */
class NewIssueFileTest {

  private static final Instant CREATED = Instant.parse("2026-02-10T13:45:03Z");
  private static final Instant UPDATED = Instant.parse("2026-02-11T22:03:39Z");

  @TempDir Path temp;

  private RoadmapStore store() throws Exception {
    Path root = Files.createDirectories(temp.resolve(".roadmap"));
    return RoadmapStore.open(root, Clock.fixed(UPDATED, ZoneOffset.UTC));
  }

  private static IssueEdit.Builder imported(String title) {
    return IssueEdit.builder().title(title).updatedAt(UPDATED);
  }

  @Test
  void theTextIsTheToolsKeyByKey() throws Exception {
    RoadmapStore store = store();
    RoadmapIssue created =
        store.create(
            imported("update backend to graphql")
                .body("# update backend to graphql\n\n## Description\n")
                .milestone("v1-0-2")
                .assignee("shanewilkins")
                .githubIssue(3749)
                .build(),
            CREATED);
    String id = created.id();
    assertEquals(Path.of("issues", "v1-0-2", id + "-update-backend-to-graphql.md"), created.path());
    assertEquals(
        "---\n"
            + "id: "
            + id
            + "\ntitle: update backend to graphql\n"
            + "headline: '# update backend to graphql'\n"
            + "status: todo\n"
            + "archived: false\n"
            + "issue_type: other\n"
            + "milestone: v1-0-2\n"
            + "labels: []\n"
            + "remote_ids:\n"
            + "  github: 3749\n"
            + "created: '2026-02-10T13:45:03+00:00'\n"
            + "updated: '2026-02-11T22:03:39+00:00'\n"
            + "assignee: shanewilkins\n"
            + "estimated_hours: null\n"
            + "due_date: null\n"
            + "depends_on: []\n"
            + "blocks: []\n"
            + "actual_start_date: null\n"
            + "actual_end_date: null\n"
            + "progress_percentage: null\n"
            + "handoff_notes: null\n"
            + "previous_assignee: null\n"
            + "handoff_date: null\n"
            + "git_branches: []\n"
            + "git_commits: []\n"
            + "completed_date: null\n"
            + "comments: []\n"
            + "github_issue: 3749\n"
            + "---\n"
            + "\n"
            + "# update backend to graphql\n\n## Description\n",
        Files.readString(store.root().resolve(created.path())));
  }

  /** The same keys in the same order as the current-format files of the corpus. */
  @Test
  void theKeysComeInTheOrderOfTheCorpusFiles() throws Exception {
    Path corpus = CorpusFiles.copy(CorpusFiles.CURRENT, temp.resolve("corpus"));
    Map<List<String>, Integer> orders = new HashMap<>();
    try (Stream<Path> files = Files.walk(corpus.resolve("issues"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
        orders.merge(topLevelKeys(Files.readString(file)), 1, Integer::sum);
      }
    }
    List<String> corpusOrder =
        orders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    // the tool's current shape: nearly every file has it (a few older ones lack "archived")
    assertThat(orders.get(corpusOrder))
        .isGreaterThan(orders.values().stream().mapToInt(Integer::intValue).sum() * 9 / 10);
    RoadmapStore store = store();
    RoadmapIssue created =
        store.create(
            imported("Ordered")
                .priority(IssuePriority.HIGH)
                .labels(List.of("bug", "ui"))
                .githubIssue(7)
                .build(),
            CREATED);
    assertEquals(corpusOrder, topLevelKeys(Files.readString(store.root().resolve(created.path()))));
    assertThat(Files.readString(store.root().resolve(created.path())))
        .contains("priority: high\n")
        .contains("labels:\n- bug\n- ui\n");
  }

  private static List<String> topLevelKeys(String text) {
    List<String> keys = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.equals("---") && !keys.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith(" ") && !line.startsWith("-")) {
        keys.add(line.substring(0, colon));
      }
    }
    return keys;
  }

  @Test
  void fileNamesFollowTheToolsSafeTitleWithACap() {
    assertEquals(
        "abcd1234-featinit-enhance-init-command-credential-flow-tests--docs.md",
        NewIssueFile.fileName(
                "abcd1234", "feat(init): enhance init command, credential flow, tests & docs")
            .toString());
    assertEquals(
        "abcd1234-refactor-to-unified-datetime-parser---eliminate-dry.md",
        NewIssueFile.fileName("abcd1234", "Refactor to unified datetime parser - eliminate DRY")
            .toString());
    assertEquals(
        "abcd1234-fix_the_test_suite.md",
        NewIssueFile.fileName("abcd1234", "  fix_the_test_suite?! ").toString());
    // characters a file name cannot hold are dropped, letters of any script kept
    assertEquals(
        "abcd1234-ab-cd-é-日本.md",
        NewIssueFile.fileName("abcd1234", "a/b: \\c*d? \"é\" <日本>|\t\n").toString());
    // nothing left of the title: the tool's "<id>-.md"
    assertEquals("abcd1234-.md", NewIssueFile.fileName("abcd1234", "🚀 !!! ").toString());
    String longTitle = "word ".repeat(60); // 300 characters
    String name = NewIssueFile.fileName("abcd1234", longTitle).toString();
    assertEquals("abcd1234-" + "word-".repeat(16).replaceAll("-$", "") + ".md", name);
    String wide = "日".repeat(300); // 3 bytes each
    String wideName = NewIssueFile.fileName("abcd1234", wide).toString();
    assertTrue(
        wideName.getBytes(StandardCharsets.UTF_8).length <= 255
            && wideName.equals("abcd1234-" + "日".repeat(66) + ".md"),
        wideName);
  }

  @Test
  void aLongOrOddTitleStillMakesAFileThatParses() throws Exception {
    RoadmapStore store = store();
    for (String title :
        List.of(
            "x".repeat(300),
            "Title: with 'quotes' and \"double\" # hash",
            "- starts like a list",
            "yes",
            "1.0",
            "tab\tand\nnewline",
            "日本語のタイトル 🚀")) {
      RoadmapIssue created = store.create(imported(title).githubIssue(1).build(), CREATED);
      RoadmapIssue read = store.read(created.id()).orElseThrow();
      assertEquals(title, read.title());
      assertTrue(
          created.path().getFileName().toString().getBytes(StandardCharsets.UTF_8).length <= 255);
    }
    assertEquals(List.of(), store.loadAll().problems());
  }

  @Test
  void headlineIsTheFirstLineOfTheBodyAtMost100Characters() {
    assertEquals("", NewIssueFile.headline(""));
    assertEquals("first", NewIssueFile.headline("\n\n  first\r\nsecond"));
    assertEquals("y".repeat(100), NewIssueFile.headline("y".repeat(150) + "\nrest"));
  }

  @Test
  void timestampsArePythonsIsoformat() {
    assertEquals(
        "2026-02-10T13:45:03+00:00", NewIssueFile.timestamp(Instant.parse("2026-02-10T13:45:03Z")));
    assertEquals(
        "2026-02-10T13:45:03.016746+00:00",
        NewIssueFile.timestamp(Instant.parse("2026-02-10T13:45:03.016746999Z")));
  }

  /** Bodies that are not tidy Markdown are written as received and never break the file. */
  @Test
  void anyBodyIsWrittenAsReceivedAndReadsBack() throws Exception {
    RoadmapStore store = store();
    List<String> bodies =
        List.of(
            "",
            "```java\nunclosed fence\n",
            "---\nid: not-front-matter\n---\nafter a fake front matter",
            "<div><b>html</i>\n| broken | table\n",
            "NUL \u0000 BEL \u0007 and \u2028 separators \uFEFF",
            "emoji 🚀 and ÿ and 日本",
            "windows\r\nline\r\nendings\r\n",
            "   \n\n  indented first line\n\n\n");
    for (String body : bodies) {
      RoadmapIssue created =
          store.create(imported("Body").body(body).githubIssue(2).build(), CREATED);
      RoadmapIssue read = store.read(created.id()).orElseThrow();
      assertEquals(BodyText.normalise(body), BodyText.normalise(read.body()), body);
    }
    assertEquals(List.of(), store.loadAll().problems());
  }

  @Test
  void theIssueReadsBackWithEveryFieldTheEditSets() throws Exception {
    RoadmapStore store = store();
    RoadmapIssue created =
        store.create(
            imported("All fields")
                .body("Body")
                .labels(List.of("a", "b c"))
                .milestone("v.0.2.0")
                .assignee("octocat")
                .status(IssueStatus.ARCHIVED)
                .priority(IssuePriority.CRITICAL)
                .issueType(IssueType.BUG)
                .githubIssue(99)
                .build(),
            CREATED);
    RoadmapIssue read = store.read(created.id()).orElseThrow();
    assertEquals(created, read);
    assertEquals(List.of("a", "b c"), read.labels());
    assertEquals(Optional.of("v.0.2.0"), read.milestone());
    assertEquals(Optional.of("octocat"), read.assignee());
    assertEquals(IssueStatus.ARCHIVED, read.status());
    assertEquals(Optional.of(IssuePriority.CRITICAL), read.priority());
    assertEquals(Optional.of(IssueType.BUG), read.issueType());
    assertEquals(OptionalInt.of(99), read.githubIssue());
    assertEquals(Optional.of(CREATED), read.created());
    assertEquals(Optional.of(UPDATED), read.updated());
    assertEquals(Path.of("issues", "v.0.2.0"), read.path().getParent());
  }

  @Test
  void aFolderThatCannotBeWrittenIsNamedAndNothingIsLeftBehind() throws Exception {
    RoadmapStore store = store();
    Path backlog = Files.createDirectories(store.root().resolve("issues/backlog"));
    try (ReadOnlyFolders readOnly = ReadOnlyFolders.of(store.root().resolve("issues"), backlog)) {
      RoadmapStoreException.Io error =
          assertThrows(
              RoadmapStoreException.Io.class,
              () -> store.create(imported("Refused").githubIssue(3).build(), CREATED));
      assertThat(error.getMessage()).contains(backlog.toString());
      RoadmapStoreException.Io milestone =
          assertThrows(
              RoadmapStoreException.Io.class,
              () ->
                  store.create(
                      imported("Refused").milestone("v9").githubIssue(3).build(), CREATED));
      assertThat(milestone.getMessage()).contains(store.root().resolve("issues/v9").toString());
    }
    try (Stream<Path> left = Files.walk(store.root())) {
      assertEquals(
          List.of(store.root(), store.root().resolve("issues"), backlog), left.sorted().toList());
    }
  }
}
