package org.roadmapsync.roadmap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * The text and file name of a new issue, in the shape the current {@code roadmap} tool writes
 * (PyYAML's {@code dump} of its issue model: same keys, same order, same quoting), so the tool
 * reads it like one of its own.
 *
 * <p>Where the text differs from the tool's on purpose: {@code priority} is written only when the
 * fields set one (the tool reads a missing priority as {@code medium}; writing {@code medium} for
 * an issue without a priority would make the first sync add a {@code priority:medium} label on
 * GitHub); values are not folded at column 80 and non-ASCII text is written as is, where PyYAML
 * folds long values and escapes non-ASCII characters (the values read the same); the body's line
 * endings are LF.
 */
final class NewIssueFile {

  /**
   * The longest slug, in characters and in UTF-8 bytes: the tool has no cap, file systems do (255
   * bytes a name), and the id, dash and {@code .md} take 12 of them.
   */
  static final int MAX_SLUG_CHARS = 80;

  static final int MAX_SLUG_BYTES = 200;

  /** The tool's {@code headline}: the first line of the body, at most 100 characters. */
  static final int HEADLINE_LENGTH = 100;

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  /** The keys after {@code assignee} that sync never sets, with the tool's defaults, in order. */
  private static final List<Map.Entry<String, String>> TOOL_DEFAULTS =
      List.of(
          Map.entry("estimated_hours", "null"),
          Map.entry("due_date", "null"),
          Map.entry("depends_on", "[]"),
          Map.entry("blocks", "[]"),
          Map.entry("actual_start_date", "null"),
          Map.entry("actual_end_date", "null"),
          Map.entry("progress_percentage", "null"),
          Map.entry("handoff_notes", "null"),
          Map.entry("previous_assignee", "null"),
          Map.entry("handoff_date", "null"),
          Map.entry("git_branches", "[]"),
          Map.entry("git_commits", "[]"),
          Map.entry("completed_date", "null"));

  private NewIssueFile() {}

  /**
   * {@code <id>-<safe_title>.md}, the tool's {@code Issue.filename}: the title's letters, digits,
   * spaces, dashes and underscores, trimmed, each space a dash, lower case; then capped (see {@link
   * #MAX_SLUG_CHARS}).
   */
  static Path fileName(String id, String title) {
    StringBuilder kept = new StringBuilder();
    title
        .codePoints()
        .filter(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '_')
        .forEach(kept::appendCodePoint);
    String slug = kept.toString().strip().replace(' ', '-').toLowerCase(Locale.ROOT);
    return Path.of(id + "-" + capped(slug) + ".md");
  }

  private static String capped(String slug) {
    String cut = slug;
    if (cut.codePointCount(0, cut.length()) > MAX_SLUG_CHARS) {
      cut = cut.substring(0, cut.offsetByCodePoints(0, MAX_SLUG_CHARS));
    }
    while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_SLUG_BYTES) {
      cut = cut.substring(0, cut.offsetByCodePoints(0, cut.codePointCount(0, cut.length()) - 1));
    }
    return cut.length() < slug.length() ? cut.replaceAll("-+$", "") : cut;
  }

  /**
   * The tool's {@code headline} for a body: its first line once trimmed, at most 100 characters.
   */
  static String headline(String body) {
    String content = BodyText.normalise(body).strip();
    String first = content.lines().findFirst().orElse("");
    return first.codePointCount(0, first.length()) > HEADLINE_LENGTH
        ? first.substring(0, first.offsetByCodePoints(0, HEADLINE_LENGTH))
        : first;
  }

  /**
   * A timestamp as the tool writes it: Python's {@code isoformat()} of an aware UTC time
   * (microseconds, left out when zero).
   */
  static String timestamp(Instant at) {
    Instant micros = at.truncatedTo(ChronoUnit.MICROS);
    String fraction = micros.getNano() == 0 ? "" : String.format(".%06d", micros.getNano() / 1000);
    return SECONDS.format(micros) + fraction + "+00:00";
  }

  /**
   * The whole file for {@code fields} (which must set a title): what the edit does not set has the
   * tool's default.
   */
  static String text(String id, IssueEdit fields, Instant created, Instant updated) {
    String body = fields.sets(IssueEdit.Field.BODY) ? BodyText.normalise(fields.body()) : "";
    boolean archived = fields.sets(IssueEdit.Field.ARCHIVED) && fields.archived();
    Integer number = fields.sets(IssueEdit.Field.GITHUB_ISSUE) ? fields.githubIssue() : null;
    StringBuilder out = new StringBuilder("---\n");
    line(out, "id", id);
    line(out, "title", string(fields.title()));
    line(out, "headline", string(headline(body)));
    if (fields.sets(IssueEdit.Field.PRIORITY)) {
      line(out, "priority", fields.priority().yaml());
    }
    line(
        out,
        "status",
        fields.sets(IssueEdit.Field.STATUS) ? fields.status().yaml() : IssueStatus.TODO.yaml());
    line(out, "archived", Boolean.toString(archived));
    line(
        out,
        "issue_type",
        fields.sets(IssueEdit.Field.ISSUE_TYPE)
            ? fields.issueType().yaml()
            : IssueType.OTHER.yaml());
    line(out, "milestone", nullable(fields.milestone()));
    List<String> labels = fields.sets(IssueEdit.Field.LABELS) ? fields.labels() : List.<String>of();
    if (labels.isEmpty()) {
      line(out, "labels", "[]");
    } else {
      out.append("labels:\n");
      labels.forEach(l -> out.append("- ").append(string(l)).append('\n'));
    }
    if (number == null) {
      line(out, "remote_ids", "{}");
    } else {
      out.append("remote_ids:\n  github: ").append(number).append('\n');
    }
    line(out, "created", ScalarRendering.singleQuoted(timestamp(created)));
    line(out, "updated", ScalarRendering.singleQuoted(timestamp(updated)));
    line(out, "assignee", nullable(fields.assignee()));
    TOOL_DEFAULTS.forEach(d -> line(out, d.getKey(), d.getValue()));
    List<RoadmapComment> comments =
        fields.sets(IssueEdit.Field.COMMENTS) ? fields.comments() : List.of();
    if (comments.isEmpty()) {
      line(out, "comments", "[]");
    } else {
      out.append("comments:\n").append(CommentEntryText.entries(comments, 0, "\n"));
    }
    line(out, "github_issue", number == null ? "null" : number.toString());
    // the tool writes "---", a blank line, the body without trailing whitespace, one line break
    return out.append("---\n\n").append(body).append('\n').toString();
  }

  private static void line(StringBuilder out, String key, String rendered) {
    out.append(key).append(": ").append(rendered).append('\n');
  }

  private static String string(String value) {
    return ScalarRendering.render(new YamlScalar.Str(value), ScalarStyle.PLAIN);
  }

  private static String nullable(String value) {
    return value == null ? "null" : string(value);
  }
}
