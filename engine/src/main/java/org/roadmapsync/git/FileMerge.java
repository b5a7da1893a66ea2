package org.roadmapsync.git;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;

/**
 * Pure: one roadmap file both the service and a teammate changed since their common commit, merged
 * field by field (not line by line, as git would): a field only the service changed takes the
 * service's value, every other field keeps the teammate's text, and a field both changed keeps the
 * teammate's (a later human edit; the entity then merges it with GitHub like any local edit);
 * labels merge as sets (each side's additions and removals). The result is the teammate's file with
 * the service's fields edited in, bytes untouched elsewhere. Empty when a version does not parse
 * (the teammate's file is then taken as it is, and a malformed one is reported by the entity).
 */
final class FileMerge {

  private FileMerge() {}

  static Optional<byte[]> merge(
      Path relative, byte[] base, byte[] service, byte[] teammate, Instant now) {
    Optional<RoadmapIssue> b = RoadmapStore.parse(relative, base);
    Optional<RoadmapIssue> s = RoadmapStore.parse(relative, service);
    Optional<RoadmapIssue> t = RoadmapStore.parse(relative, teammate);
    if (b.isEmpty() || s.isEmpty() || t.isEmpty()) {
      return Optional.empty();
    }
    var edit = IssueEdit.builder();
    boolean any = false;
    any |= take(b.get(), s.get(), t.get(), RoadmapIssue::title, () -> edit.title(s.get().title()));
    any |= take(b.get(), s.get(), t.get(), RoadmapIssue::body, () -> edit.body(s.get().body()));
    List<String> labels = mergedLabels(b.get().labels(), s.get().labels(), t.get().labels());
    if (!labels.equals(t.get().labels())) {
      edit.labels(labels);
      any = true;
    }
    any |=
        take(
            b.get(),
            s.get(),
            t.get(),
            RoadmapIssue::assignee,
            () -> edit.assignee(s.get().assignee().orElse(null)));
    any |=
        take(b.get(), s.get(), t.get(), RoadmapIssue::status, () -> edit.status(s.get().status()));
    any |=
        take(
            b.get(),
            s.get(),
            t.get(),
            RoadmapIssue::priority,
            () -> edit.priority(s.get().priority().orElse(null)));
    any |=
        take(
            b.get(),
            s.get(),
            t.get(),
            RoadmapIssue::issueType,
            () -> edit.issueType(s.get().issueType().orElse(null)));
    any |=
        take(
            b.get(),
            s.get(),
            t.get(),
            RoadmapIssue::githubIssue,
            () ->
                edit.githubIssue(
                    s.get().githubIssue().isPresent() ? s.get().githubIssue().getAsInt() : null));
    any |=
        take(
            b.get(),
            s.get(),
            t.get(),
            RoadmapIssue::comments,
            () -> edit.comments(s.get().comments()));
    if (!any) {
      return Optional.of(teammate);
    }
    s.get().updated().ifPresent(edit::updatedAt);
    return RoadmapStore.editedText(relative, teammate, edit.build(), now);
  }

  /**
   * Labels merge as sets, as the entity merges them: the teammate's list, plus what the service
   * added, less what it removed.
   */
  static List<String> mergedLabels(List<String> base, List<String> service, List<String> teammate) {
    List<String> merged = new ArrayList<>(teammate);
    for (String label : service) {
      if (!base.contains(label) && !merged.contains(label)) {
        merged.add(label);
      }
    }
    merged.removeIf(label -> base.contains(label) && !service.contains(label));
    return merged;
  }

  /** True (and the service's value set) when only the service changed the field. */
  private static <V> boolean take(
      RoadmapIssue base,
      RoadmapIssue service,
      RoadmapIssue teammate,
      Function<RoadmapIssue, V> field,
      Runnable setService) {
    boolean serviceChanged = !Objects.equals(field.apply(base), field.apply(service));
    boolean teammateChanged = !Objects.equals(field.apply(base), field.apply(teammate));
    if (serviceChanged && !teammateChanged) {
      setService.run();
      return true;
    }
    return false;
  }
}
