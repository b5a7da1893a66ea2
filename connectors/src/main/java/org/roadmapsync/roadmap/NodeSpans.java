package org.roadmapsync.roadmap;

import java.util.List;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Where the characters of a node, a key and a value begin and end in a {@link
 * FrontMatterDocument}'s text, for edits that replace exactly them.
 */
final class NodeSpans {
  private final FrontMatterDocument doc;
  private final String text;

  NodeSpans(FrontMatterDocument doc) {
    this.doc = doc;
    this.text = doc.text();
  }

  int keyEnd(NodeTuple tuple) {
    return contentEnd(tuple.getKeyNode());
  }

  /** End of a key and its value, without the line break that follows. */
  int tupleEnd(NodeTuple tuple) {
    Node value = tuple.getValueNode();
    if (value instanceof ScalarNode scalar && isEmptyPlain(scalar)) {
      int colon = text.indexOf(':', keyEnd(tuple));
      return colon + 1;
    }
    return contentEnd(value);
  }

  /** Where the characters of a node end, ignoring the line breaks YAML counts into block nodes. */
  int contentEnd(Node node) {
    if (node instanceof CollectionNode<?> collection
        && collection.getFlowStyle() == FlowStyle.BLOCK
        && !collection.getValue().isEmpty()) {
      if (node instanceof SequenceNode seq) {
        return contentEnd(seq.getValue().get(seq.getValue().size() - 1));
      }
      List<NodeTuple> tuples = ((MappingNode) node).getValue();
      return tupleEnd(tuples.get(tuples.size() - 1));
    }
    int end = doc.charIndex(node.getEndMark().orElseThrow());
    int start = doc.start(node);
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return end;
  }

  /**
   * Start of the line after the last line of a key and its value: deleting from a line start to
   * here removes the pair whole, and a line inserted here comes right after it. A literal or folded
   * block's trailing empty lines belong to it (they are its content when it keeps them).
   */
  int lineAfter(NodeTuple tuple) {
    Node value = tuple.getValueNode();
    if (value instanceof ScalarNode scalar && isEmptyPlain(scalar)) {
      return nextLineStart(tupleEnd(tuple));
    }
    return lineAfter(value);
  }

  /** Start of the line after the last line of a node (see {@link #lineAfter(NodeTuple)}). */
  int lineAfter(Node node) {
    if (node instanceof CollectionNode<?> collection
        && collection.getFlowStyle() == FlowStyle.BLOCK
        && !collection.getValue().isEmpty()) {
      if (node instanceof SequenceNode seq) {
        return lineAfter(seq.getValue().get(seq.getValue().size() - 1));
      }
      List<NodeTuple> tuples = ((MappingNode) node).getValue();
      return lineAfter(tuples.get(tuples.size() - 1));
    }
    if (isBlockScalar(node)) {
      int end = doc.charIndex(node.getEndMark().orElseThrow());
      int start = lineStart(end);
      return text.substring(start, end).isBlank() ? start : nextLineStart(end);
    }
    return nextLineStart(contentEnd(node));
  }

  /**
   * Where the line of the {@code -} that opens a sequence item starts (the item node itself may
   * start on a later line).
   */
  int itemLineStart(Node item) {
    int at = doc.start(item);
    int i = at - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    return lineStart(i >= 0 && text.charAt(i) == '-' ? i : at);
  }

  static boolean isBlockScalar(Node node) {
    return node instanceof ScalarNode scalar
        && (scalar.getScalarStyle() == ScalarStyle.LITERAL
            || scalar.getScalarStyle() == ScalarStyle.FOLDED);
  }

  static boolean isEmptyPlain(ScalarNode scalar) {
    return scalar.getScalarStyle() == ScalarStyle.PLAIN && scalar.getValue().isEmpty();
  }

  int lineStart(int index) {
    return text.lastIndexOf('\n', index - 1) + 1;
  }

  int nextLineStart(int index) {
    int eol = text.indexOf('\n', index);
    return eol < 0 ? text.length() : eol + 1;
  }

  int column(int index) {
    return index - lineStart(index);
  }

  int leadingSpaces(int lineStart) {
    int i = lineStart;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i - lineStart;
  }
}
