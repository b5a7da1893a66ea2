package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading {@code comments}: every field and form, and each malformed entry named with its line. */
class IssueCommentsParsingTest {
  private static final String FILE = "issues/backlog/aa000001-comments.md";

  @TempDir Path temp;

  /** An issue whose {@code comments} key is on line 4. */
  private static String issue(String comments) {
    return "---\nid: aa000001\ntitle: Comments\n" + comments + "github_issue: 41\n---\n\nBody\n";
  }

  private Path write(String text) throws Exception {
    Path file = temp.resolve(".roadmap").resolve(FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private RoadmapStore store() {
    return RoadmapStore.open(temp.resolve(".roadmap"));
  }

  @Test
  void everyFieldIsReadInFileOrderWithItsLine() throws Exception {
    write(
        issue(
            "comments:\n"
                + "- id: 1\n"
                + "  issue_id: aa000001\n"
                + "  author: alice\n"
                + "  body: Looks good to me\n"
                + "  created_at: '2026-02-10T13:45:03+00:00'\n"
                + "  updated_at: '2026-02-10T13:45:03.250000+00:00'\n"
                + "  github_url: https://github.com/o/r/issues/41#issuecomment-123456\n"
                + "  in_reply_to: null\n"
                + "- id: 7\n"
                + "  author: 'bob'\n"
                + "  body: |-\n"
                + "    first line\n"
                + "      indented\n"
                + "  created_at: 2026-02-10 14:00:00\n"
                + "  reaction: thumbs-up\n"
                + "  extra: {nested: [1, 2]}\n"
                + "  in_reply_to: 1\n"
                + "- id: 3\n"
                + "  body: ''\n"));
    RoadmapIssue issue = store().read("aa000001").orElseThrow();
    assertEquals(
        List.of(
            new RoadmapComment(
                1,
                "aa000001",
                "alice",
                "Looks good to me",
                Instant.parse("2026-02-10T13:45:03Z"),
                Instant.parse("2026-02-10T13:45:03.25Z"),
                "https://github.com/o/r/issues/41#issuecomment-123456",
                null,
                5),
            new RoadmapComment(
                7,
                null,
                "bob",
                "first line\n  indented",
                Instant.parse("2026-02-10T14:00:00Z"),
                null,
                null,
                1,
                13),
            new RoadmapComment(3, null, null, "", null, null, null, null, 22)),
        issue.comments());
    assertEquals(123456L, issue.comments().get(0).githubCommentId().getAsLong());
    assertTrue(issue.comments().get(1).githubCommentId().isEmpty());
  }

  static Stream<Arguments> noComments() {
    return Stream.of(
        Arguments.of(""),
        Arguments.of("comments: []\n"),
        Arguments.of("comments:\n"),
        Arguments.of("comments: null\n"),
        Arguments.of("comments: ~\n"));
  }

  @ParameterizedTest
  @MethodSource("noComments")
  void aMissingNullOrEmptyListIsNoComments(String comments) throws Exception {
    write(issue(comments));
    RoadmapStore store = store();
    assertEquals(List.of(), store.loadAll().problems());
    assertEquals(List.of(), store.read("aa000001").orElseThrow().comments());
  }

  static Stream<Arguments> times() {
    return Stream.of(
        Arguments.of("'2026-02-10T13:45:03+00:00'", "2026-02-10T13:45:03Z"),
        Arguments.of("'2026-02-10T13:45:03.369959+00:00'", "2026-02-10T13:45:03.369959Z"),
        Arguments.of("\"2026-02-10T13:45:03Z\"", "2026-02-10T13:45:03Z"),
        Arguments.of("'2026-02-10T13:45:03'", "2026-02-10T13:45:03Z"),
        Arguments.of("'2026-02-10T15:45:03+0200'", "2026-02-10T13:45:03Z"),
        Arguments.of("2026-02-10T13:45:03.5+00:00", "2026-02-10T13:45:03.5Z"),
        Arguments.of("2001-12-14 21:59:43.10 -5", "2001-12-15T02:59:43.10Z"),
        Arguments.of("2001-12-14t21:59:43.10-05:00", "2001-12-15T02:59:43.10Z"),
        Arguments.of("2002-12-14", "2002-12-14T00:00:00Z"),
        // finer than the tool's microseconds: kept to the microsecond
        Arguments.of("'2026-02-10T13:45:03.123456789+00:00'", "2026-02-10T13:45:03.123456Z"));
  }

  @ParameterizedTest
  @MethodSource("times")
  void timesAreReadInEveryFormTheToolOrAPersonWrites(String yaml, String expected)
      throws Exception {
    write(issue("comments:\n- id: 1\n  body: x\n  created_at: " + yaml + "\n"));
    assertEquals(
        Instant.parse(expected),
        store().read("aa000001").orElseThrow().comments().get(0).createdAt());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(
            "comments: hello\n",
            4,
            "'comments' must be a list of comments ([] for none), not the text 'hello'"),
        Arguments.of(
            "comments: {id: 1}\n",
            4,
            "'comments' must be a list of comments ([] for none), not a mapping"),
        Arguments.of(
            "comments:\n- just text\n",
            5,
            "comments[0] (line 5): each comment must be a mapping of keys such as id, author and"
                + " body, not the text 'just text'"),
        Arguments.of(
            "comments:\n- id: 1\n  author: a\n", 5, "comments[0] (line 5): 'body' is missing"),
        Arguments.of(
            "comments:\n- id: 1\n  body: null\n",
            5,
            "comments[0] (line 5): 'body' (line 6) is null; an empty comment is written ''"),
        Arguments.of(
            "comments:\n- id: 1\n  body:\n",
            5,
            "comments[0] (line 5): 'body' (line 6) is null; an empty comment is written ''"),
        Arguments.of(
            "comments:\n- id: 1\n  body: 42\n",
            5,
            "comments[0] (line 5): 'body' (line 6) must be text, not the number 42; put it in"
                + " quotes"),
        Arguments.of(
            "comments:\n- id: 1\n  body:\n  - a\n",
            5,
            "comments[0] (line 5): 'body' (line 7) must be text, not a list"),
        Arguments.of(
            "comments:\n- author: a\n  body: x\n", 5, "comments[0] (line 5): 'id' is missing"),
        Arguments.of(
            "comments:\n- id: '3'\n  body: x\n",
            5,
            "comments[0] (line 5): 'id' must be a whole number, but '3' is quoted, which makes it"
                + " text; write it without quotes"),
        Arguments.of(
            "comments:\n- id: abc\n  body: x\n",
            5,
            "comments[0] (line 5): 'id' must be a whole number, not the text 'abc'"),
        Arguments.of(
            "comments:\n- id: 1.5\n  body: x\n",
            5,
            "comments[0] (line 5): 'id' must be a whole number, not the number 1.5"),
        Arguments.of(
            "comments:\n- id: 99999999999\n  body: x\n",
            5,
            "comments[0] (line 5): 'id' 99999999999 is too large"),
        Arguments.of(
            "comments:\n- id: 1\n  body: x\n  in_reply_to: x\n",
            5,
            "comments[0] (line 5): 'in_reply_to' (line 7) must be the id of another comment (a"
                + " whole number) or null, not the text 'x'"),
        Arguments.of(
            "comments:\n- id: 1\n  body: x\n  github_url: 5\n",
            5,
            "comments[0] (line 5): 'github_url' (line 7) must be a link (text) or null, not the"
                + " number 5; put it in quotes"),
        Arguments.of(
            "comments:\n- id: 1\n  author: 1234\n  body: x\n",
            5,
            "comments[0] (line 5): 'author' (line 6) must be text (a name or GitHub login), not the"
                + " number 1234; put it in quotes"),
        Arguments.of(
            "comments:\n- id: 1\n  author: [a, b]\n  body: x\n",
            5,
            "comments[0] (line 5): 'author' (line 6) must be text (a name or GitHub login), not a"
                + " list"),
        Arguments.of(
            "comments:\n- id: 1\n  body: x\n  created_at: yesterday\n",
            5,
            "comments[0] (line 5): 'created_at' (line 7) is not a time: the text 'yesterday';"
                + " write it like '2026-02-10T13:45:03+00:00'"),
        Arguments.of(
            "comments:\n- id: 1\n  body: x\n  updated_at: '2026-13-40T00:00:00+00:00'\n",
            5,
            "comments[0] (line 5): 'updated_at' (line 7) is not a time: the text"
                + " '2026-13-40T00:00:00+00:00'; write it like '2026-02-10T13:45:03+00:00'"),
        Arguments.of(
            "comments:\n- id: 1\n  body: x\n  body: y\n",
            5,
            "comments[0] (line 5): the key 'body' appears twice (lines 6 and 7)"),
        Arguments.of(
            "comments:\n- id: 1\n  body: a\n- id: 2\n  body: b\n- id: 3\n  author: c\n",
            9,
            "comments[2] (line 9): 'body' is missing"),
        Arguments.of(
            "comments:\n- id: 3\n  body: a\n- id: 4\n  body: b\n- id: 3\n  body: c\n",
            9,
            "comment id 3 is used twice (lines 5 and 9)"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void aMalformedEntryMakesTheFileAProblemNamingTheEntrysLine(
      String comments, int line, String reason) throws Exception {
    Path file = write(issue(comments));
    RoadmapStore store = store();
    List<RoadmapFileProblem> problems = store.loadAll().problems();
    assertEquals(
        List.of(
            new RoadmapFileProblem(
                Path.of(FILE),
                line,
                reason,
                RoadmapFileProblem.Kind.INVALID_VALUE,
                Optional.of("aa000001"))),
        problems);
    byte[] before = Files.readAllBytes(file);
    assertThrows(
        RoadmapStoreException.UnusableFile.class,
        () -> store.apply("aa000001", IssueEdit.builder().comments(List.of()).build()));
    assertArrayEquals(before, Files.readAllBytes(file), "a problem file is never written");
  }

  @Test
  void anImpossibleIssueTimeReadsAsNoTimeInsteadOfFailingTheLoad() throws Exception {
    write(
        issue("comments: []\n")
            .replace(
                "title: Comments\n",
                "title: Comments\ncreated: '2026-13-40T00:00:00'\n"
                    + "updated: '2026-01-01T00:00:00+25:00'\n"));
    RoadmapStore store = store();
    assertEquals(List.of(), store.loadAll().problems());
    RoadmapIssue issue = store.read("aa000001").orElseThrow();
    assertEquals(Optional.empty(), issue.created());
    assertEquals(Optional.empty(), issue.updated());
    // and an edit still writes, in the tool's format
    store.apply("aa000001", IssueEdit.builder().title("Edited").updatedAt(Instant.EPOCH).build());
    assertEquals(Optional.of(Instant.EPOCH), store.read("aa000001").orElseThrow().updated());
  }

  @Test
  void theFrontMatterTreeStillHoldsTheCommentsAsWritten() throws Exception {
    write(issue("comments:\n- id: 1\n  body: x\n  reaction: '+1'\n"));
    Map<String, Object> tree = store().read("aa000001").orElseThrow().frontMatter();
    assertEquals(List.of(Map.of("id", 1L, "body", "x", "reaction", "+1")), tree.get("comments"));
  }
}
