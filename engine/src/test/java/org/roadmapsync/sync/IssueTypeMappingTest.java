package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.IssuePatch;
import org.roadmapsync.github.IssueState;
import org.roadmapsync.github.NewIssue;
import org.roadmapsync.github.OrgIssueType;

/** {@code issue_type} as a GitHub issue type where the owner has types (issue 21). */
class IssueTypeMappingTest {
  private static final RepoIssueTypes TYPES = new RepoIssueTypes(List.of("Task", "Bug", "Feature"));
  private static final Set<SyncField> ALL = EnumSet.allOf(SyncField.class);

  private final FieldMapping mapping = new FieldMapping(MappingSettings.defaults());

  private static IssueFields fields(String type) {
    return new IssueFields("Title", "Body", List.of("live"), null, null, "todo", "high", type);
  }

  private static Issue issue(String type, String... labels) {
    Issue plain =
        GitHubIssues.issue("t", "b", IssueState.OPEN, null, List.of(labels), List.of(), null);
    return type == null ? plain : plain.withType(new OrgIssueType(7, type, null, true));
  }

  @Test
  void aTypeIsWrittenInsteadOfTheLabelWithEveryLabelBearingWrite() {
    IssuePatch patch =
        mapping.toPatch(
            "abc", fields("bug"), Set.of(SyncField.ISSUE_TYPE), null, List.of(), TYPES, "o/r");
    assertThat(patch.type()).isEqualTo("Bug");
    assertThat(patch.labels()).containsExactly("live", "priority:high");

    IssuePatch labelsOnly =
        mapping.toPatch(
            "abc", fields("feature"), Set.of(SyncField.LABELS), null, List.of(), TYPES, "o/r");
    assertThat(labelsOnly.type()).as("the type goes with the labels").isEqualTo("Feature");

    IssuePatch none =
        mapping.toPatch(
            "abc", fields("other"), Set.of(SyncField.ISSUE_TYPE), null, List.of(), TYPES, "o/r");
    assertThat(none.type()).isNull();
    assertThat(none.clearType()).as("other is no type").isTrue();

    IssuePatch titleOnly =
        mapping.toPatch(
            "abc", fields("bug"), Set.of(SyncField.TITLE), null, List.of(), TYPES, "o/r");
    assertThat(titleOnly.type()).isNull();
    assertThat(titleOnly.clearType()).isFalse();
  }

  @Test
  void withoutTypesTheLabelMappingStays() {
    IssuePatch patch =
        mapping.toPatch(
            "abc",
            fields("bug"),
            Set.of(SyncField.ISSUE_TYPE),
            null,
            List.of(),
            RepoIssueTypes.NONE,
            "o/r");
    assertThat(patch.type()).isNull();
    assertThat(patch.clearType()).isFalse();
    assertThat(patch.labels()).contains("type:bug");
  }

  @Test
  void aTypeTheOwnerLacksIsRefusedNamingTheTypesItHas() {
    RepoIssueTypes small = new RepoIssueTypes(List.of("Task", "Feature"));
    assertThatThrownBy(
            () ->
                mapping.toPatch(
                    "abc",
                    fields("bug"),
                    Set.of(SyncField.ISSUE_TYPE),
                    null,
                    List.of(),
                    small,
                    "o/r"))
        .isInstanceOf(UnknownIssueType.class)
        .hasMessageContaining("'bug'")
        .hasMessageContaining("'Bug'")
        .hasMessageContaining("Task, Feature");
    assertThat(Failure.of(new UnknownIssueType("bug", "Bug", "o/r", small.names())).retryable())
        .as("parked: waiting cannot mend it")
        .isFalse();
  }

  @Test
  void aNewIssueGetsItsType() {
    NewIssue created = mapping.toNewIssue("abc", fields("feature"), null, TYPES, "o/r");
    assertThat(created.type()).isEqualTo("Feature");
    assertThat(created.labels()).doesNotContain("type:feature");
    assertThat(mapping.toNewIssue("abc", fields("feature"), null).type()).isNull();
  }

  @Test
  void readingPrefersTheTypeThenTheLabelThenNone() {
    assertThat(mapping.fromGitHub(issue("bug")).issueType()).isEqualTo("bug");
    assertThat(mapping.fromGitHub(issue("BUG", "type:feature")).issueType())
        .as("names ignore case; a leftover label loses")
        .isEqualTo("bug");
    assertThat(mapping.fromGitHub(issue(null, "type:feature")).issueType()).isEqualTo("feature");
    assertThat(mapping.fromGitHub(issue(null)).issueType()).isEqualTo("other");
    assertThat(mapping.fromGitHub(issue("Epic")).issueType())
        .as("an unmapped type is kept, as an unknown label")
        .isEqualTo("epic");
  }

  @Test
  void theNameMapIsConfigurable() {
    FieldMapping renamed =
        new FieldMapping(
            new MappingSettings(
                ALL,
                "status:",
                "priority:",
                "type:",
                Map.of("feature", "Enhancement", "bug", "Defect", "other", "Task")));
    RepoIssueTypes types = new RepoIssueTypes(List.of("Task", "Defect", "Enhancement"));
    assertThat(
            renamed
                .toPatch(
                    "abc",
                    fields("other"),
                    Set.of(SyncField.ISSUE_TYPE),
                    null,
                    List.of(),
                    types,
                    "o/r")
                .type())
        .isEqualTo("Task");
    assertThat(renamed.fromGitHub(issue("Defect")).issueType()).isEqualTo("bug");
    assertThat(renamed.fromGitHub(issue("Task")).issueType()).isEqualTo("other");
    assertThat(renamed.fromGitHub(issue(null)).issueType())
        .as("nothing maps to no type: other")
        .isEqualTo("other");
  }
}
