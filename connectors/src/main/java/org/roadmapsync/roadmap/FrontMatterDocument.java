package org.roadmapsync.roadmap;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * One Markdown file with YAML front matter, kept as its exact text plus the composed YAML nodes.
 * The nodes carry marks, so edits can replace the characters of one value and leave every other
 * character of the file alone.
 */
public final class FrontMatterDocument {
  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setSchema(new CoreSchema())
          .setUseMarks(true)
          .setAllowDuplicateKeys(false)
          .setMaxAliasesForCollections(10)
          .setCodePointLimit(8 * 1024 * 1024)
          .build();

  private final String text;
  private final int yamlStart;
  private final int yamlEnd;
  private final int bodyStart;
  private final String lineEnding;
  private final MappingNode root;
  private final boolean yamlHasSurrogates;
  private final int firstYamlLine;
  private Map<String, Object> tree;

  private FrontMatterDocument(
      String text,
      int yamlStart,
      int yamlEnd,
      int bodyStart,
      String lineEnding,
      MappingNode root,
      int firstYamlLine) {
    this.text = text;
    this.yamlStart = yamlStart;
    this.yamlEnd = yamlEnd;
    this.bodyStart = bodyStart;
    this.lineEnding = lineEnding;
    this.root = root;
    this.firstYamlLine = firstYamlLine;
    String yaml = text.substring(yamlStart, yamlEnd);
    this.yamlHasSurrogates = yaml.length() != yaml.codePointCount(0, yaml.length());
  }

  public static FrontMatterDocument parse(String text) throws FrontMatterSyntaxException {
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    int firstEol = text.indexOf('\n', start);
    if (firstEol < 0 || !isDelimiter(text, start, firstEol, "---")) {
      throw new FrontMatterSyntaxException(
          1, "the file does not start with a '---' front matter line");
    }
    String lineEnding = firstEol > 0 && text.charAt(firstEol - 1) == '\r' ? "\r\n" : "\n";
    int yamlStart = firstEol + 1;
    int lineStart = yamlStart;
    int lineNumber = 2;
    while (lineStart <= text.length()) {
      int eol = text.indexOf('\n', lineStart);
      int lineEnd = eol < 0 ? text.length() : eol;
      if (isDelimiter(text, lineStart, lineEnd, "---")
          || isDelimiter(text, lineStart, lineEnd, "...")) {
        int bodyStart = eol < 0 ? text.length() : eol + 1;
        MappingNode root = compose(text.substring(yamlStart, lineStart), 2);
        return new FrontMatterDocument(text, yamlStart, lineStart, bodyStart, lineEnding, root, 2);
      }
      if (eol < 0) {
        break;
      }
      lineStart = eol + 1;
      lineNumber++;
    }
    throw new FrontMatterSyntaxException(lineNumber, "the front matter has no closing '---' line");
  }

  private static boolean isDelimiter(String text, int from, int to, String marker) {
    int end = to;
    while (end > from
        && (text.charAt(end - 1) == '\r'
            || text.charAt(end - 1) == ' '
            || text.charAt(end - 1) == '\t')) {
      end--;
    }
    return end - from == marker.length() && text.startsWith(marker, from);
  }

  private static MappingNode compose(String yaml, int firstLine) throws FrontMatterSyntaxException {
    Optional<Node> node;
    try {
      node = new Compose(SETTINGS).composeString(yaml);
    } catch (MarkedYamlEngineException e) {
      int line =
          e.getProblemMark()
              .or(e::getContextMark)
              .map(m -> m.getLine() + firstLine)
              .orElse(firstLine);
      throw new FrontMatterSyntaxException(line, "invalid YAML: " + firstLine(e.getProblem()));
    } catch (YamlEngineException e) {
      throw new FrontMatterSyntaxException(firstLine, "invalid YAML: " + firstLine(e.getMessage()));
    }
    if (node.isEmpty()) {
      return null;
    }
    if (!(node.get() instanceof MappingNode mapping)) {
      int line = node.get().getStartMark().map(m -> m.getLine() + firstLine).orElse(firstLine);
      throw new FrontMatterSyntaxException(
          line, "the front matter is not a mapping of keys to values");
    }
    checkKeys(mapping, firstLine);
    return mapping;
  }

  private static void checkKeys(MappingNode mapping, int firstLine)
      throws FrontMatterSyntaxException {
    Set<String> seen = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      int line = key.getStartMark().map(m -> m.getLine() + firstLine).orElse(firstLine);
      if (key instanceof ScalarNode scalar && !seen.add(scalar.getValue())) {
        throw new FrontMatterSyntaxException(line, "duplicate key '" + scalar.getValue() + "'");
      }
      if (tuple.getValueNode() instanceof MappingNode nested) {
        checkKeys(nested, firstLine);
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown problem";
    }
    int eol = message.indexOf('\n');
    return eol < 0 ? message : message.substring(0, eol);
  }

  /** The exact text the document was parsed from. */
  public String text() {
    return text;
  }

  /** Everything after the closing delimiter line, byte for byte. */
  public String body() {
    return text.substring(bodyStart);
  }

  public int bodyStart() {
    return bodyStart;
  }

  /** Where the closing delimiter line starts: new top-level keys go just before it. */
  public int yamlEnd() {
    return yamlEnd;
  }

  public String lineEnding() {
    return lineEnding;
  }

  /** The top-level mapping, or empty when the front matter has no keys at all. */
  public Optional<MappingNode> root() {
    return Optional.ofNullable(root);
  }

  public Optional<NodeTuple> entry(String key) {
    return root == null ? Optional.empty() : entry(root, key);
  }

  static Optional<NodeTuple> entry(MappingNode mapping, String key) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        return Optional.of(tuple);
      }
    }
    return Optional.empty();
  }

  /** The whole front matter as an ordered tree of maps, lists and scalars. */
  public synchronized Map<String, Object> tree() {
    if (tree == null) {
      tree = root == null ? Map.of() : YamlTrees.toMap(root);
    }
    return tree;
  }

  /** Index in {@link #text()} of a mark (marks count code points within the YAML part). */
  int charIndex(Mark mark) {
    if (!yamlHasSurrogates) {
      return yamlStart + mark.getIndex();
    }
    String yaml = text.substring(yamlStart, yamlEnd);
    return yamlStart + yaml.offsetByCodePoints(0, mark.getIndex());
  }

  int start(Node node) {
    return charIndex(node.getStartMark().orElseThrow());
  }

  /** 1-based line in the whole file. */
  public int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + firstYamlLine).orElse(firstYamlLine);
  }
}
