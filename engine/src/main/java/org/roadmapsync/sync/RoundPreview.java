package org.roadmapsync.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.roadmapsync.config.ConflictStrategy;

/**
 * What a sync round would do to one issue now, without doing it: the same decision the round takes
 * ({@link RoundPlan}) on the issue's state with the file and GitHub's issue as just read. Pure; the
 * plan ({@code GET /api/plan}) shows it.
 */
public final class RoundPreview {

  /** What the round would do. */
  public enum Action {
    /** Both sides hold the same: nothing to write. */
    IN_SYNC,
    /** Write GitHub's issue. */
    PUSH,
    /** Write the roadmap file. */
    PULL,
    /** Write both. */
    PUSH_AND_PULL,
    /** Fields changed on both sides wait for {@code POST /api/issues/{id}/resolve}. */
    CONFLICT,
    /** Write the GitHub number into the file (or take it out). */
    LINK_FILE,
    /** No GitHub issue: a publish candidate. */
    PUBLISH,
    /** Its GitHub issue is being created. */
    PUBLISHING,
    /** Nothing can be decided: the file or GitHub's issue cannot be read. */
    ERROR;

    public String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * A field changed on both sides: the values, and the side whose value the strategy takes ({@code
   * roadmap}, {@code github}; {@code manual}: none, it waits).
   */
  public record Conflict(String field, Object base, Object roadmap, Object github, String pick) {}

  /**
   * @param toGitHub the fields the round writes to GitHub, from → to
   * @param toRoadmap the fields it writes to the file, from → to
   * @param conflicts fields changed on both sides, and what the strategy picks
   * @param reason why nothing can be decided, or what the action is about
   */
  public record Preview(
      Action action,
      Map<String, FieldChange> toGitHub,
      Map<String, FieldChange> toRoadmap,
      List<Conflict> conflicts,
      String reason) {

    static Preview of(Action action, String reason) {
      return new Preview(action, Map.of(), Map.of(), List.of(), reason);
    }
  }

  private RoundPreview() {}

  /**
   * @param state the issue's state as the read side has it
   * @param local the file as just read
   * @param remote GitHub's issue as just read (null when the issue is not linked)
   */
  public static Preview of(
      IssueSyncState state, LocalSnapshot local, RemoteSnapshot remote, ConflictStrategy strategy) {
    IssueSyncState now = state.apply(new IssueSyncEntity.LocalObserved(local));
    if (now.link() == null) {
      return now.publishRequestedAt() != null
          ? Preview.of(Action.PUBLISHING, "its GitHub issue is being created")
          : local.githubIssue() != null
              ? Preview.of(
                  Action.LINK_FILE, "the file's link to #" + local.githubIssue() + " is taken out")
              : Preview.of(Action.PUBLISH, "no GitHub issue: publish or link it");
    }
    if (remote == null) {
      return Preview.of(Action.ERROR, "GitHub's issue " + now.link() + " was not read");
    }
    if (!remote.equals(now.remote())) {
      now = now.apply(new IssueSyncEntity.RemoteObserved(remote));
    }
    if (now.phase() == IssueSyncState.Phase.RELINKING) {
      return Preview.of(Action.LINK_FILE, "the file is to name " + now.link());
    }
    MergeOutcome outcome = now.merge(strategy);
    RoundPlan.Step step = RoundPlan.next(now, outcome, true);
    List<Conflict> conflicts = new ArrayList<>();
    outcome.unresolved().forEach(c -> conflicts.add(conflict(c, "manual")));
    outcome
        .settled()
        .forEach(
            c ->
                conflicts.add(
                    conflict(
                        c,
                        Objects.equals(c.roadmap(), outcome.merged().value(c.field()))
                            ? "roadmap"
                            : "github")));
    if (step instanceof RoundPlan.Conflict) {
      return new Preview(
          Action.CONFLICT, Map.of(), Map.of(), conflicts, "waits for a decision (manual strategy)");
    }
    if (step instanceof RoundPlan.Push push) {
      Map<String, FieldChange> toGitHub =
          changes(push.push(), now.remote().fields(), push.merged());
      Map<String, FieldChange> toRoadmap =
          changes(push.pull(), now.local().fields(), push.merged());
      return new Preview(
          toRoadmap.isEmpty() ? Action.PUSH : Action.PUSH_AND_PULL,
          toGitHub,
          toRoadmap,
          conflicts,
          null);
    }
    if (step instanceof RoundPlan.Pull pull) {
      return new Preview(
          Action.PULL,
          Map.of(),
          changes(pull.pull(), now.local().fields(), pull.merged()),
          conflicts,
          null);
    }
    return new Preview(Action.IN_SYNC, Map.of(), Map.of(), List.of(), null);
  }

  private static Conflict conflict(FieldConflict c, String pick) {
    return new Conflict(c.field().apiName(), c.base(), c.roadmap(), c.github(), pick);
  }

  private static Map<String, FieldChange> changes(
      java.util.Set<SyncField> fields, IssueFields from, IssueFields to) {
    Map<String, FieldChange> changes = new LinkedHashMap<>();
    for (SyncField field : SyncField.values()) {
      if (fields.contains(field)) {
        changes.put(field.apiName(), new FieldChange(from.value(field), to.value(field)));
      }
    }
    return changes;
  }
}
