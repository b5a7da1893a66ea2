package org.roadmapsync.roadmap;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Edits one existing {@code comments} entry: only the keys whose value changes, each keeping its
 * quotes; a missing key is inserted after the key the tool writes before it. Other keys, unknown
 * keys and YAML comments keep their characters.
 */
final class CommentEntryEditor {
  private static final List<String> KNOWN_KEYS =
      Arrays.stream(CommentKey.values()).map(k -> k.yaml).toList();

  private final FrontMatterDocument doc;
  private final FrontMatterEditor editor;
  private final NodeSpans spans;
  private final String eol;
  private final String issueId;

  CommentEntryEditor(
      FrontMatterDocument doc, FrontMatterEditor editor, NodeSpans spans, String issueId) {
    this.doc = doc;
    this.editor = editor;
    this.spans = spans;
    this.eol = doc.lineEnding();
    this.issueId = issueId;
  }

  void edit(MappingNode entry, RoadmapComment current, RoadmapComment wanted, int dashColumn) {
    if (current.sameContent(wanted)) {
      return;
    }
    if (entry.getFlowStyle() == FlowStyle.FLOW) {
      // a hand-written {id: 1, ...}: written again whole, in the tool's style
      refuseUnknownKeys(entry, current.id(), issueId);
      editor.replace(
          spans.itemLineStart(entry),
          spans.lineAfter(entry),
          CommentEntryText.entry(wanted, dashColumn, eol));
      return;
    }
    int keyColumn = spans.column(doc.start(entry.getValue().get(0).getKeyNode()));
    for (CommentKey key : CommentKey.values()) {
      if (Objects.equals(key.of(current), key.of(wanted))) {
        continue;
      }
      Optional<NodeTuple> tuple = FrontMatterDocument.entry(entry, key.yaml);
      if (tuple.isPresent()) {
        replaceValue(tuple.get(), key, wanted, keyColumn);
      } else {
        insertKey(entry, key, wanted, keyColumn);
      }
    }
  }

  private void replaceValue(NodeTuple tuple, CommentKey key, RoadmapComment wanted, int column) {
    Node value = tuple.getValueNode();
    int keyEnd = spans.keyEnd(tuple);
    ScalarNode scalar = (ScalarNode) value;
    if (NodeSpans.isEmptyPlain(scalar)) {
      String text = CommentEntryText.value(key, wanted, ScalarStyle.PLAIN, column, eol);
      boolean oneLine = text.indexOf('\n') < 0;
      editor.replace(
          keyEnd,
          oneLine ? spans.tupleEnd(tuple) : spans.lineAfter(tuple),
          ": " + text + (oneLine ? "" : eol));
      return;
    }
    if (doc.start(value) < keyEnd) {
      throw refusal(
          "comment " + wanted.id() + "'s '" + key.yaml + "' is an alias of a value written before");
    }
    String text = CommentEntryText.value(key, wanted, scalar.getScalarStyle(), column, eol);
    if (NodeSpans.isBlockScalar(value) || text.indexOf('\n') >= 0) {
      // a block runs to the end of its last line: replace whole lines
      editor.replace(doc.start(value), spans.lineAfter(tuple), text + eol);
    } else {
      // one line for one line: whatever follows on the line (a # comment) stays
      editor.replace(doc.start(value), spans.contentEnd(value), text);
    }
  }

  private void insertKey(MappingNode entry, CommentKey key, RoadmapComment wanted, int column) {
    NodeTuple before = null;
    for (CommentKey earlier : CommentKey.values()) {
      if (earlier == key) {
        break;
      }
      before = FrontMatterDocument.entry(entry, earlier.yaml).orElse(before);
    }
    int at = before == null ? spans.lineAfter(entry) : spans.lineAfter(before);
    String text = CommentEntryText.value(key, wanted, ScalarStyle.PLAIN, column, eol);
    editor.replace(at, at, " ".repeat(column) + key.yaml + ": " + text + eol);
  }

  static void refuseUnknownKeys(MappingNode entry, int id, String issueId) {
    List<String> unknown =
        entry.getValue().stream()
            .map(NodeTuple::getKeyNode)
            .filter(ScalarNode.class::isInstance)
            .map(k -> ((ScalarNode) k).getValue())
            .filter(k -> !KNOWN_KEYS.contains(k))
            .toList();
    if (!unknown.isEmpty()) {
      throw new RoadmapStoreException.EditNotLossless(
          issueId,
          "comment "
              + id
              + " is written as {...} with keys sync does not know "
              + unknown
              + "; writing it again would lose them");
    }
  }

  private RoadmapStoreException refusal(String detail) {
    return new RoadmapStoreException.EditNotLossless(issueId, detail);
  }
}
