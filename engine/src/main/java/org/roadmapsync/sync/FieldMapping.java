package org.roadmapsync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.IssuePatch;
import org.roadmapsync.github.IssueState;
import org.roadmapsync.github.NewIssue;
import org.roadmapsync.github.StateReason;
import org.roadmapsync.github.User;
import org.roadmapsync.roadmap.BodyText;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.IssuePriority;
import org.roadmapsync.roadmap.IssueStatus;
import org.roadmapsync.roadmap.IssueType;
import org.roadmapsync.roadmap.RoadmapIssue;

/**
 * Maps a roadmap issue and a GitHub issue into {@link IssueFields} and back, as DESIGN.md's field
 * table says. The rules that the table leaves open, chosen so that roadmap → GitHub → roadmap is
 * lossless:
 *
 * <ul>
 *   <li><b>status</b>: {@code todo} is an open issue without a status label; {@code in-progress},
 *       {@code blocked}, {@code review} are open plus {@code status:<value>}; {@code closed} is
 *       closed as {@code completed}, {@code archived} closed as {@code not_planned}. A closed issue
 *       with any other reason (reopened, duplicate, none) reads as {@code closed}, and its status
 *       labels are ignored. Its reason stays GitHub's: a patch carries the status only when the
 *       status differs from GitHub's (rounds push changed fields only), so an issue closed as
 *       {@code duplicate} is never re-closed as {@code completed}. An open issue with several
 *       status labels reads as the first of in-progress, blocked, review; an unknown value ({@code
 *       status:done}) is ignored.
 *   <li><b>priority</b>: {@code priority:<value>}, no label is null. Of several labels the most
 *       severe known value wins; an unknown value is kept as written (lower case) so a push
 *       re-sends it, and {@link #toEdit} never writes it to the file.
 *   <li><b>issue type</b>: {@code feature}/{@code bug} ↔ {@code type:feature}/{@code type:bug}. The
 *       roadmap tool's default {@code other} has no label; so an absent {@code issue_type} and
 *       {@code other} both read as {@code other} on the roadmap side, and no type label reads as
 *       {@code other} on GitHub. Unknown type labels are kept as for priority. Where the
 *       repository's owner has issue types ({@link RepoIssueTypes}), the issue's {@code type} is
 *       written instead, named by {@link MappingSettings#issueTypeNames()}, with every
 *       label-bearing write (so a leftover type label is removed as the type is set). Reading is
 *       the same everywhere: a {@code type} wins, mapped back by name (an unmapped name kept in
 *       lower case, as an unknown label); without one, the type label; without both, the name
 *       mapped to no type ({@code other}).
 *   <li><b>labels</b>: the prefixes are reserved on both sides. Old roadmap files carry labels such
 *       as {@code status:todo} or {@code priority:high} copied from GitHub by the roadmap tool;
 *       they are not plain labels (they would read back as status or priority), so {@link
 *       #fromRoadmap} leaves them out and {@link #toEdit(RoadmapIssue, IssueFields, Set)} keeps
 *       them in the file where they are.
 *   <li><b>body</b>: normalised with {@link BodyText#normalise}; on GitHub the marker line {@code
 *       <!-- roadmap-sync:id=<id> -->} is stripped on reading and appended (after a blank line) on
 *       writing.
 *   <li>A disabled field reads as null (labels: empty) on both sides and is never written.
 * </ul>
 *
 * <p>Over 400 lines: DESIGN.md's field table, both ways and for new files, is one idea; the body
 * marker is {@link BodyMarker}.
 */
public final class FieldMapping {
  private static final Set<SyncField> LABEL_FIELDS =
      EnumSet.of(SyncField.LABELS, SyncField.STATUS, SyncField.PRIORITY, SyncField.ISSUE_TYPE);
  private static final List<IssueStatus> LABELLED_STATUSES =
      List.of(IssueStatus.IN_PROGRESS, IssueStatus.BLOCKED, IssueStatus.REVIEW);

  private final MappingSettings settings;

  public FieldMapping(MappingSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public MappingSettings settings() {
    return settings;
  }

  public IssueFields fromRoadmap(RoadmapIssue issue) {
    return enabledOnly(
        new IssueFields(
            issue.title(),
            BodyText.normalise(issue.body() == null ? "" : issue.body()),
            issue.labels().stream().filter(l -> !isMapped(l)).toList(),
            issue.milestone().orElse(null),
            issue.assignee().orElse(null),
            issue.status().yaml(),
            issue.priority().map(IssuePriority::yaml).orElse(null),
            issue.issueType().map(IssueType::yaml).orElse(IssueType.OTHER.yaml())));
  }

  /** GitHub's issue {@code issue} of {@code repo} as sync keeps it. */
  public RemoteSnapshot snapshot(String repo, Issue issue) {
    return new RemoteSnapshot(
        new IssueLink(repo, issue.number()),
        fromGitHub(issue),
        issue.updatedAt(),
        issue.comments());
  }

  public IssueFields fromGitHub(Issue issue) {
    List<String> names = issue.labelNames();
    return enabledOnly(
        new IssueFields(
            asUtf8Reads(issue.title()),
            BodyText.normalise(asUtf8Reads(BodyMarker.stripMarker(issue.body()))),
            names.stream().filter(l -> !isMapped(l)).toList(),
            issue.milestone() == null ? null : issue.milestone().title(),
            firstAssignee(issue),
            gitHubStatus(issue, values(names, settings.statusLabelPrefix())),
            mostSevere(
                    values(names, settings.priorityLabelPrefix()),
                    IssuePriority.values(),
                    IssuePriority::yaml)
                .orElse(null),
            issue.type() != null && issue.type().name() != null
                ? roadmapType(issue.type().name())
                : mostSevere(
                        values(names, settings.typeLabelPrefix()),
                        IssueType.values(),
                        IssueType::yaml)
                    .orElse(untypedValue())));
  }

  /** The roadmap value of a GitHub issue type: by the name map, else its name in lower case. */
  private String roadmapType(String gitHubName) {
    return settings.issueTypeNames().entrySet().stream()
        .filter(e -> e.getValue().equalsIgnoreCase(gitHubName))
        .map(Map.Entry::getKey)
        .sorted()
        .findFirst()
        .orElse(gitHubName.trim().toLowerCase(Locale.ROOT));
  }

  /** What an issue without a type reads as: the value mapped to no type, else {@code other}. */
  private String untypedValue() {
    return settings.issueTypeNames().entrySet().stream()
        .filter(e -> e.getValue().isEmpty())
        .map(Map.Entry::getKey)
        .sorted(
            (a, b) ->
                a.equals(IssueType.OTHER.yaml()) ? -1 : b.equals(IssueType.OTHER.yaml()) ? 1 : 0)
        .findFirst()
        .orElse(IssueType.OTHER.yaml());
  }

  /**
   * The GitHub issue type of roadmap value {@code value} in a repository with {@code types}; null:
   * none.
   *
   * @throws UnknownIssueType when the owner has no such type
   */
  String gitHubType(String value, RepoIssueTypes types, String repo) {
    if (value == null) {
      return null;
    }
    String name = settings.issueTypeNames().getOrDefault(value, value);
    if (name.isEmpty()) {
      return null;
    }
    return types
        .find(name)
        .orElseThrow(() -> new UnknownIssueType(value, name, repo, types.names()));
  }

  /** The roadmap side for {@link ThreeWayMerge}: its fields and {@code updated}. */
  public SideSnapshot roadmapSide(RoadmapIssue issue) {
    return new SideSnapshot(fromRoadmap(issue), issue.updated().orElse(null));
  }

  /** The GitHub side for {@link ThreeWayMerge}: its fields and {@code updated_at}. */
  public SideSnapshot gitHubSide(Issue issue) {
    return new SideSnapshot(fromGitHub(issue), issue.updatedAt());
  }

  /**
   * Same as {@link #toPatch(String, IssueFields, Set, Long, List)} without GitHub's current labels:
   * right when labels, status, priority and issue type are all enabled (the patch then sets every
   * label).
   */
  public IssuePatch toPatch(
      String roadmapId, IssueFields target, Set<SyncField> fields, Long milestoneNumber) {
    return toPatch(roadmapId, target, fields, milestoneNumber, List.of());
  }

  /**
   * The PATCH that sets the listed (and enabled) fields of {@code target} on GitHub. GitHub
   * replaces the whole label set, so when any label-bearing field is listed the patch carries every
   * label: the target's plain and mapped labels, and for a disabled label-bearing field the labels
   * it has in {@code currentLabels} (GitHub's labels now), which sync must not remove.
   *
   * @param milestoneNumber GitHub's number of {@code target.milestone()}; needed only when it is
   *     set
   */
  public IssuePatch toPatch(
      String roadmapId,
      IssueFields target,
      Set<SyncField> fields,
      Long milestoneNumber,
      List<String> currentLabels) {
    return toPatch(
        roadmapId, target, fields, milestoneNumber, currentLabels, RepoIssueTypes.NONE, null);
  }

  /**
   * As {@link #toPatch(String, IssueFields, Set, Long, List)} for repository {@code repo}, whose
   * owner has {@code types}: where it has some, every label-bearing write also sets the issue's
   * type and carries no type label.
   *
   * @throws UnknownIssueType when the issue type to write is not one of {@code types}
   */
  public IssuePatch toPatch(
      String roadmapId,
      IssueFields target,
      Set<SyncField> fields,
      Long milestoneNumber,
      List<String> currentLabels,
      RepoIssueTypes types,
      String repo) {
    Set<SyncField> writes = writable(fields);
    IssuePatch patch = IssuePatch.empty();
    if (writes.contains(SyncField.TITLE) && target.title() != null) {
      patch = patch.withTitle(target.title());
    }
    if (writes.contains(SyncField.BODY) && target.body() != null) {
      patch = patch.withBody(BodyMarker.withMarker(roadmapId, target.body()));
    }
    if (writes.contains(SyncField.STATUS)) {
      Optional<IssueStatus> status =
          Optional.ofNullable(target.status()).flatMap(IssueStatus::fromYaml);
      if (status.isPresent()) {
        patch = patch.withState(state(status.get()), reason(status.get()));
      }
    }
    if (writes.stream().anyMatch(LABEL_FIELDS::contains)) {
      patch = patch.withLabels(gitHubLabels(target, currentLabels, types));
      if (types.hasTypes() && settings.isEnabled(SyncField.ISSUE_TYPE)) {
        patch = patch.withType(gitHubType(target.issueType(), types, repo));
      }
    }
    if (writes.contains(SyncField.ASSIGNEE)) {
      patch =
          patch.withAssignees(target.assignee() == null ? List.of() : List.of(target.assignee()));
    }
    if (writes.contains(SyncField.MILESTONE)) {
      patch =
          target.milestone() == null
              ? patch.withoutMilestone()
              : patch.withMilestone(requireMilestone(target, milestoneNumber));
    }
    return patch;
  }

  /**
   * The issue to create for a roadmap issue; its body carries the marker even when the body is not
   * synced, so a create that was not journaled can be found again. GitHub creates issues open: for
   * a closed or archived one, follow with {@code toPatch(id, fields, Set.of(STATUS), null)}.
   */
  public NewIssue toNewIssue(String roadmapId, IssueFields fields, Long milestoneNumber) {
    return toNewIssue(roadmapId, fields, milestoneNumber, RepoIssueTypes.NONE, null);
  }

  /**
   * As {@link #toNewIssue(String, IssueFields, Long)} in repository {@code repo}, whose owner has
   * {@code types}.
   *
   * @throws UnknownIssueType when the issue type to give is not one of {@code types}
   */
  public NewIssue toNewIssue(
      String roadmapId,
      IssueFields fields,
      Long milestoneNumber,
      RepoIssueTypes types,
      String repo) {
    boolean milestone = settings.isEnabled(SyncField.MILESTONE) && fields.milestone() != null;
    boolean typed = types.hasTypes() && settings.isEnabled(SyncField.ISSUE_TYPE);
    return new NewIssue(
        fields.title(),
        BodyMarker.withMarker(roadmapId, fields.body() == null ? "" : fields.body()),
        gitHubLabels(fields, List.of(), types),
        fields.assignee() == null ? List.of() : List.of(fields.assignee()),
        milestone ? requireMilestone(fields, milestoneNumber) : null,
        typed ? gitHubType(fields.issueType(), types, repo) : null);
  }

  /**
   * The fields of a new roadmap file for a GitHub issue (an import): every enabled field the file
   * can hold, the link, and {@code updated} from GitHub. An unknown priority or issue type is left
   * out, as {@link #toEdit} leaves it; no priority is no {@code priority} key.
   */
  public IssueEdit toNewFile(IssueFields fields, long number, Instant updatedAt) {
    IssueEdit edit = toEdit(null, fields, EnumSet.allOf(SyncField.class));
    IssueEdit.Builder file =
        IssueEdit.builder().title(fields.title() == null ? "" : fields.title());
    if (edit.sets(IssueEdit.Field.BODY)) {
      file.body(edit.body());
    }
    if (edit.sets(IssueEdit.Field.LABELS)) {
      file.labels(edit.labels());
    }
    if (edit.sets(IssueEdit.Field.MILESTONE)) {
      file.milestone(edit.milestone());
    }
    if (edit.sets(IssueEdit.Field.ASSIGNEE)) {
      file.assignee(edit.assignee());
    }
    if (edit.sets(IssueEdit.Field.STATUS)) {
      file.status(edit.status());
    }
    if (edit.sets(IssueEdit.Field.PRIORITY)) {
      file.priority(edit.priority());
    }
    if (edit.sets(IssueEdit.Field.ISSUE_TYPE)) {
      file.issueType(edit.issueType());
    }
    if (updatedAt != null) {
      file.updatedAt(updatedAt);
    }
    return file.githubIssue(Math.toIntExact(number)).build();
  }

  /**
   * Same as {@link #toEdit(RoadmapIssue, IssueFields, Set)} for a file whose labels are all plain.
   */
  public IssueEdit toEdit(IssueFields target, Set<SyncField> fields) {
    return toEdit(null, target, fields);
  }

  /**
   * The roadmap edit that sets the listed (and enabled) fields of {@code target}. A null or unknown
   * status, priority or issue type is skipped: the file keeps its value. Labels keep the order they
   * have in {@code current} (new ones are appended) and keep its labels with a reserved prefix.
   */
  public IssueEdit toEdit(RoadmapIssue current, IssueFields target, Set<SyncField> fields) {
    Set<SyncField> writes = writable(fields);
    IssueEdit.Builder edit = IssueEdit.builder();
    if (writes.contains(SyncField.TITLE) && target.title() != null) {
      edit.title(target.title());
    }
    if (writes.contains(SyncField.BODY) && target.body() != null) {
      edit.body(target.body());
    }
    if (writes.contains(SyncField.LABELS)) {
      edit.labels(fileLabels(current == null ? List.of() : current.labels(), target.labels()));
    }
    if (writes.contains(SyncField.MILESTONE)) {
      edit.milestone(target.milestone());
    }
    if (writes.contains(SyncField.ASSIGNEE)) {
      edit.assignee(target.assignee());
    }
    if (writes.contains(SyncField.STATUS)) {
      parse(target.status(), IssueStatus::fromYaml).ifPresent(edit::status);
    }
    if (writes.contains(SyncField.PRIORITY)) {
      parse(target.priority(), IssuePriority::fromYaml).ifPresent(edit::priority);
    }
    if (writes.contains(SyncField.ISSUE_TYPE)) {
      parse(target.issueType(), IssueType::fromYaml).ifPresent(edit::issueType);
    }
    return edit.build();
  }

  /**
   * Text as a UTF-8 file holds it: GitHub's JSON can carry an unpaired surrogate (an escaped
   * U+D800), which UTF-8 cannot encode; it reads as U+FFFD, as a UTF-8 decoder shows it, on both
   * sides.
   */
  static String asUtf8Reads(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
                  && i + 1 < text.length()
                  && Character.isLowSurrogate(text.charAt(i + 1))
              || Character.isLowSurrogate(c)
                  && i > 0
                  && Character.isHighSurrogate(text.charAt(i - 1));
      if (Character.isSurrogate(c) && !paired) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private IssueFields enabledOnly(IssueFields fields) {
    IssueFields result = fields;
    for (SyncField field : SyncField.values()) {
      if (!settings.isEnabled(field)) {
        result = result.with(field, null);
      }
    }
    return result;
  }

  private Set<SyncField> writable(Set<SyncField> fields) {
    Set<SyncField> writes =
        fields.isEmpty() ? EnumSet.noneOf(SyncField.class) : EnumSet.copyOf(fields);
    writes.retainAll(settings.enabled());
    return writes;
  }

  private boolean isMapped(String label) {
    return hasPrefix(label, settings.statusLabelPrefix())
        || hasPrefix(label, settings.priorityLabelPrefix())
        || hasPrefix(label, settings.typeLabelPrefix());
  }

  private static boolean hasPrefix(String label, String prefix) {
    return label.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  /** The values of the labels with this prefix, lower case, sorted, blank ones dropped. */
  private static List<String> values(List<String> labels, String prefix) {
    return labels.stream()
        .filter(l -> hasPrefix(l, prefix))
        .map(l -> l.substring(prefix.length()).trim().toLowerCase(Locale.ROOT))
        .filter(v -> !v.isEmpty())
        .sorted()
        .toList();
  }

  private static String gitHubStatus(Issue issue, List<String> statusValues) {
    if (issue.state() == IssueState.CLOSED) {
      return (issue.stateReason() == StateReason.NOT_PLANNED
              ? IssueStatus.ARCHIVED
              : IssueStatus.CLOSED)
          .yaml();
    }
    return LABELLED_STATUSES.stream()
        .filter(s -> statusValues.contains(s.yaml()))
        .findFirst()
        .orElse(IssueStatus.TODO)
        .yaml();
  }

  /**
   * The first known value in the enum's order (most severe first), else the first unknown value.
   */
  private static <E> Optional<String> mostSevere(
      List<String> values, E[] known, Function<E, String> yaml) {
    return Stream.concat(Arrays.stream(known).map(yaml).filter(values::contains), values.stream())
        .findFirst();
  }

  private static String firstAssignee(Issue issue) {
    if (!issue.assignees().isEmpty()) {
      return issue.assignees().get(0).login();
    }
    User single = issue.assignee();
    return single == null ? null : single.login();
  }

  private List<String> gitHubLabels(
      IssueFields target, List<String> currentLabels, RepoIssueTypes types) {
    List<String> labels = new ArrayList<>();
    if (settings.isEnabled(SyncField.LABELS)) {
      labels.addAll(target.labels());
    } else {
      currentLabels.stream().filter(l -> !isMapped(l)).forEach(labels::add);
    }
    mapped(
        SyncField.STATUS,
        settings.statusLabelPrefix(),
        statusLabelValue(target.status()),
        currentLabels,
        labels);
    mapped(
        SyncField.PRIORITY,
        settings.priorityLabelPrefix(),
        target.priority(),
        currentLabels,
        labels);
    String type =
        types.hasTypes() || IssueType.OTHER.yaml().equals(target.issueType())
            ? null
            : target.issueType();
    mapped(SyncField.ISSUE_TYPE, settings.typeLabelPrefix(), type, currentLabels, labels);
    return List.copyOf(new LinkedHashSet<>(labels));
  }

  private void mapped(
      SyncField field, String prefix, String value, List<String> current, List<String> into) {
    if (!settings.isEnabled(field)) {
      current.stream().filter(l -> hasPrefix(l, prefix)).forEach(into::add);
    } else if (value != null) {
      into.add(prefix + value);
    }
  }

  private static String statusLabelValue(String status) {
    return IssueStatus.fromYaml(status == null ? "" : status)
        .filter(LABELLED_STATUSES::contains)
        .map(IssueStatus::yaml)
        .orElse(null);
  }

  private static IssueState state(IssueStatus status) {
    return status.isOpen() ? IssueState.OPEN : IssueState.CLOSED;
  }

  private static StateReason reason(IssueStatus status) {
    return switch (status) {
      case CLOSED -> StateReason.COMPLETED;
      case ARCHIVED -> StateReason.NOT_PLANNED;
      default -> null;
    };
  }

  private List<String> fileLabels(List<String> fileLabels, List<String> plain) {
    List<String> labels = new ArrayList<>();
    fileLabels.stream().filter(l -> isMapped(l) || plain.contains(l)).forEach(labels::add);
    plain.stream().filter(l -> !labels.contains(l)).forEach(labels::add);
    return labels;
  }

  private static <E> Optional<E> parse(String value, Function<String, Optional<E>> parser) {
    return value == null ? Optional.empty() : parser.apply(value);
  }

  private static long requireMilestone(IssueFields fields, Long milestoneNumber) {
    if (milestoneNumber == null) {
      throw new IllegalArgumentException(
          "milestone '" + fields.milestone() + "' needs its GitHub number");
    }
    return milestoneNumber;
  }
}
