package org.roadmapsync.roadmap;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one issue file into a {@link RoadmapIssue}, or says exactly why it cannot (file, line,
 * reason).
 */
final class IssueFileParser {
  private static final Pattern ISSUE_NUMBER = Pattern.compile("#?[0-9]{1,9}");

  private IssueFileParser() {}

  /** A problem found in one field, reported with the line of that field. */
  private static final class FieldProblem extends Exception {
    final int line;
    final RoadmapFileProblem.Kind kind;

    FieldProblem(int line, RoadmapFileProblem.Kind kind, String reason) {
      super(reason, null, false, false);
      this.line = line;
      this.kind = kind;
    }
  }

  static ParsedIssueFile parse(Path relativePath, byte[] bytes) {
    String hash = ContentHash.of(bytes);
    Optional<String> idFromName = IssueLayout.idFromFileName(relativePath);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return failed(
          relativePath,
          1,
          "the file is not valid UTF-8 text",
          RoadmapFileProblem.Kind.UNREADABLE,
          idFromName,
          hash);
    }
    FrontMatterDocument doc;
    try {
      doc = FrontMatterDocument.parse(text);
    } catch (FrontMatterSyntaxException e) {
      return failed(
          relativePath,
          e.line(),
          e.reason(),
          RoadmapFileProblem.Kind.YAML_SYNTAX,
          idFromName,
          hash);
    }
    Optional<String> id =
        doc.entry("id")
            .map(NodeTuple::getValueNode)
            .filter(ScalarNode.class::isInstance)
            .map(n -> ((ScalarNode) n).getValue().trim())
            .filter(s -> !s.isEmpty());
    try {
      if (id.isEmpty()) {
        throw new FieldProblem(
            doc.entry("id").map(t -> doc.line(t.getKeyNode())).orElse(1),
            RoadmapFileProblem.Kind.MISSING_ID,
            "the front matter has no 'id'");
      }
      return new ParsedIssueFile.Parsed(toIssue(doc, id.get(), relativePath, hash), doc);
    } catch (FieldProblem e) {
      return failed(relativePath, e.line, e.getMessage(), e.kind, id.or(() -> idFromName), hash);
    }
  }

  private static ParsedIssueFile failed(
      Path path,
      int line,
      String reason,
      RoadmapFileProblem.Kind kind,
      Optional<String> id,
      String hash) {
    return new ParsedIssueFile.Failed(new RoadmapFileProblem(path, line, reason, kind, id), hash);
  }

  private static RoadmapIssue toIssue(FrontMatterDocument doc, String id, Path path, String hash)
      throws FieldProblem {
    int idLine = doc.line(doc.entry("id").orElseThrow().getValueNode());
    if (!IssueLayout.fileNameMatchesId(path, id)) {
      throw new FieldProblem(
          idLine,
          RoadmapFileProblem.Kind.ID_MISMATCH,
          "id '" + id + "' does not match the file name '" + path.getFileName() + "'");
    }
    if (!IssueLayout.isSafeId(id)) {
      throw new FieldProblem(
          idLine, RoadmapFileProblem.Kind.INVALID_VALUE, "id '" + id + "' is not a valid id");
    }
    Map<String, Object> tree = doc.tree();
    String title =
        text(doc, "title")
            .orElseThrow(
                () ->
                    new FieldProblem(
                        lineOf(doc, "title"),
                        RoadmapFileProblem.Kind.INVALID_VALUE,
                        "the front matter has no 'title'"));
    IssueStatus status =
        enumValue(
                doc,
                "status",
                IssueStatus::fromYaml,
                "todo, in-progress, blocked, review, closed, archived")
            .orElse(IssueStatus.TODO);
    Optional<IssuePriority> priority =
        enumValue(doc, "priority", IssuePriority::fromYaml, "critical, high, medium, low");
    Optional<IssueType> type =
        enumValue(doc, "issue_type", IssueType::fromYaml, "feature, bug, other");
    boolean archived =
        Boolean.TRUE.equals(tree.get("archived")) || IssueLayout.isUnderArchive(path);
    return new RoadmapIssue(
        id,
        title,
        doc.body(),
        stringList(doc, "labels"),
        text(doc, "milestone"),
        text(doc, "assignee"),
        status,
        priority,
        type,
        timestamp(doc, "created"),
        timestamp(doc, "updated"),
        githubLink(doc),
        stringList(doc, "git_branches"),
        comments(doc),
        new IssueRelations(refs(doc, "depends_on"), refs(doc, "blocks")),
        archived,
        path,
        hash,
        tree);
  }

  private static List<RoadmapComment> comments(FrontMatterDocument doc) throws FieldProblem {
    try {
      return CommentListParser.parse(doc);
    } catch (CommentListParser.Malformed e) {
      throw new FieldProblem(e.line, RoadmapFileProblem.Kind.INVALID_VALUE, e.getMessage());
    }
  }

  private static int lineOf(FrontMatterDocument doc, String key) {
    return doc.entry(key).map(t -> doc.line(t.getKeyNode())).orElse(1);
  }

  /** A scalar's text; null, {@code ~} and empty read as absent. */
  private static Optional<String> text(FrontMatterDocument doc, String key) throws FieldProblem {
    Optional<NodeTuple> entry = doc.entry(key);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    Node value = entry.get().getValueNode();
    if (!(value instanceof ScalarNode scalar)) {
      throw new FieldProblem(
          doc.line(value),
          RoadmapFileProblem.Kind.INVALID_VALUE,
          "'" + key + "' must be a single value");
    }
    if (YamlTrees.scalar(scalar) == null || scalar.getValue().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(scalar.getValue());
  }

  private static <E> Optional<E> enumValue(
      FrontMatterDocument doc, String key, Function<String, Optional<E>> parser, String accepted)
      throws FieldProblem {
    Optional<String> raw = text(doc, key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Optional<E> value = parser.apply(raw.get());
    if (value.isEmpty()) {
      throw new FieldProblem(
          doc.line(doc.entry(key).orElseThrow().getValueNode()),
          RoadmapFileProblem.Kind.INVALID_VALUE,
          "'" + key + "' is '" + raw.get() + "'; accepted: " + accepted);
    }
    return value;
  }

  /**
   * A list of roadmap ids with their lines; an item that is not a plain non-empty value is a
   * problem named with its line.
   */
  private static List<IssueRelations.Ref> refs(FrontMatterDocument doc, String key)
      throws FieldProblem {
    Optional<NodeTuple> entry = doc.entry(key);
    if (entry.isEmpty()) {
      return List.of();
    }
    Node value = entry.get().getValueNode();
    if (value instanceof ScalarNode scalar && YamlTrees.scalar(scalar) == null) {
      return List.of();
    }
    if (!(value instanceof SequenceNode seq)) {
      throw new FieldProblem(
          doc.line(value),
          RoadmapFileProblem.Kind.INVALID_VALUE,
          "'" + key + "' must be a list of roadmap issue ids");
    }
    List<IssueRelations.Ref> refs = new ArrayList<>(seq.getValue().size());
    for (Node item : seq.getValue()) {
      if (!(item instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
        throw new FieldProblem(
            doc.line(item),
            RoadmapFileProblem.Kind.INVALID_VALUE,
            "'" + key + "' must be a list of roadmap issue ids");
      }
      refs.add(new IssueRelations.Ref(scalar.getValue().trim(), doc.line(item)));
    }
    return refs;
  }

  private static List<String> stringList(FrontMatterDocument doc, String key) throws FieldProblem {
    Optional<NodeTuple> entry = doc.entry(key);
    if (entry.isEmpty()) {
      return List.of();
    }
    Node value = entry.get().getValueNode();
    if (value instanceof ScalarNode scalar && YamlTrees.scalar(scalar) == null) {
      return List.of();
    }
    if (!(value instanceof SequenceNode seq)) {
      throw new FieldProblem(
          doc.line(value), RoadmapFileProblem.Kind.INVALID_VALUE, "'" + key + "' must be a list");
    }
    List<String> items = new ArrayList<>(seq.getValue().size());
    for (Node item : seq.getValue()) {
      if (!(item instanceof ScalarNode scalar)) {
        throw new FieldProblem(
            doc.line(item),
            RoadmapFileProblem.Kind.INVALID_VALUE,
            "'" + key + "' must be a list of plain values");
      }
      items.add(scalar.getValue());
    }
    return items;
  }

  private static Optional<Instant> timestamp(FrontMatterDocument doc, String key)
      throws FieldProblem {
    return text(doc, key).flatMap(TimestampFormat::parse);
  }

  private static OptionalInt githubLink(FrontMatterDocument doc) throws FieldProblem {
    OptionalInt remote = OptionalInt.empty();
    Optional<NodeTuple> remoteIds = doc.entry("remote_ids");
    if (remoteIds.isPresent() && remoteIds.get().getValueNode() instanceof MappingNode ids) {
      Optional<NodeTuple> github = FrontMatterDocument.entry(ids, "github");
      if (github.isPresent()) {
        remote = issueNumber(doc, github.get().getValueNode(), "remote_ids.github");
      }
    }
    OptionalInt legacy =
        doc.entry("github_issue").isPresent()
            ? issueNumber(doc, doc.entry("github_issue").get().getValueNode(), "github_issue")
            : OptionalInt.empty();
    if (remote.isPresent() && legacy.isPresent() && remote.getAsInt() != legacy.getAsInt()) {
      throw new FieldProblem(
          doc.line(doc.entry("github_issue").get().getValueNode()),
          RoadmapFileProblem.Kind.INVALID_VALUE,
          "remote_ids.github ("
              + remote.getAsInt()
              + ") and github_issue ("
              + legacy.getAsInt()
              + ") name different GitHub issues");
    }
    return remote.isPresent() ? remote : legacy;
  }

  private static OptionalInt issueNumber(FrontMatterDocument doc, Node node, String name)
      throws FieldProblem {
    if (node instanceof ScalarNode scalar) {
      String value = scalar.getValue().trim();
      if (YamlTrees.scalar(scalar) == null || value.isEmpty()) {
        return OptionalInt.empty();
      }
      if (ISSUE_NUMBER.matcher(value).matches()) {
        int number = Integer.parseInt(value.startsWith("#") ? value.substring(1) : value);
        if (number > 0) {
          return OptionalInt.of(number);
        }
      }
    }
    throw new FieldProblem(
        doc.line(node),
        RoadmapFileProblem.Kind.INVALID_VALUE,
        "'" + name + "' must be a GitHub issue number");
  }
}
