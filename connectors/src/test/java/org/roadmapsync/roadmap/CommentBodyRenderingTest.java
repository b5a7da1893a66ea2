package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/** Whatever a comment body holds, what is written reads back as exactly the same string. */
class CommentBodyRenderingTest {
  private static final Instant T = Instant.parse("2026-02-10T13:45:03Z");

  /** Bodies YAML could misread if written carelessly. */
  static final List<String> TRICKY =
      List.of(
          "",
          "\n",
          "\n\n",
          "a\n",
          "a\n\n",
          "a\n\n\n",
          "\na",
          "\n\na\n",
          "  \n",
          " \nx",
          "   \n\nx\n",
          " leading space",
          "  leading spaces\non two lines",
          "\tleading tab",
          "\ttab first\n\ttab second",
          "---",
          "...",
          "---\nbody\n...\n",
          "# x",
          "# heading\n\nText with `code`",
          "key: value",
          "key: value\nother: 2",
          "- item",
          "- a\n- b\n",
          "|",
          ">",
          "|-\n>+",
          "'single quotes'",
          "\"double quotes\"",
          "it's\n\"both\"",
          "back\\slash \\n",
          "ünïcode ✓ 😀",
          "😀\n😀\n",
          "nul\0byte",
          "nul\0\nand a line",
          "crlf\r\nline",
          "cr\ronly",
          "bell\u0007\nline",
          "trailing spaces   \nhere  ",
          "line\n   ",
          "a\n \n b",
          "nel\u0085here\nx",
          "line\u2028separator\nx",
          "\uFEFFbom\nx",
          "del\u007f\nx",
          "=",
          "<<",
          "null",
          "~",
          "true",
          "42",
          "0x1F",
          "1:20",
          "2026-02-10",
          "@user mention",
          "%percent",
          "{a: 1}",
          "[1, 2]",
          "&anchor\n*alias",
          "!tag",
          "? question",
          ": colon",
          "ends with colon:",
          "x #not a comment",
          "a\tb\n\tc",
          "x".repeat(65_536),
          "line of text\n".repeat(5_400).substring(0, 70_000),
          "y".repeat(70_000));

  @TempDir Path temp;

  @Test
  void everyTrickyBodyReadsBackFromANewEntryInLfAndCrlfFiles() throws Exception {
    for (String eol : List.of("\n", "\r\n")) {
      for (int column : List.of(0, 2)) {
        for (String body : TRICKY) {
          assertEquals(body, readBack(body, column, eol), describe(body) + " eol " + eol.length());
        }
      }
    }
  }

  @Test
  void everyTrickyBodyReadsBackWhenItReplacesTheOneBefore() throws Exception {
    Path file = temp.resolve(".roadmap/issues/backlog/aa000001-x.md");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "---\nid: aa000001\ntitle: x\ncomments:\n- id: 1\n  body: first\n  author: a\n"
            + "github_issue: 3\n---\n",
        StandardCharsets.UTF_8);
    RoadmapStore store =
        RoadmapStore.open(temp.resolve(".roadmap"), Clock.fixed(T, ZoneOffset.UTC));
    // each body replaces the one before it, so every kind of value replaces every other kind
    List<String> sequence = new ArrayList<>(TRICKY);
    List<String> reversed = new ArrayList<>(TRICKY);
    Collections.reverse(reversed);
    sequence.addAll(reversed);
    for (String body : sequence) {
      RoadmapComment current = store.read("aa000001").orElseThrow().comments().get(0);
      store.apply(
          "aa000001", IssueEdit.builder().comments(List.of(current.withBody(body, T))).build());
      RoadmapIssue read = store.read("aa000001").orElseThrow();
      assertEquals(body, read.comments().get(0).body(), describe(body));
      assertEquals("a", read.comments().get(0).author(), "the next key survives");
      assertEquals(3, read.githubIssue().getAsInt(), "the keys after the list survive");
    }
  }

  @Test
  void randomBodiesFromTrickyPiecesReadBackAndUseALiteralBlockWhenTheyCan() throws Exception {
    String[] pieces = {
      "a", "text", " ", "  ", "\t", "\n", "\n", "\n\n", "#", "# ", ":", ": ", "-", "- ", "'", "\"",
      "\\", "|", ">", "---", "...", "é", "😀", "\r", "\0", "[", "{", "&", "*", "!", "%", "@", "`"
    };
    Random random = new Random(16);
    int literal = 0;
    for (int n = 0; n < 3_000; n++) {
      StringBuilder body = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        body.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = body.toString();
      String rendered = CommentBodyRendering.render(text, ScalarStyle.PLAIN, 2, "\n");
      assertEquals(text, readBack(text, 0, "\n"), describe(text));
      if (text.contains("\n") && !text.matches("(?s).*[\r\0].*") && !text.matches("\n*")) {
        assertTrue(rendered.startsWith("|"), describe(text) + " → " + rendered);
        literal++;
      } else {
        assertTrue(!rendered.contains("\n"), describe(text) + " is one line: " + rendered);
      }
    }
    assertTrue(literal > 500, "literal blocks tried: " + literal);
  }

  @Test
  void theStyleIsTheMostReadableThatHoldsTheText() {
    assertEquals("Looks good to me", render("Looks good to me"));
    assertEquals("''", render(""));
    assertEquals("'- item'", render("- item"));
    assertEquals("'key: value'", render("key: value"));
    assertEquals("'='", render("="));
    assertEquals("\"tab\\tand\\rcarriage\"", render("tab\tand\rcarriage"));
    assertEquals("|-\n    first\n\n    third", render("first\n\nthird"));
    assertEquals("|\n    one line break", render("one line break\n"));
    assertEquals("|+\n    kept\n\n", render("kept\n\n\n"));
    assertEquals("|2-\n      indented\n    not", render("  indented\nnot"));
    assertEquals("|2\n\n      after a blank line", render("\n  after a blank line\n"));
    assertEquals("\"\\n\\n\"", render("\n\n"));
    assertEquals("\"crlf\\r\\nline\"", render("crlf\r\nline"));
    assertEquals("\"nul\\u0000\\nbyte\"", render("nul\0\nbyte"));
    // a quoted one-line body being replaced keeps its quotes
    assertEquals(
        "\"plain text\"",
        CommentBodyRendering.render("plain text", ScalarStyle.DOUBLE_QUOTED, 2, "\n"));
  }

  private static String render(String body) {
    return CommentBodyRendering.render(body, ScalarStyle.PLAIN, 2, "\n");
  }

  /** The body written in a new entry of a whole issue file, read back by the store's parser. */
  private static String readBack(String body, int dashColumn, String eol) {
    RoadmapComment comment = RoadmapComment.of(1, "aa000001", "a", body, T, T, null, null);
    String text =
        String.join(
            eol,
            "---",
            "id: aa000001",
            "title: x",
            "comments:",
            CommentEntryText.entry(comment, dashColumn, eol) + "github_issue: 1",
            "---",
            "");
    ParsedIssueFile parsed =
        IssueFileParser.parse(
            Path.of("issues/backlog/aa000001-x.md"), text.getBytes(StandardCharsets.UTF_8));
    assertTrue(parsed instanceof ParsedIssueFile.Parsed, () -> parsed + "\n" + text);
    List<RoadmapComment> comments = ((ParsedIssueFile.Parsed) parsed).issue().comments();
    assertEquals(1, comments.size());
    assertEquals("a", comments.get(0).author());
    return comments.get(0).body();
  }

  private static String describe(String body) {
    String shown = body.length() > 60 ? body.substring(0, 60) + "…(" + body.length() + ")" : body;
    StringBuilder out = new StringBuilder("body \"");
    shown
        .codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0xfeff) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('"').toString();
  }
}
