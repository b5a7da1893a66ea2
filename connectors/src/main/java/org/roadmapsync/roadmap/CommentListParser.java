package org.roadmapsync.roadmap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads an issue file's {@code comments} into {@link RoadmapComment}s, or names the entry (its
 * index and line) that is malformed and says how to fix it. Unknown keys in an entry are allowed.
 */
final class CommentListParser {
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");

  private CommentListParser() {}

  /** What is wrong and where: the line of the entry (or of {@code comments}). */
  static final class Malformed extends Exception {
    final int line;

    Malformed(int line, String reason) {
      super(reason, null, false, false);
      this.line = line;
    }
  }

  /** The comments in file order; none when {@code comments} is missing, null or {@code []}. */
  static List<RoadmapComment> parse(FrontMatterDocument doc) throws Malformed {
    Optional<NodeTuple> entry = doc.entry("comments");
    if (entry.isEmpty()) {
      return List.of();
    }
    Node value = entry.get().getValueNode();
    if (value instanceof ScalarNode scalar && YamlTrees.scalar(scalar) == null) {
      return List.of();
    }
    if (!(value instanceof SequenceNode list)) {
      throw new Malformed(
          doc.line(entry.get().getKeyNode()),
          "'comments' must be a list of comments ([] for none), not " + describe(value));
    }
    List<RoadmapComment> comments = new ArrayList<>(list.getValue().size());
    Map<Integer, Integer> lineOfId = new HashMap<>();
    for (int i = 0; i < list.getValue().size(); i++) {
      RoadmapComment comment = new EntryReader(doc, i, list.getValue().get(i)).read();
      Integer first = lineOfId.putIfAbsent(comment.id(), comment.line());
      if (first != null) {
        throw new Malformed(
            comment.line(),
            "comment id "
                + comment.id()
                + " is used twice (lines "
                + first
                + " and "
                + comment.line()
                + ")");
      }
      comments.add(comment);
    }
    return List.copyOf(comments);
  }

  /** Reads one entry; every message starts with the entry's index and line. */
  private static final class EntryReader {
    private final FrontMatterDocument doc;
    private final int index;
    private final Node node;
    private final int line;
    private final Map<String, NodeTuple> keys = new HashMap<>();

    EntryReader(FrontMatterDocument doc, int index, Node node) {
      this.doc = doc;
      this.index = index;
      this.node = node;
      this.line = doc.line(node);
    }

    RoadmapComment read() throws Malformed {
      if (!(node instanceof MappingNode mapping)) {
        throw problem(
            "each comment must be a mapping of keys such as id, author and body, not "
                + describe(node));
      }
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          NodeTuple earlier = keys.putIfAbsent(key.getValue(), tuple);
          if (earlier != null) {
            throw problem(
                "the key '"
                    + key.getValue()
                    + "' appears twice (lines "
                    + doc.line(earlier.getKeyNode())
                    + " and "
                    + doc.line(key)
                    + ")");
          }
        }
      }
      return new RoadmapComment(
          wholeNumber(CommentKey.ID, "a whole number").orElseThrow(() -> missing(CommentKey.ID)),
          singleValue(CommentKey.ISSUE_ID),
          text(CommentKey.AUTHOR, "text (a name or GitHub login)"),
          body(),
          time(CommentKey.CREATED_AT),
          time(CommentKey.UPDATED_AT),
          text(CommentKey.GITHUB_URL, "a link (text) or null"),
          wholeNumber(CommentKey.IN_REPLY_TO, "the id of another comment (a whole number) or null")
              .orElse(null),
          line);
    }

    private String body() throws Malformed {
      Node value = value(CommentKey.BODY).orElseThrow(() -> missing(CommentKey.BODY));
      if (value instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
        throw problem(at(CommentKey.BODY, value) + " is null; an empty comment is written ''");
      }
      if (!isText(value)) {
        throw problem(
            at(CommentKey.BODY, value)
                + " must be text, not "
                + describe(value)
                + (value instanceof ScalarNode ? "; put it in quotes" : ""));
      }
      return ((ScalarNode) value).getValue();
    }

    /** Text or null; a number or a list is refused. */
    private String text(CommentKey key, String expected) throws Malformed {
      Optional<Node> value = nonNull(key);
      if (value.isEmpty()) {
        return null;
      }
      if (!isText(value.get())) {
        throw problem(
            at(key, value.get())
                + " must be "
                + expected
                + ", not "
                + describe(value.get())
                + (value.get() instanceof ScalarNode ? "; put it in quotes" : ""));
      }
      return ((ScalarNode) value.get()).getValue();
    }

    /** Any single value, read as its text (an issue id may look like a number). */
    private String singleValue(CommentKey key) throws Malformed {
      Optional<Node> value = nonNull(key);
      if (value.isEmpty()) {
        return null;
      }
      if (!(value.get() instanceof ScalarNode scalar)) {
        throw problem(
            at(key, value.get()) + " must be a single value, not " + describe(value.get()));
      }
      return scalar.getValue();
    }

    private Optional<Integer> wholeNumber(CommentKey key, String expected) throws Malformed {
      Optional<Node> value = nonNull(key);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      Node node = value.get();
      if (node instanceof ScalarNode scalar && DECIMAL.matcher(scalar.getValue()).matches()) {
        if (!Tag.INT.equals(scalar.getTag())) {
          throw problem(
              at(key, node)
                  + " must be "
                  + expected
                  + ", but '"
                  + scalar.getValue()
                  + "' is quoted, which makes it text; write it without quotes");
        }
        try {
          return Optional.of(Integer.parseInt(scalar.getValue()));
        } catch (NumberFormatException tooLarge) {
          throw problem(at(key, node) + " " + scalar.getValue() + " is too large");
        }
      }
      throw problem(at(key, node) + " must be " + expected + ", not " + describe(node));
    }

    private Instant time(CommentKey key) throws Malformed {
      Optional<Node> value = nonNull(key);
      if (value.isEmpty()) {
        return null;
      }
      Optional<Instant> at =
          value.get() instanceof ScalarNode scalar
              ? YamlTimestamp.parse(scalar.getValue())
              : Optional.empty();
      return at.orElseThrow(
          () ->
              problem(
                  at(key, value.get())
                      + " is not a time: "
                      + describe(value.get())
                      + "; write it like '2026-02-10T13:45:03+00:00'"));
    }

    private Optional<Node> value(CommentKey key) {
      return Optional.ofNullable(keys.get(key.yaml)).map(NodeTuple::getValueNode);
    }

    private Optional<Node> nonNull(CommentKey key) {
      return value(key)
          .filter(v -> !(v instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())));
    }

    /** The key's name, with its line when that is not the entry's first line. */
    private String at(CommentKey key, Node value) {
      int valueLine = doc.line(value);
      return "'" + key.yaml + "'" + (valueLine == line ? "" : " (line " + valueLine + ")");
    }

    private Malformed missing(CommentKey key) {
      return problem("'" + key.yaml + "' is missing");
    }

    private Malformed problem(String reason) {
      return new Malformed(line, "comments[" + index + "] (line " + line + "): " + reason);
    }
  }

  private static boolean isText(Node node) {
    return node instanceof ScalarNode scalar && Tag.STR.equals(scalar.getTag());
  }

  /** A value as a user would name it: "the number 42", "the text 'abc'", "a list". */
  private static String describe(Node node) {
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof MappingNode mapping) {
      return mapping.getFlowStyle() == FlowStyle.FLOW && mapping.getValue().isEmpty()
          ? "an empty mapping {}"
          : "a mapping";
    }
    if (!(node instanceof ScalarNode scalar)) {
      return "a value that refers to itself";
    }
    String shown = abbreviated(scalar.getValue());
    Tag tag = scalar.getTag();
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      return "the number " + shown;
    }
    if (Tag.BOOL.equals(tag)) {
      return "the value " + shown;
    }
    if (Tag.NULL.equals(tag)) {
      return "null";
    }
    return Tag.STR.equals(tag)
        ? "the text '" + shown + "'"
        : "a value tagged " + tag.getValue() + " ('" + shown + "')";
  }

  private static String abbreviated(String value) {
    String oneLine = value.replace("\n", "\\n");
    return oneLine.length() > 40 ? oneLine.substring(0, 37) + "..." : oneLine;
  }
}
