package org.roadmapsync.roadmap;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * The text and file name of a new issue, in the shape the current {@code roadmap} tool writes (same
 * keys, same order, same quoting), so the tool reads it like one of its own.
 */
final class NewIssueFile {
  private static final Pattern NOT_SLUG = Pattern.compile("[^\\p{L}\\p{N}_\\s-]");
  private static final int MAX_SLUG = 80;

  private NewIssueFile() {}

  /** {@code <id>-<slug>.md}: the tool's slug drops punctuation and turns each space into a dash. */
  static Path fileName(String id, String title) {
    String slug =
        NOT_SLUG
            .matcher(title.toLowerCase(Locale.ROOT))
            .replaceAll("")
            .trim()
            .replaceAll("\\s", "-");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
    }
    return Path.of(slug.isEmpty() ? id + ".md" : id + "-" + slug + ".md");
  }

  /**
   * A skeleton with the tool's defaults; the caller's fields are then applied as an ordinary edit.
   */
  static String skeleton(String id, String title, Instant now) {
    String stamp = ScalarRendering.singleQuoted(TimestampFormat.ROADMAP_DEFAULT.format(now));
    String quotedTitle = ScalarRendering.render(new YamlScalar.Str(title), ScalarStyle.PLAIN);
    return "---\n"
        + "id: "
        + id
        + "\n"
        + "title: "
        + quotedTitle
        + "\n"
        + "priority: medium\n"
        + "status: todo\n"
        + "archived: false\n"
        + "issue_type: other\n"
        + "milestone: null\n"
        + "labels: []\n"
        + "remote_ids: {}\n"
        + "created: "
        + stamp
        + "\n"
        + "updated: "
        + stamp
        + "\n"
        + "assignee: null\n"
        + "estimated_hours: null\n"
        + "due_date: null\n"
        + "depends_on: []\n"
        + "blocks: []\n"
        + "actual_start_date: null\n"
        + "actual_end_date: null\n"
        + "progress_percentage: null\n"
        + "handoff_notes: null\n"
        + "previous_assignee: null\n"
        + "handoff_date: null\n"
        + "git_branches: []\n"
        + "git_commits: []\n"
        + "completed_date: null\n"
        + "comments: []\n"
        + "github_issue: null\n"
        + "---\n";
  }
}
