package org.roadmapsync.roadmap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Surgical edits of one {@link FrontMatterDocument}: each edit replaces the characters of one value
 * (or inserts one key) and the rest of the text is copied unchanged. The whole YAML is never
 * serialised again, so unknown keys, order, quoting, comments and line endings survive.
 */
final class FrontMatterEditor {
  private record TextEdit(int start, int end, String replacement, int order) {}

  private final FrontMatterDocument doc;
  private final String text;
  private final String eol;
  private final NodeSpans spans;
  private final List<TextEdit> edits = new ArrayList<>();

  FrontMatterEditor(FrontMatterDocument doc) {
    this.doc = doc;
    this.text = doc.text();
    this.eol = doc.lineEnding();
    this.spans = new NodeSpans(doc);
  }

  boolean hasEdits() {
    return !edits.isEmpty();
  }

  /** Sets a top-level scalar, keeping the quoting style of the value it replaces. */
  void setScalar(String key, YamlScalar value) {
    Optional<NodeTuple> entry = doc.entry(key);
    if (entry.isEmpty()) {
      ScalarStyle style =
          value instanceof YamlScalar.Timestamp ? ScalarStyle.SINGLE_QUOTED : ScalarStyle.PLAIN;
      insertTopLevel(key + ": " + ScalarRendering.render(value, style) + eol);
      return;
    }
    replaceScalarValue(entry.get(), value);
  }

  private void replaceScalarValue(NodeTuple tuple, YamlScalar value) {
    Node node = tuple.getValueNode();
    if (node instanceof ScalarNode scalar
        && !NodeSpans.isEmptyPlain(scalar)
        && scalar.getScalarStyle() != ScalarStyle.LITERAL
        && scalar.getScalarStyle() != ScalarStyle.FOLDED) {
      add(
          doc.start(scalar),
          spans.contentEnd(scalar),
          ScalarRendering.render(value, scalar.getScalarStyle()));
    } else {
      add(
          spans.keyEnd(tuple),
          spans.tupleEnd(tuple),
          ": " + ScalarRendering.render(value, ScalarStyle.PLAIN));
    }
  }

  /**
   * Sets a top-level list of strings. An empty list is written {@code []}; a non-empty one keeps
   * the flow or block style already used, and block items keep their indentation.
   */
  void setSequence(String key, List<String> items) {
    Optional<NodeTuple> entry = doc.entry(key);
    if (entry.isEmpty()) {
      String rendered = items.isEmpty() ? " []" : eol + blockItems(items, 0);
      insertTopLevel(key + ":" + rendered + eol);
      return;
    }
    NodeTuple tuple = entry.get();
    Node node = tuple.getValueNode();
    int keyColumn = spans.column(doc.start(tuple.getKeyNode()));
    if (node instanceof SequenceNode seq
        && seq.getFlowStyle() == FlowStyle.FLOW
        && !seq.getValue().isEmpty()) {
      add(doc.start(seq), spans.contentEnd(seq), flowItems(items));
    } else if (items.isEmpty()) {
      add(spans.keyEnd(tuple), spans.tupleEnd(tuple), ": []");
    } else {
      int indent =
          node instanceof SequenceNode seq && seq.getFlowStyle() == FlowStyle.BLOCK
              ? spans.leadingSpaces(spans.lineStart(doc.start(seq)))
              : keyColumn;
      add(spans.keyEnd(tuple), spans.tupleEnd(tuple), ":" + eol + blockItems(items, indent));
    }
  }

  /**
   * Sets {@code parentKey.key} (e.g. {@code remote_ids.github}), creating the parent when needed.
   */
  void setNestedScalar(String parentKey, String key, YamlScalar value) {
    Optional<NodeTuple> parentEntry = doc.entry(parentKey);
    String pair = key + ": " + ScalarRendering.render(value, ScalarStyle.PLAIN);
    if (parentEntry.isEmpty()) {
      insertTopLevel(parentKey + ":" + eol + "  " + pair + eol);
      return;
    }
    NodeTuple parent = parentEntry.get();
    if (!(parent.getValueNode() instanceof MappingNode mapping)) {
      int indent = spans.column(doc.start(parent.getKeyNode())) + 2;
      add(spans.keyEnd(parent), spans.tupleEnd(parent), ":" + eol + " ".repeat(indent) + pair);
      return;
    }
    Optional<NodeTuple> child = FrontMatterDocument.entry(mapping, key);
    if (child.isPresent()) {
      replaceScalarValue(child.get(), value);
    } else if (mapping.getFlowStyle() == FlowStyle.FLOW) {
      int close = text.lastIndexOf('}', spans.contentEnd(mapping));
      if (mapping.getValue().isEmpty()) {
        add(doc.start(mapping), spans.contentEnd(mapping), "{" + pair + "}");
      } else {
        int at = close;
        while (at > 0 && Character.isWhitespace(text.charAt(at - 1))) {
          at--;
        }
        add(at, at, ", " + pair);
      }
    } else {
      int indent =
          spans.leadingSpaces(spans.lineStart(doc.start(mapping.getValue().get(0).getKeyNode())));
      int end = spans.contentEnd(mapping);
      add(end, end, eol + " ".repeat(indent) + pair);
    }
  }

  /** Removes {@code parentKey.key}; a mapping left empty is written {@code {}}. */
  void removeNested(String parentKey, String key) {
    Optional<NodeTuple> parentEntry = doc.entry(parentKey);
    if (parentEntry.isEmpty()
        || !(parentEntry.get().getValueNode() instanceof MappingNode mapping)) {
      return;
    }
    Optional<NodeTuple> child = FrontMatterDocument.entry(mapping, key);
    if (child.isEmpty()) {
      return;
    }
    if (mapping.getValue().size() == 1) {
      add(spans.keyEnd(parentEntry.get()), spans.tupleEnd(parentEntry.get()), ": {}");
    } else if (mapping.getFlowStyle() == FlowStyle.FLOW) {
      replaceScalarValue(child.get(), new YamlScalar.Null());
    } else {
      int from = spans.lineStart(doc.start(child.get().getKeyNode()));
      int to = text.indexOf('\n', spans.tupleEnd(child.get()));
      add(from, to < 0 ? text.length() : to + 1, "");
    }
  }

  /** Replaces everything after the closing front matter line. */
  void setBody(String body) {
    add(doc.bodyStart(), text.length(), body);
  }

  String result() {
    if (edits.isEmpty()) {
      return text;
    }
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::order));
    StringBuilder out = new StringBuilder(text.length() + 64);
    int copied = 0;
    for (TextEdit edit : sorted) {
      if (edit.start() < copied) {
        throw new IllegalStateException("overlapping front matter edits at " + edit.start());
      }
      out.append(text, copied, edit.start()).append(edit.replacement());
      copied = edit.end();
    }
    return out.append(text, copied, text.length()).toString();
  }

  private void insertTopLevel(String line) {
    add(doc.yamlEnd(), doc.yamlEnd(), line);
  }

  /**
   * Replaces {@code [start, end)} of the original text (an insertion when they are equal). Edits at
   * one position apply in the order they were made.
   */
  void replace(int start, int end, String replacement) {
    add(start, end, replacement);
  }

  private void add(int start, int end, String replacement) {
    edits.add(new TextEdit(start, end, replacement, edits.size()));
  }

  private String blockItems(List<String> items, int indent) {
    StringBuilder out = new StringBuilder();
    for (String item : items) {
      if (out.length() > 0) {
        out.append(eol);
      }
      out.append(" ".repeat(indent))
          .append("- ")
          .append(ScalarRendering.render(new YamlScalar.Str(item), ScalarStyle.PLAIN));
    }
    return out.toString();
  }

  private static String flowItems(List<String> items) {
    StringBuilder out = new StringBuilder("[");
    for (String item : items) {
      if (out.length() > 1) {
        out.append(", ");
      }
      String rendered = ScalarRendering.render(new YamlScalar.Str(item), ScalarStyle.PLAIN);
      out.append(
          rendered.contains(",") && !rendered.startsWith("'") && !rendered.startsWith("\"")
              ? ScalarRendering.singleQuoted(item)
              : rendered);
    }
    return out.append(']').toString();
  }
}
