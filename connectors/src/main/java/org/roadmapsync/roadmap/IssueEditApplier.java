package org.roadmapsync.roadmap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Decides the new text and place of an issue file for an {@link IssueEdit}: only fields whose value
 * really changes are touched, {@code updated} moves when anything changes, and the GitHub link is
 * written to {@code remote_ids.github} and {@code github_issue} together.
 */
final class IssueEditApplier {

  /** The outcome: the new text (maybe unchanged), and where the file belongs afterwards. */
  record Plan(
      String text,
      boolean changed,
      Optional<String> milestone,
      boolean archived,
      boolean relocate) {}

  private IssueEditApplier() {}

  static Plan plan(FrontMatterDocument doc, RoadmapIssue current, IssueEdit edit, Instant now) {
    FrontMatterEditor editor = new FrontMatterEditor(doc);
    boolean changed = false;
    if (edit.sets(IssueEdit.Field.TITLE) && !edit.title().equals(current.title())) {
      editor.setScalar("title", new YamlScalar.Str(edit.title()));
      changed = true;
    }
    if (edit.sets(IssueEdit.Field.BODY) && !BodyText.sameContent(current.body(), edit.body())) {
      editor.setBody(BodyText.reframe(current.body(), edit.body(), doc.lineEnding()));
      changed = true;
    }
    if (edit.sets(IssueEdit.Field.LABELS) && !sameLabels(current.labels(), edit.labels())) {
      editor.setSequence("labels", edit.labels());
      changed = true;
    }
    boolean milestoneChanged =
        edit.sets(IssueEdit.Field.MILESTONE)
            && !Objects.equals(edit.milestone(), current.milestone().orElse(null));
    if (milestoneChanged) {
      editor.setScalar("milestone", YamlScalar.of(edit.milestone()));
      changed = true;
    }
    if (edit.sets(IssueEdit.Field.ASSIGNEE)
        && !Objects.equals(edit.assignee(), current.assignee().orElse(null))) {
      editor.setScalar("assignee", YamlScalar.of(edit.assignee()));
      changed = true;
    }
    if (edit.sets(IssueEdit.Field.STATUS) && edit.status() != current.status()) {
      editor.setScalar("status", new YamlScalar.Str(edit.status().yaml()));
      changed = true;
    }
    if (edit.sets(IssueEdit.Field.PRIORITY)
        && !current.priority().equals(Optional.of(edit.priority()))) {
      editor.setScalar("priority", new YamlScalar.Str(edit.priority().yaml()));
      changed = true;
    }
    if (edit.sets(IssueEdit.Field.ISSUE_TYPE)
        && !current.issueType().equals(Optional.of(edit.issueType()))) {
      editor.setScalar("issue_type", new YamlScalar.Str(edit.issueType().yaml()));
      changed = true;
    }
    if (edit.sets(IssueEdit.Field.GITHUB_ISSUE)
        && !current.githubIssue().equals(edit.githubIssueValue())) {
      writeLink(doc, editor, edit.githubIssue());
      changed = true;
    }
    boolean archived = current.archived();
    if (edit.sets(IssueEdit.Field.ARCHIVED) && edit.archived() != current.archived()) {
      archived = edit.archived();
      if (doc.entry("archived").isPresent()) {
        editor.setScalar("archived", new YamlScalar.Bool(archived));
      }
      changed = true;
    }
    if (edit.sets(IssueEdit.Field.DEPENDS_ON)
        && !sameLabels(current.relations().dependsOnIds(), edit.dependsOn())) {
      editor.setSequence("depends_on", edit.dependsOn());
      changed = true;
    }
    if (edit.sets(IssueEdit.Field.BLOCKS)
        && !sameLabels(current.relations().blocksIds(), edit.blocks())) {
      editor.setSequence("blocks", edit.blocks());
      changed = true;
    }
    // comments are content like any other field: a change to them moves `updated` too
    if (edit.sets(IssueEdit.Field.COMMENTS)
        && new CommentListEditor(doc, editor, current.id())
            .edit(current.comments(), edit.comments())) {
      changed = true;
    }
    if (changed) {
      editor.setScalar(
          "updated",
          new YamlScalar.Timestamp(timestampFormat(doc).format(edit.updatedAt().orElse(now))));
    }
    Optional<String> milestone = milestoneChanged ? edit.milestoneValue() : current.milestone();
    boolean relocate = milestoneChanged || archived != current.archived();
    return new Plan(editor.result(), changed, milestone, archived, relocate);
  }

  /**
   * The fields of {@code edit} that {@code written} (the edited text read back) does not hold:
   * empty when the edit came out as meant. The store refuses to write a text that fails this check.
   */
  static List<String> mismatches(RoadmapIssue written, RoadmapIssue before, IssueEdit edit) {
    List<String> wrong = new ArrayList<>();
    check(wrong, edit, IssueEdit.Field.TITLE, () -> written.title().equals(edit.title()));
    check(
        wrong, edit, IssueEdit.Field.BODY, () -> BodyText.sameContent(written.body(), edit.body()));
    check(wrong, edit, IssueEdit.Field.LABELS, () -> sameLabels(written.labels(), edit.labels()));
    check(
        wrong,
        edit,
        IssueEdit.Field.MILESTONE,
        () -> written.milestone().equals(edit.milestoneValue()));
    check(
        wrong,
        edit,
        IssueEdit.Field.ASSIGNEE,
        () -> written.assignee().equals(Optional.ofNullable(edit.assignee())));
    check(wrong, edit, IssueEdit.Field.STATUS, () -> written.status() == edit.status());
    check(
        wrong,
        edit,
        IssueEdit.Field.PRIORITY,
        () -> written.priority().equals(Optional.of(edit.priority())));
    check(
        wrong,
        edit,
        IssueEdit.Field.ISSUE_TYPE,
        () -> written.issueType().equals(Optional.of(edit.issueType())));
    check(
        wrong,
        edit,
        IssueEdit.Field.GITHUB_ISSUE,
        () -> written.githubIssue().equals(edit.githubIssueValue()));
    check(
        wrong,
        edit,
        IssueEdit.Field.DEPENDS_ON,
        () -> sameLabels(written.relations().dependsOnIds(), edit.dependsOn()));
    check(
        wrong,
        edit,
        IssueEdit.Field.BLOCKS,
        () -> sameLabels(written.relations().blocksIds(), edit.blocks()));
    check(
        wrong,
        edit,
        IssueEdit.Field.COMMENTS,
        () -> RoadmapComment.sameContents(written.comments(), edit.comments()));
    if (!written.id().equals(before.id())) {
      wrong.add("id");
    }
    return wrong;
  }

  private static void check(
      List<String> wrong, IssueEdit edit, IssueEdit.Field field, BooleanSupplier holds) {
    if (edit.sets(field) && !holds.getAsBoolean()) {
      wrong.add(field.name().toLowerCase(Locale.ROOT));
    }
  }

  private static boolean sameLabels(List<String> current, List<String> wanted) {
    return current.size() == wanted.size() && new HashSet<>(current).equals(new HashSet<>(wanted));
  }

  private static void writeLink(FrontMatterDocument doc, FrontMatterEditor editor, Integer number) {
    if (number == null) {
      editor.removeNested("remote_ids", "github");
      if (doc.entry("github_issue").isPresent()) {
        editor.setScalar("github_issue", new YamlScalar.Null());
      }
      return;
    }
    editor.setNestedScalar("remote_ids", "github", new YamlScalar.Int(number));
    editor.setScalar("github_issue", new YamlScalar.Int(number));
  }

  private static TimestampFormat timestampFormat(FrontMatterDocument doc) {
    for (String key : List.of("updated", "created")) {
      Optional<TimestampFormat> format =
          doc.entry(key)
              .map(NodeTuple::getValueNode)
              .filter(ScalarNode.class::isInstance)
              .map(n -> ((ScalarNode) n).getValue())
              .flatMap(TimestampFormat::detect);
      if (format.isPresent()) {
        return format.get();
      }
    }
    return TimestampFormat.ROADMAP_DEFAULT;
  }
}
