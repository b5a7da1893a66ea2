package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing {@code comments}: entries that did not change keep every byte, changed ones change only
 * their changed keys, new ones are written as the tool writes them.
 */
class IssueCommentsWritingTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00.654321Z");
  private static final Instant T1 = Instant.parse("2026-02-10T13:45:03Z");
  private static final Instant T2 = Instant.parse("2026-02-12T08:00:00.5Z");
  private static final String ID = "aa000001";
  private static final String URL = "https://github.com/o/r/issues/41#issuecomment-";
  private static final String OLD_UPDATED = "updated: '2026-01-01T00:00:00.000000+00:00'\n";
  private static final String NEW_UPDATED = "updated: '2026-11-21T12:00:00.654321+00:00'\n";

  /** Three entries as a person might leave them: quotes, a block body, unknown keys, a note. */
  private static final String ENTRY_1 =
      "- id: 1\n"
          + "  issue_id: aa000001\n"
          + "  author: alice\n"
          + "  body: First\n"
          + "  created_at: '2026-02-10T13:45:03+00:00'\n"
          + "  updated_at: '2026-02-10T13:45:03+00:00'\n"
          + "  github_url: null\n"
          + "  in_reply_to: null\n";

  private static final String ENTRY_2 =
      "- id: 2\n"
          + "  issue_id: aa000001\n"
          + "  author: 'bob'\n"
          + "  body: |-\n"
          + "    Second,\n"
          + "    two lines\n"
          + "  created_at: '2026-02-10T13:46:00+00:00'\n"
          + "  updated_at: '2026-02-10T13:46:00+00:00'\n"
          + "  reaction: heart   # kept\n"
          + "  github_url: null\n"
          + "  in_reply_to: 1\n";

  private static final String NOTE = "# a note between entries\n";

  private static final String ENTRY_4 =
      "- id: 4\n"
          + "  author: carol\n"
          + "  body: Fourth\n"
          + "  created_at: '2026-02-10T13:47:00+00:00'\n"
          + "  updated_at: '2026-02-10T13:47:00+00:00'\n";

  private static final String LIST = "comments:\n" + ENTRY_1 + ENTRY_2 + NOTE + ENTRY_4;

  @TempDir Path temp;
  private RoadmapStore store;
  private Path file;

  private static String issue(String comments) {
    return "---\nid: aa000001\ntitle: Comments\nstatus: todo\n"
        + OLD_UPDATED
        + comments
        + "github_issue: 41\n---\n\nBody\n";
  }

  private void write(String text) throws Exception {
    file = temp.resolve(".roadmap/issues/backlog/aa000001-comments.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    store = RoadmapStore.open(temp.resolve(".roadmap"), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private List<RoadmapComment> comments() {
    return store.read(ID).orElseThrow().comments();
  }

  private String apply(List<RoadmapComment> wanted) throws Exception {
    store.apply(ID, IssueEdit.builder().comments(wanted).build());
    assertTrue(RoadmapComment.sameContents(wanted, comments()), "reads back as written");
    return Files.readString(file);
  }

  private static RoadmapComment comment(int id, String body) {
    return RoadmapComment.of(id, ID, "dave", body, T1, T1, null, null);
  }

  private static List<RoadmapComment> with(List<RoadmapComment> list, int index, RoadmapComment c) {
    List<RoadmapComment> copy = new ArrayList<>(list);
    copy.add(index, c);
    return copy;
  }

  private static List<RoadmapComment> replaced(List<RoadmapComment> list, RoadmapComment c) {
    return list.stream().map(old -> old.id() == c.id() ? c : old).toList();
  }

  @Test
  void writingTheListReadBackChangesNoByte() throws Exception {
    write(issue(LIST));
    byte[] before = Files.readAllBytes(file);
    RoadmapIssue read = store.read(ID).orElseThrow();
    assertEquals(3, read.comments().size());
    String hash = store.apply(ID, IssueEdit.builder().comments(read.comments()).build());
    assertEquals(read.contentHash(), hash);
    assertArrayEquals(before, Files.readAllBytes(file));
    // the same content built afresh (line 0) is the same list too
    List<RoadmapComment> fresh =
        read.comments().stream().map(c -> c.withGithubUrl(c.githubUrl())).toList();
    assertEquals(read.contentHash(), store.apply(ID, IssueEdit.builder().comments(fresh).build()));
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void theFirstCommentTurnsTheEmptyListIntoTheToolsBlockList() throws Exception {
    write(issue("comments: []\n"));
    RoadmapComment first =
        RoadmapComment.of(1, ID, "alice", "Looks good to me", T1, T1, URL + "123456", null);
    assertEquals(
        issue(
                "comments:\n"
                    + "- id: 1\n"
                    + "  issue_id: aa000001\n"
                    + "  author: alice\n"
                    + "  body: Looks good to me\n"
                    + "  created_at: '2026-02-10T13:45:03+00:00'\n"
                    + "  updated_at: '2026-02-10T13:45:03+00:00'\n"
                    + "  github_url: https://github.com/o/r/issues/41#issuecomment-123456\n"
                    + "  in_reply_to: null\n")
            .replace(OLD_UPDATED, NEW_UPDATED),
        apply(List.of(first)));
  }

  @Test
  void newEntriesGoWhereTheListPutsThemAndTheOthersKeepTheirBytes() throws Exception {
    write(issue(LIST));
    List<RoadmapComment> current = comments();
    List<RoadmapComment> wanted = with(current, 2, comment(3, "Third"));
    wanted = with(wanted, 0, comment(10, "Before all"));
    wanted = with(wanted, wanted.size(), comment(5, "Last"));
    String text = apply(wanted);
    assertEquals(
        issue(
                "comments:\n"
                    + entry(10, "Before all")
                    + ENTRY_1
                    + ENTRY_2
                    + entry(3, "Third")
                    + NOTE
                    + ENTRY_4
                    + entry(5, "Last"))
            .replace(OLD_UPDATED, NEW_UPDATED),
        text);
  }

  private static String entry(int id, String body) {
    return "- id: "
        + id
        + "\n  issue_id: aa000001\n  author: dave\n  body: "
        + body
        + "\n  created_at: '2026-02-10T13:45:03+00:00'\n"
        + "  updated_at: '2026-02-10T13:45:03+00:00'\n  github_url: null\n  in_reply_to: null\n";
  }

  @Test
  void aBodyGoesFromOneLineToALiteralBlockAndBack() throws Exception {
    write(issue(LIST));
    List<RoadmapComment> current = comments();
    RoadmapComment first = current.get(0);
    String multi = apply(replaced(current, first.withBody("First\nnow two lines\n", T2)));
    String edited1 =
        ENTRY_1
            .replace("  body: First\n", "  body: |\n    First\n    now two lines\n")
            .replace(
                "  updated_at: '2026-02-10T13:45:03+00:00'",
                "  updated_at: '2026-02-12T08:00:00.500000+00:00'");
    assertEquals(
        issue("comments:\n" + edited1 + ENTRY_2 + NOTE + ENTRY_4).replace(OLD_UPDATED, NEW_UPDATED),
        multi);

    String single = apply(replaced(comments(), comments().get(0).withBody("First again", T2)));
    assertEquals(
        multi.replace("  body: |\n    First\n    now two lines\n", "  body: First again\n"),
        single);

    // a block body becomes one line; the author's quotes and the unknown key stay
    RoadmapComment second = comments().get(1);
    String text =
        apply(
            replaced(
                comments(),
                RoadmapComment.of(
                    2, ID, "bobby", "Second", second.createdAt(), second.updatedAt(), null, 1)));
    assertEquals(
        single.replace(
            "  author: 'bob'\n  body: |-\n    Second,\n    two lines\n",
            "  author: 'bobby'\n  body: Second\n"),
        text);
  }

  @Test
  void aMissingGithubUrlIsInsertedWhereTheToolWritesIt() throws Exception {
    write(issue(LIST));
    List<RoadmapComment> current = comments();
    List<RoadmapComment> wanted =
        replaced(current, current.get(2).withGithubUrl(URL + "9")).stream()
            .map(
                c ->
                    c.id() == 4
                        ? RoadmapComment.of(
                            4,
                            c.issueId(),
                            c.author(),
                            c.body(),
                            c.createdAt(),
                            c.updatedAt(),
                            c.githubUrl(),
                            2)
                        : c)
            .toList();
    wanted = replaced(wanted, wanted.get(0).withGithubUrl(URL + "8"));
    String text = apply(wanted);
    assertEquals(
        issue(
                "comments:\n"
                    + ENTRY_1.replace("github_url: null", "github_url: " + URL + "8")
                    + ENTRY_2
                    + NOTE
                    + ENTRY_4
                    + "  github_url: "
                    + URL
                    + "9\n"
                    + "  in_reply_to: 2\n")
            .replace(OLD_UPDATED, NEW_UPDATED),
        text);
  }

  @Test
  void aMissingKeyGoesAfterTheKeyTheToolWritesBeforeIt() throws Exception {
    write(
        issue("comments:\n- id: 7\n  body: |+\n    kept\n\n\n  reaction: x\n- id: 8\n  body: b\n"));
    List<RoadmapComment> current = comments();
    RoadmapComment seven = current.get(0);
    List<RoadmapComment> wanted =
        List.of(
            RoadmapComment.of(7, ID, "erin", seven.body(), T1, null, null, null), current.get(1));
    assertEquals(
        issue(
                "comments:\n- id: 7\n  issue_id: aa000001\n  author: erin\n  body: |+\n    kept\n\n\n"
                    + "  created_at: '2026-02-10T13:45:03+00:00'\n"
                    + "  reaction: x\n- id: 8\n  body: b\n")
            .replace(OLD_UPDATED, NEW_UPDATED),
        apply(wanted));
    // a body kept with its final empty lines is replaced with them
    assertEquals(
        issue(
                "comments:\n- id: 7\n  issue_id: aa000001\n  author: erin\n  body: short\n"
                    + "  created_at: '2026-02-10T13:45:03+00:00'\n"
                    + "  reaction: x\n- id: 8\n  body: b\n")
            .replace(OLD_UPDATED, NEW_UPDATED),
        apply(List.of(comments().get(0).withBody("short", null), comments().get(1))));
  }

  @Test
  void aBodyFoldedOverSeveralLinesIsReplacedWhole() throws Exception {
    write(
        issue(
            "comments:\n- id: 1\n  body: a long comment that PyYAML folded\n    onto a second"
                + " line  # note\n  author: x\n"));
    assertEquals("a long comment that PyYAML folded onto a second line", comments().get(0).body());
    assertEquals(
        issue("comments:\n- id: 1\n  body: short  # note\n  author: x\n")
            .replace(OLD_UPDATED, NEW_UPDATED),
        apply(List.of(comments().get(0).withBody("short", null))));
  }

  @Test
  void removedEntriesLoseTheirLinesAndTheLastOneLeavesAnEmptyList() throws Exception {
    write(issue(LIST));
    List<RoadmapComment> current = comments();
    String text = apply(List.of(current.get(0), current.get(2)));
    assertEquals(
        issue("comments:\n" + ENTRY_1 + NOTE + ENTRY_4).replace(OLD_UPDATED, NEW_UPDATED), text);
    // the first one removed while a new one takes the front
    text = apply(List.of(comment(9, "New first"), comments().get(1)));
    assertEquals(
        issue("comments:\n" + entry(9, "New first") + NOTE + ENTRY_4)
            .replace(OLD_UPDATED, NEW_UPDATED),
        text);
    assertEquals(issue("comments: []\n").replace(OLD_UPDATED, NEW_UPDATED), apply(List.of()));
  }

  @Test
  void anIndentedListKeepsItsIndentation() throws Exception {
    write(issue("comments:\n  -\n    id: 1\n    body: a\n  - id: 2\n    body: b\n"));
    List<RoadmapComment> current = comments();
    String text =
        apply(
            List.of(
                current.get(0).withGithubUrl(URL + "1"),
                RoadmapComment.of(3, null, null, "c\nd", null, null, null, null)));
    assertEquals(
        issue(
                "comments:\n  -\n    id: 1\n    body: a\n    github_url: "
                    + URL
                    + "1\n"
                    + "  - id: 3\n    issue_id: null\n    author: null\n    body: |-\n      c\n"
                    + "      d\n    created_at: null\n    updated_at: null\n    github_url: null\n"
                    + "    in_reply_to: null\n")
            .replace(OLD_UPDATED, NEW_UPDATED),
        text);
  }

  @Test
  void aFileWithoutTheKeyGetsItBeforeGithubIssueOrAtTheEnd() throws Exception {
    write(issue(""));
    assertEquals(
        issue("comments:\n" + entry(1, "Hi")).replace(OLD_UPDATED, NEW_UPDATED),
        apply(List.of(comment(1, "Hi"))));

    write("---\nid: aa000001\ntitle: Comments\n" + OLD_UPDATED + "---\nBody\n");
    assertEquals(
        "---\nid: aa000001\ntitle: Comments\n"
            + NEW_UPDATED
            + "comments:\n"
            + entry(1, "Hi")
            + "---\nBody\n",
        apply(List.of(comment(1, "Hi"))));
  }

  @Test
  void crlfFilesStayCrlf() throws Exception {
    write(issue(LIST).replace("\n", "\r\n"));
    List<RoadmapComment> current = comments();
    List<RoadmapComment> wanted =
        List.of(
            current.get(0).withBody("Now\n  on two lines", T1),
            comment(3, "Third"),
            current.get(2).withGithubUrl(URL + "9"));
    String text = apply(wanted);
    assertFalse(text.replace("\r\n", "").contains("\n"), "no bare line feed:\n" + text);
    assertEquals(
        issue(
                "comments:\n"
                    + ENTRY_1.replace(
                        "  body: First\n", "  body: |-\n    Now\n      on two lines\n")
                    + entry(3, "Third")
                    + NOTE
                    + ENTRY_4
                    + "  github_url: "
                    + URL
                    + "9\n")
            .replace(OLD_UPDATED, NEW_UPDATED)
            .replace("\n", "\r\n"),
        text);
    assertEquals(
        issue("comments: []\n").replace(OLD_UPDATED, NEW_UPDATED).replace("\n", "\r\n"),
        apply(List.of()));
  }

  @Test
  void aCommentsOnlyChangeMovesUpdatedAndNoChangeWritesNothing() throws Exception {
    write(issue(LIST));
    String hash = store.read(ID).orElseThrow().contentHash();
    assertEquals(
        hash,
        store.apply(
            ID,
            IssueEdit.builder()
                .comments(comments())
                .title("Comments")
                .status(IssueStatus.TODO)
                .build()));
    apply(replaced(comments(), comments().get(0).withBody("Changed", T2)));
    assertEquals(Optional.of(NOW), store.read(ID).orElseThrow().updated());
    store.apply(
        ID,
        IssueEdit.builder()
            .comments(replaced(comments(), comments().get(0).withBody("Again", T2)))
            .updatedAt(T2)
            .build());
    assertEquals(Optional.of(T2), store.read(ID).orElseThrow().updated());
  }

  @Test
  void reorderingExistingEntriesOrRepeatingAnIdIsRefused() throws Exception {
    write(issue(LIST));
    byte[] before = Files.readAllBytes(file);
    List<RoadmapComment> current = comments();
    IllegalArgumentException reordered =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                store.apply(
                    ID,
                    IssueEdit.builder()
                        .comments(List.of(current.get(2), comment(3, "new"), current.get(0)))
                        .build()));
    assertEquals(
        "the list puts comment 1 after comment 4, which the file has after it; existing comments"
            + " keep their order",
        reordered.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> IssueEdit.builder().comments(List.of(comment(1, "a"), comment(1, "b"))));
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void aHandWrittenFlowListBecomesABlockListUnlessThatWouldLoseKeys() throws Exception {
    write(issue("comments: [{id: 1, body: x}, {id: 2, body: y}]\n"));
    assertEquals(
        issue(
                "comments:\n"
                    + "- id: 1\n  issue_id: null\n  author: null\n  body: changed\n"
                    + "  created_at: null\n  updated_at: null\n  github_url: null\n"
                    + "  in_reply_to: null\n"
                    + "- id: 2\n  issue_id: null\n  author: null\n  body: 'y'\n"
                    + "  created_at: null\n  updated_at: null\n  github_url: null\n"
                    + "  in_reply_to: null\n")
            .replace(OLD_UPDATED, NEW_UPDATED),
        apply(List.of(comments().get(0).withBody("changed", null), comments().get(1))));

    write(issue("comments:\n- {id: 1, body: x, mood: happy}\n"));
    byte[] before = Files.readAllBytes(file);
    assertThrows(
        RoadmapStoreException.EditNotLossless.class,
        () -> apply(List.of(comments().get(0).withBody("changed", null))));
    assertArrayEquals(before, Files.readAllBytes(file));
    // removing it loses nothing the user wants
    assertEquals(issue("comments: []\n").replace(OLD_UPDATED, NEW_UPDATED), apply(List.of()));
  }

  @Test
  void aNewIssueFileCanStartWithComments() throws Exception {
    write(issue(""));
    RoadmapIssue created =
        store.create(
            IssueEdit.builder()
                .title("From GitHub")
                .comments(List.of(comment(1, "One"), comment(2, "Two\nlines")))
                .build(),
            T1);
    String text = Files.readString(store.root().resolve(created.path()));
    assertTrue(
        text.contains(
            "completed_date: null\ncomments:\n"
                + entry(1, "One")
                + entry(2, "|-\n    Two\n    lines")
                + "github_issue: null\n"),
        text);
    assertTrue(
        RoadmapComment.sameContents(
            List.of(comment(1, "One"), comment(2, "Two\nlines")), created.comments()));
  }
}
