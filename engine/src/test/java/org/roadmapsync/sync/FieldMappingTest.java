package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.IssuePatch;
import org.roadmapsync.github.IssueState;
import org.roadmapsync.github.NewIssue;
import org.roadmapsync.github.StateReason;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.IssuePriority;
import org.roadmapsync.roadmap.IssueStatus;
import org.roadmapsync.roadmap.IssueType;
import org.roadmapsync.roadmap.RoadmapIssue;

class FieldMappingTest {
  private static final Set<SyncField> ALL = EnumSet.allOf(SyncField.class);
  private static final String MARKER = "<!-- roadmap-sync:id=abc123 -->";

  private final FieldMapping mapping = new FieldMapping(MappingSettings.defaults());

  @ParameterizedTest(name = "{0} -> {1} {2} [{3}]")
  @CsvSource({
    "todo, OPEN, , ''",
    "in-progress, OPEN, , status:in-progress",
    "blocked, OPEN, , status:blocked",
    "review, OPEN, , status:review",
    "closed, CLOSED, COMPLETED, ''",
    "archived, CLOSED, NOT_PLANNED, ''"
  })
  void statusTableBothWays(String status, IssueState state, StateReason reason, String label) {
    IssueFields fields = fields().with(SyncField.STATUS, status);
    IssuePatch patch = mapping.toPatch("abc123", fields, Set.of(SyncField.STATUS), null);

    assertThat(patch.state()).isEqualTo(state);
    assertThat(patch.stateReason()).isEqualTo(reason);
    List<String> want =
        label.isEmpty()
            ? List.of("bug", "priority:high", "type:feature")
            : List.of("bug", label, "priority:high", "type:feature");
    assertThat(patch.labels()).containsExactlyElementsOf(want);
    Issue issue = GitHubIssues.issue("t", "b", state, reason, patch.labels(), List.of(), null);
    assertThat(mapping.fromGitHub(issue).status()).isEqualTo(status);
    assertThat(
            mapping
                .fromRoadmap(
                    roadmap(
                        IssueStatus.fromYaml(status).orElseThrow(),
                        Optional.empty(),
                        Optional.empty(),
                        List.of()))
                .status())
        .isEqualTo(status);
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        "CLOSED, REOPENED, status:review, closed",
        "CLOSED, , status:review, closed",
        "CLOSED, DUPLICATE, '', closed",
        "CLOSED, NOT_PLANNED, status:blocked, archived",
        "OPEN, REOPENED, status:todo, todo",
        "OPEN, , status:done, todo",
        "OPEN, , Status:Blocked, blocked",
        "OPEN, , 'status:review,status:blocked', blocked",
        "UNKNOWN, , status:review, review"
      })
  void gitHubStatusReading(IssueState state, StateReason reason, String labels, String status) {
    List<String> names = labels.isEmpty() ? List.of() : List.of(labels.split(","));
    IssueFields read =
        mapping.fromGitHub(GitHubIssues.issue("t", "b", state, reason, names, List.of(), null));

    assertThat(read.status()).isEqualTo(status);
    assertThat(read.labels()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        "'priority:high', high, other",
        "'', , other",
        "'priority:low,priority:critical', critical, other",
        "'priority:urgent,priority:medium', medium, other",
        "'priority:Urgent', urgent, other",
        "'priority:  ', , other",
        "'type:feature', , feature",
        "'type:bug,type:feature', , feature",
        "'type:other', , other",
        "'type:task', , task",
        "'TYPE:Bug', , bug"
      })
  void priorityAndTypeLabels(String labels, String priority, String type) {
    List<String> names = labels.isEmpty() ? List.of() : List.of(labels.split(","));
    IssueFields read =
        mapping.fromGitHub(
            GitHubIssues.issue("t", "b", IssueState.OPEN, null, names, List.of(), null));

    assertThat(read.priority()).isEqualTo(priority);
    assertThat(read.issueType()).isEqualTo(type);
    assertThat(read.labels()).isEmpty();
  }

  @Test
  void pushedLabelsAreThePlainOnesPlusTheMappedOnes() {
    IssueFields fields =
        new IssueFields("t", "b", List.of("ux", "bug"), null, null, "blocked", "low", "bug");
    assertThat(mapping.toPatch("abc123", fields, Set.of(SyncField.LABELS), null).labels())
        .containsExactly("bug", "ux", "status:blocked", "priority:low", "type:bug");
    IssueFields plain = new IssueFields("t", "b", List.of(), null, null, "todo", null, "other");
    assertThat(mapping.toPatch("abc123", plain, Set.of(SyncField.PRIORITY), null).labels())
        .isEmpty();
    assertThat(
            mapping
                .toPatch(
                    "abc123",
                    plain.with(SyncField.ISSUE_TYPE, null),
                    Set.of(SyncField.ISSUE_TYPE),
                    null)
                .labels())
        .isEmpty();
    assertThat(
            mapping.toPatch(
                "abc123", plain.with(SyncField.STATUS, null), Set.of(SyncField.STATUS), null))
        .isEqualTo(IssuePatch.empty().withLabels(List.of()));
    assertThat(
            mapping.toPatch(
                "abc123", plain.with(SyncField.STATUS, "weird"), Set.of(SyncField.STATUS), null))
        .isEqualTo(IssuePatch.empty().withLabels(List.of()));
  }

  @Test
  void aPatchCarriesOnlyTheListedFields() {
    IssueFields fields = fields();
    assertThat(mapping.toPatch("abc123", fields, Set.of(), null).isEmpty()).isTrue();
    assertThat(mapping.toPatch("abc123", fields, Set.of(SyncField.TITLE), null))
        .isEqualTo(IssuePatch.empty().withTitle("Title"));
    assertThat(mapping.toPatch("abc123", fields, Set.of(SyncField.BODY), null))
        .isEqualTo(IssuePatch.empty().withBody("Body text\n\n" + MARKER));
    assertThat(mapping.toPatch("abc123", fields, Set.of(SyncField.ASSIGNEE), null))
        .isEqualTo(IssuePatch.empty().withAssignees(List.of("ann")));
    assertThat(
            mapping.toPatch(
                "abc123", fields.with(SyncField.ASSIGNEE, null), Set.of(SyncField.ASSIGNEE), null))
        .isEqualTo(IssuePatch.empty().withAssignees(List.of()));
    assertThat(mapping.toPatch("abc123", fields, Set.of(SyncField.MILESTONE), 7L))
        .isEqualTo(IssuePatch.empty().withMilestone(7));
    assertThat(
            mapping.toPatch(
                "abc123",
                fields.with(SyncField.MILESTONE, null),
                Set.of(SyncField.MILESTONE),
                null))
        .isEqualTo(IssuePatch.empty().withoutMilestone());
    assertThatThrownBy(() -> mapping.toPatch("abc123", fields, Set.of(SyncField.MILESTONE), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v1");
    IssueFields empty = new IssueFields(null, null, List.of(), null, null, null, null, null);
    assertThat(
            mapping
                .toPatch("abc123", empty, Set.of(SyncField.TITLE, SyncField.BODY), null)
                .isEmpty())
        .isTrue();
  }

  @Test
  void milestoneAndAssigneeReadByTitleAndFirstLogin() {
    Issue issue =
        GitHubIssues.issue(
            "t", null, IssueState.OPEN, null, List.of(), List.of("bob", "ann"), "v1.0");
    assertThat(mapping.fromGitHub(issue).milestone()).isEqualTo("v1.0");
    assertThat(mapping.fromGitHub(issue).assignee()).isEqualTo("bob");
    Issue single =
        new Issue(
            1,
            1,
            "t",
            "",
            IssueState.OPEN,
            null,
            null,
            List.of(),
            GitHubIssues.user("cy"),
            List.of(),
            null,
            false,
            null,
            0,
            null,
            null,
            null,
            null,
            null);
    assertThat(mapping.fromGitHub(single).assignee()).isEqualTo("cy");
    Issue nobody = GitHubIssues.issue("t", null, IssueState.OPEN, null, List.of(), List.of(), null);
    assertThat(mapping.fromGitHub(nobody).assignee()).isNull();
    assertThat(mapping.fromGitHub(nobody).milestone()).isNull();
  }

  @Test
  void bodiesAreNormalisedAndTheMarkerStripped() {
    Issue issue =
        GitHubIssues.issue(
            "t",
            "\r\n\r\nline one\r\nline two\r\r\n" + MARKER + "\r\n",
            IssueState.OPEN,
            null,
            List.of(),
            List.of(),
            null);
    assertThat(mapping.fromGitHub(issue).body()).isEqualTo("line one\nline two");
    assertThat(
            mapping
                .fromGitHub(
                    GitHubIssues.issue(
                        "t", null, IssueState.OPEN, null, List.of(), List.of(), null))
                .body())
        .isEmpty();
    assertThat(
            mapping
                .fromGitHub(
                    GitHubIssues.issue(
                        "t", "a\n  " + MARKER, IssueState.OPEN, null, List.of(), List.of(), null))
                .body())
        .isEqualTo("a");
    assertThat(mapping.fromRoadmap(roadmap("\n\n  # Heading\r\n\r\ntext  \n\n")).body())
        .isEqualTo("  # Heading\n\ntext");
    assertThat(mapping.fromRoadmap(roadmap(null)).body()).isEmpty();
  }

  @Test
  void markerIsAddedOnItsOwnLineAndFoundAgain() {
    assertThat(BodyMarker.marker("abc123")).isEqualTo(MARKER);
    assertThat(BodyMarker.withMarker("abc123", "text\n")).isEqualTo("text\n\n" + MARKER);
    assertThat(BodyMarker.withMarker("abc123", "  \n")).isEqualTo(MARKER);
    assertThat(BodyMarker.markedId("text\n\n" + MARKER)).contains("abc123");
    assertThat(BodyMarker.markedId("x " + MARKER)).isEmpty();
    assertThat(BodyMarker.markedId("no marker")).isEmpty();
    assertThat(BodyMarker.markedId(null)).isEmpty();
    assertThat(BodyMarker.stripMarker("a\n" + MARKER + "\nb")).isEqualTo("a\nb");
    for (String bad : new String[] {null, "", " ", "a b", "a-->"}) {
      assertThatThrownBy(() -> BodyMarker.marker(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aNewIssueCarriesEveryFieldAndTheMarker() {
    NewIssue created = mapping.toNewIssue("abc123", fields(), 3L);
    assertThat(created)
        .isEqualTo(
            new NewIssue(
                "Title",
                "Body text\n\n" + MARKER,
                List.of("bug", "priority:high", "type:feature"),
                List.of("ann"),
                3L));
    IssueFields bare =
        new IssueFields("Title", null, List.of(), null, null, "closed", null, "other");
    assertThat(mapping.toNewIssue("abc123", bare, null))
        .isEqualTo(new NewIssue("Title", MARKER, List.of(), List.of(), null));
    assertThatThrownBy(() -> mapping.toNewIssue("abc123", fields(), null))
        .isInstanceOf(IllegalArgumentException.class);
    FieldMapping noMilestone =
        new FieldMapping(
            MappingSettings.defaults()
                .withEnabled(EnumSet.complementOf(EnumSet.of(SyncField.MILESTONE))));
    assertThat(noMilestone.toNewIssue("abc123", fields(), 3L).milestone()).isNull();
  }

  @Test
  void anEditSetsTheListedFieldsAndSkipsUnknownValues() {
    IssueEdit all = mapping.toEdit(fields(), ALL);
    assertThat(all)
        .isEqualTo(
            IssueEdit.builder()
                .title("Title")
                .body("Body text")
                .labels(List.of("bug"))
                .milestone("v1")
                .assignee("ann")
                .status(IssueStatus.TODO)
                .priority(IssuePriority.HIGH)
                .issueType(IssueType.FEATURE)
                .build());
    assertThat(mapping.toEdit(fields(), Set.of(SyncField.TITLE)).fields())
        .containsExactly(IssueEdit.Field.TITLE);

    IssueFields unknown =
        new IssueFields(null, null, List.of(), null, null, "weird", "urgent", "task");
    assertThat(
            mapping
                .toEdit(
                    unknown,
                    Set.of(
                        SyncField.TITLE,
                        SyncField.BODY,
                        SyncField.STATUS,
                        SyncField.PRIORITY,
                        SyncField.ISSUE_TYPE))
                .fields())
        .isEmpty();
    IssueFields absent = new IssueFields(null, null, List.of(), null, null, null, null, null);
    assertThat(
            mapping
                .toEdit(absent, Set.of(SyncField.STATUS, SyncField.PRIORITY, SyncField.ISSUE_TYPE))
                .fields())
        .isEmpty();
    IssueEdit cleared = mapping.toEdit(absent, Set.of(SyncField.MILESTONE, SyncField.ASSIGNEE));
    assertThat(cleared.fields())
        .containsExactlyInAnyOrder(IssueEdit.Field.MILESTONE, IssueEdit.Field.ASSIGNEE);
    assertThat(cleared.milestone()).isNull();
    assertThat(cleared.assignee()).isNull();
  }

  @Test
  void legacyPrefixedRoadmapLabelsAreNotPlainAndStayInTheFile() {
    RoadmapIssue file =
        roadmap(
            IssueStatus.CLOSED,
            Optional.of(IssuePriority.MEDIUM),
            Optional.of(IssueType.OTHER),
            List.of("zeta", "status:todo", "priority:high", "alpha"));
    IssueFields read = mapping.fromRoadmap(file);
    assertThat(read.labels()).containsExactly("alpha", "zeta");
    assertThat(read.priority()).isEqualTo("medium");

    assertThat(mapping.toEdit(file, read, Set.of(SyncField.LABELS)).labels())
        .containsExactly("zeta", "status:todo", "priority:high", "alpha");
    assertThat(
            mapping
                .toEdit(
                    file,
                    read.with(SyncField.LABELS, List.of("beta", "zeta")),
                    Set.of(SyncField.LABELS))
                .labels())
        .containsExactly("zeta", "status:todo", "priority:high", "beta");
    assertThat(mapping.toEdit(read, Set.of(SyncField.LABELS)).labels())
        .containsExactly("alpha", "zeta");
  }

  @Test
  void everyStatusPriorityAndTypeCombinationSurvivesBothWays() {
    GitHubIssues github = new GitHubIssues();
    List<String> priorities = new java.util.ArrayList<>(java.util.Arrays.asList((String) null));
    java.util.Arrays.stream(IssuePriority.values())
        .map(IssuePriority::yaml)
        .forEach(priorities::add);
    for (IssueStatus status : IssueStatus.values()) {
      for (String priority : priorities) {
        for (IssueType type : IssueType.values()) {
          for (List<String> labels : List.of(List.<String>of(), List.of("a", "b c"))) {
            IssueFields fields =
                new IssueFields(
                    "T",
                    "x",
                    labels,
                    labels.isEmpty() ? null : "v2",
                    labels.isEmpty() ? null : "ann",
                    status.yaml(),
                    priority,
                    type.yaml());
            Issue created =
                github.create(
                    1, mapping.toNewIssue("id1", fields, github.milestone(fields.milestone())));
            Issue closed =
                github.patch(
                    created, mapping.toPatch("id1", fields, Set.of(SyncField.STATUS), null));
            assertThat(mapping.fromGitHub(closed)).isEqualTo(fields);

            Issue other =
                GitHubIssues.issue(
                    "o",
                    "o",
                    IssueState.CLOSED,
                    StateReason.NOT_PLANNED,
                    List.of("z", "status:review", "priority:low", "type:bug"),
                    List.of("bob"),
                    null);
            Issue patched =
                github.patch(
                    other,
                    mapping.toPatch("id1", fields, ALL, github.milestone(fields.milestone())));
            assertThat(mapping.fromGitHub(patched)).isEqualTo(fields);

            IssueEdit edit = mapping.toEdit(fields, ALL);
            assertThat(edit.status()).isEqualTo(status);
            assertThat(edit.issueType()).isEqualTo(type);
            assertThat(edit.sets(IssueEdit.Field.PRIORITY)).isEqualTo(priority != null);
          }
        }
      }
    }
  }

  @Test
  void sidesCarryTheirUpdateTimes() {
    RoadmapIssue file = roadmap(IssueStatus.TODO, Optional.empty(), Optional.empty(), List.of());
    assertThat(mapping.roadmapSide(file))
        .isEqualTo(new SideSnapshot(mapping.fromRoadmap(file), Instant.EPOCH));
    assertThat(mapping.roadmapSide(roadmap("b")).updatedAt()).isNull();
    Issue issue = GitHubIssues.issue("t", "", IssueState.OPEN, null, List.of(), List.of(), null);
    assertThat(mapping.gitHubSide(issue))
        .isEqualTo(new SideSnapshot(mapping.fromGitHub(issue), issue.updatedAt()));
  }

  @Test
  void absentAndOtherIssueTypesAreTheSame() {
    assertThat(
            mapping
                .fromRoadmap(
                    roadmap(IssueStatus.TODO, Optional.empty(), Optional.empty(), List.of()))
                .issueType())
        .isEqualTo("other");
    assertThat(
            mapping
                .fromRoadmap(
                    roadmap(
                        IssueStatus.TODO,
                        Optional.empty(),
                        Optional.of(IssueType.OTHER),
                        List.of()))
                .issueType())
        .isEqualTo("other");
    assertThat(
            mapping
                .fromGitHub(
                    GitHubIssues.issue("t", "", IssueState.OPEN, null, List.of(), List.of(), null))
                .issueType())
        .isEqualTo("other");
  }

  @ParameterizedTest
  @EnumSource(SyncField.class)
  void aDisabledFieldIsNullOnBothSidesAndNeverWritten(SyncField off) {
    FieldMapping partial =
        new FieldMapping(
            MappingSettings.defaults().withEnabled(EnumSet.complementOf(EnumSet.of(off))));
    Issue issue =
        GitHubIssues.issue(
            "Title",
            "Body text",
            IssueState.CLOSED,
            StateReason.COMPLETED,
            List.of("bug", "priority:high", "type:feature"),
            List.of("ann"),
            "v1");
    RoadmapIssue file =
        roadmap(
            IssueStatus.CLOSED,
            Optional.of(IssuePriority.HIGH),
            Optional.of(IssueType.FEATURE),
            List.of("bug"));

    IssueFields fromGitHub = partial.fromGitHub(issue);
    IssueFields fromRoadmap = partial.fromRoadmap(file);
    assertThat(fromGitHub).isEqualTo(fromRoadmap);
    assertThat(fromGitHub.value(off)).isIn(null, List.of());
    assertThat(partial.toEdit(fields(), Set.of(off)).fields()).isEmpty();
    IssuePatch patch = partial.toPatch("abc123", fields(), Set.of(off), 1L);
    assertThat(patch.isEmpty()).isTrue();
  }

  @Test
  void labelsOfADisabledFieldAreLeftAsTheyAreOnGitHub() {
    List<String> onGitHub = List.of("ux", "status:review", "priority:low", "type:bug", "old");
    FieldMapping noLabels =
        new FieldMapping(
            MappingSettings.defaults()
                .withEnabled(EnumSet.complementOf(EnumSet.of(SyncField.LABELS))));
    assertThat(
            noLabels
                .toPatch("abc123", fields(), Set.of(SyncField.PRIORITY), null, onGitHub)
                .labels())
        .containsExactly("ux", "old", "priority:high", "type:feature");

    FieldMapping labelsOnly =
        new FieldMapping(MappingSettings.defaults().withEnabled(EnumSet.of(SyncField.LABELS)));
    assertThat(
            labelsOnly
                .toPatch("abc123", fields(), Set.of(SyncField.LABELS), null, onGitHub)
                .labels())
        .containsExactly("bug", "status:review", "priority:low", "type:bug");
  }

  @Test
  void settingsAreValidated() {
    MappingSettings defaults = MappingSettings.defaults();
    assertThat(defaults.enabled()).containsExactlyInAnyOrder(SyncField.values());
    assertThat(defaults.withEnabled(Set.of()).enabled()).isEmpty();
    assertThat(new FieldMapping(defaults).settings()).isEqualTo(defaults);
    assertThatThrownBy(() -> new MappingSettings(null, "s:", "p:", "t:"))
        .isInstanceOf(IllegalArgumentException.class);
    for (String[] bad :
        new String[][] {
          {null, "p:", "t:"},
          {"s:", " ", "t:"},
          {"s:", "p:", ""},
          {"x:", "x:", "t:"},
          {"s:", "p:", "S:"},
          {"p", "p:", "t:"},
          {"s:", "p:", "p"}
        }) {
      assertThatThrownBy(() -> new MappingSettings(Set.of(), bad[0], bad[1], bad[2]))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new FieldMapping(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void customPrefixesAreUsed() {
    FieldMapping custom =
        new FieldMapping(
            new MappingSettings(EnumSet.allOf(SyncField.class), "state/", "prio/", "kind/"));
    IssueFields fields = fields().with(SyncField.STATUS, "review");
    List<String> labels = custom.toPatch("abc123", fields, Set.of(SyncField.LABELS), null).labels();
    assertThat(labels).containsExactly("bug", "state/review", "prio/high", "kind/feature");
    assertThat(
            custom.fromGitHub(
                GitHubIssues.issue(
                    "Title",
                    "Body text",
                    IssueState.OPEN,
                    null,
                    List.of("bug", "state/review", "prio/high", "kind/feature", "status:blocked"),
                    List.of("ann"),
                    "v1")))
        .isEqualTo(fields.with(SyncField.LABELS, List.of("bug", "status:blocked")));
  }

  private static IssueFields fields() {
    return new IssueFields(
        "Title", "Body text", List.of("bug"), "v1", "ann", "todo", "high", "feature");
  }

  private static RoadmapIssue roadmap(String body) {
    return new RoadmapIssue(
        "abc123",
        "Title",
        body,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        IssueStatus.TODO,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty(),
        List.of(),
        List.of(),
        false,
        Path.of("issues/backlog/abc123-title.md"),
        "hash",
        Map.of());
  }

  private static RoadmapIssue roadmap(
      IssueStatus status,
      Optional<IssuePriority> priority,
      Optional<IssueType> type,
      List<String> labels) {
    return new RoadmapIssue(
        "abc123",
        "Title",
        "Body text\n",
        labels,
        Optional.of("v1"),
        Optional.of("ann"),
        status,
        priority,
        type,
        Optional.of(Instant.EPOCH),
        Optional.of(Instant.EPOCH),
        OptionalInt.of(1),
        List.of(),
        List.of(),
        false,
        Path.of("issues/v1/abc123-title.md"),
        "hash",
        Map.of());
  }
}
