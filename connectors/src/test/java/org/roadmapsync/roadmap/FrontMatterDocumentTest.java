package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontMatterDocumentTest {

  private static String edit(String text, java.util.function.Consumer<FrontMatterEditor> change)
      throws Exception {
    FrontMatterEditor editor = new FrontMatterEditor(FrontMatterDocument.parse(text));
    change.accept(editor);
    return editor.result();
  }

  @Test
  void bodyWithDashLinesAndCrlfIsKeptExactly() throws Exception {
    String text = "---\r\nid: a1\r\ntitle: T\r\n---\r\n\r\nbefore\r\n---\r\nafter\r\n";
    FrontMatterDocument doc = FrontMatterDocument.parse(text);
    assertEquals("\r\n", doc.lineEnding());
    assertEquals("\r\nbefore\r\n---\r\nafter\r\n", doc.body());
    assertEquals(Map.of("id", "a1", "title", "T"), doc.tree());
    String changed = edit(text, e -> e.setScalar("title", new YamlScalar.Str("New: title")));
    assertEquals(
        "---\r\nid: a1\r\ntitle: 'New: title'\r\n---\r\n\r\nbefore\r\n---\r\nafter\r\n", changed);
  }

  @Test
  void emptyBodyWithoutFinalLineBreak() throws Exception {
    FrontMatterDocument doc = FrontMatterDocument.parse("---\nid: a1\n---");
    assertEquals("", doc.body());
    String changed = edit("---\nid: a1\n---", e -> e.setScalar("title", new YamlScalar.Str("x")));
    assertEquals("---\nid: a1\ntitle: x\n---", changed);
  }

  @Test
  void offsetsStayRightAfterCharactersOutsideTheBasicPlane() throws Exception {
    String text = "---\nnote: \"emoji 😀😀 here\"\ntitle: old\n---\nbody 😀\n";
    String changed = edit(text, e -> e.setScalar("title", new YamlScalar.Str("néw ✓")));
    assertEquals("---\nnote: \"emoji 😀😀 here\"\ntitle: néw ✓\n---\nbody 😀\n", changed);
  }

  @Test
  void quotingStyleOfTheReplacedValueIsKept() throws Exception {
    String text = "---\na: 'x'\nb: \"y\"\nc: z\nd: '282'\n---\n";
    String changed =
        edit(
            text,
            e -> {
              e.setScalar("a", new YamlScalar.Str("it's"));
              e.setScalar("b", new YamlScalar.Str("say \"hi\""));
              e.setScalar("c", new YamlScalar.Str("true"));
              e.setScalar("d", new YamlScalar.Int(283));
            });
    assertEquals("---\na: 'it''s'\nb: \"say \\\"hi\\\"\"\nc: 'true'\nd: '283'\n---\n", changed);
  }

  @Test
  void sequencesKeepTheirStyleAndIndentation() throws Exception {
    String text = "---\nlabels:\n  - a\n  - b\nflow: [x, y]\nempty: []\nafter: 1\n---\n";
    String changed =
        edit(
            text,
            e -> {
              e.setSequence("labels", List.of("c"));
              e.setSequence("flow", List.of("z"));
              e.setSequence("empty", List.of("one", "two words: colon"));
            });
    assertEquals(
        "---\nlabels:\n  - c\nflow: [z]\nempty:\n- one\n- 'two words: colon'\nafter: 1\n---\n",
        changed);
    assertEquals(
        "---\nlabels: []\nflow: [x, y]\nempty: []\nafter: 1\n---\n",
        edit(text, e -> e.setSequence("labels", List.of())));
  }

  @Test
  void nestedGithubLinkIsSetInBlockFlowAndMissingParents() throws Exception {
    assertEquals(
        "---\nremote_ids:\n  github: 7\nx: 1\n---\n",
        edit(
            "---\nremote_ids:\n  github: 3\nx: 1\n---\n",
            e -> e.setNestedScalar("remote_ids", "github", new YamlScalar.Int(7))));
    assertEquals(
        "---\nremote_ids: {github: 7}\n---\n",
        edit(
            "---\nremote_ids: {}\n---\n",
            e -> e.setNestedScalar("remote_ids", "github", new YamlScalar.Int(7))));
    assertEquals(
        "---\nremote_ids:\n  gitlab: 2\n  github: 7\n---\n",
        edit(
            "---\nremote_ids:\n  gitlab: 2\n---\n",
            e -> e.setNestedScalar("remote_ids", "github", new YamlScalar.Int(7))));
    assertEquals(
        "---\nid: a\nremote_ids:\n  github: 7\n---\n",
        edit(
            "---\nid: a\n---\n",
            e -> e.setNestedScalar("remote_ids", "github", new YamlScalar.Int(7))));
    assertEquals(
        "---\nremote_ids: {}\nx: 1\n---\n",
        edit(
            "---\nremote_ids:\n  github: 3\nx: 1\n---\n",
            e -> e.removeNested("remote_ids", "github")));
  }

  @Test
  void invalidYamlReportsTheFileLine() {
    FrontMatterSyntaxException e =
        assertThrows(
            FrontMatterSyntaxException.class,
            () ->
                FrontMatterDocument.parse(
                    "---\nid: a\ntitle: [unclosed\nstatus: todo\n---\nbody\n"));
    assertTrue(e.line() >= 3 && e.line() <= 5, "line " + e.line());
    assertThrows(
        FrontMatterSyntaxException.class, () -> FrontMatterDocument.parse("no front matter\n"));
    FrontMatterSyntaxException open =
        assertThrows(
            FrontMatterSyntaxException.class, () -> FrontMatterDocument.parse("---\nid: a\n"));
    assertTrue(open.reason().contains("closing"));
    FrontMatterSyntaxException dup =
        assertThrows(
            FrontMatterSyntaxException.class,
            () -> FrontMatterDocument.parse("---\nid: a\nid: b\n---\n"));
    assertEquals(3, dup.line());
  }

  @Test
  void timestampsAreWrittenInTheShapeFound() {
    java.time.Instant at = java.time.Instant.parse("2026-03-01T10:20:30.123456789Z");
    assertEquals(
        "2026-03-01T10:20:30.123456+00:00",
        TimestampFormat.detect("2025-12-25T19:51:02.988571+00:00").orElseThrow().format(at));
    assertEquals(
        "2026-03-01T10:20:30.123456",
        TimestampFormat.detect("2025-10-14T15:17:53.097110").orElseThrow().format(at));
    assertEquals(
        "2026-03-01T10:20:30Z",
        TimestampFormat.detect("2025-10-14T15:17:53Z").orElseThrow().format(at));
    assertEquals(
        "2026-03-01 12:20:30.123+02:00",
        TimestampFormat.detect("2025-10-14 15:17:53.097+02:00").orElseThrow().format(at));
  }
}
