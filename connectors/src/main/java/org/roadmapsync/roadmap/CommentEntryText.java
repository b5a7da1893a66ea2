package org.roadmapsync.roadmap;

import java.time.Instant;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * The text of {@code comments} entries and of their values, as the {@code roadmap} tool writes them
 * (PyYAML, block style): all eight keys in the tool's order, {@code null} for a missing value,
 * times as single-quoted Python {@code isoformat()} in UTC. Bodies follow {@link
 * CommentBodyRendering}.
 */
final class CommentEntryText {
  private CommentEntryText() {}

  /** A whole entry, {@code - id: ...} at {@code dashColumn}, every line ending with {@code eol}. */
  static String entry(RoadmapComment comment, int dashColumn, String eol) {
    int keyColumn = dashColumn + 2;
    StringBuilder out = new StringBuilder(256 + comment.body().length());
    for (CommentKey key : CommentKey.values()) {
      out.append(" ".repeat(key == CommentKey.ID ? dashColumn : keyColumn))
          .append(key == CommentKey.ID ? "- " : "")
          .append(key.yaml)
          .append(": ")
          .append(value(key, comment, ScalarStyle.PLAIN, keyColumn, eol))
          .append(eol);
    }
    return out.toString();
  }

  /** A whole list under a key: the entries, or nothing for an empty list. */
  static String entries(Iterable<RoadmapComment> comments, int dashColumn, String eol) {
    StringBuilder out = new StringBuilder();
    comments.forEach(c -> out.append(entry(c, dashColumn, eol)));
    return out.toString();
  }

  /**
   * One value, to write after {@code key: }, without its final line break. Text keeps the quotes of
   * the value it replaces ({@code existing}); numbers are always plain, so they stay numbers.
   */
  static String value(
      CommentKey key, RoadmapComment comment, ScalarStyle existing, int keyColumn, String eol) {
    Object value = key.of(comment);
    if (value == null) {
      return "null";
    }
    return switch (key) {
      case ID, IN_REPLY_TO -> value.toString();
      case BODY -> CommentBodyRendering.render(comment.body(), existing, keyColumn, eol);
      case CREATED_AT, UPDATED_AT ->
          ScalarRendering.render(
              new YamlScalar.Timestamp(NewIssueFile.timestamp((Instant) value)),
              existing == ScalarStyle.DOUBLE_QUOTED
                  ? ScalarStyle.DOUBLE_QUOTED
                  : ScalarStyle.SINGLE_QUOTED);
      case ISSUE_ID, AUTHOR, GITHUB_URL ->
          ScalarRendering.render(
              new YamlScalar.Str((String) value),
              existing == ScalarStyle.SINGLE_QUOTED || existing == ScalarStyle.DOUBLE_QUOTED
                  ? existing
                  : ScalarStyle.PLAIN);
    };
  }
}
