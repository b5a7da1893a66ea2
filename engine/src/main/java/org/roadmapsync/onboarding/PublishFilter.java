package org.roadmapsync.onboarding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueSyncState;

/**
 * Which roadmap issues a bulk publish takes ({@code POST /api/publish}): every unlinked one, or
 * those of a milestone, with a label, or named by id (all given filters apply).
 *
 * @param ids only these roadmap issues (empty: any)
 * @param milestone only issues of this milestone
 * @param label only issues with this label (ignoring case)
 * @param dryRun answer what would be published, publish nothing
 */
public record PublishFilter(
    List<String> ids, Optional<String> milestone, Optional<String> label, boolean dryRun) {

  public PublishFilter {
    ids = List.copyOf(new LinkedHashSet<>(ids));
  }

  /** An issue to publish, and the repository it goes to. */
  public record Candidate(String id, String title, String milestone, String repo) {}

  /** An issue named by id that has its GitHub issue already. */
  public record Linked(String id, String repo, long githubIssue) {}

  public record Skipped(String id, String reason) {}

  /** The answer of {@code POST /api/publish}. */
  public record Selection(
      boolean dryRun,
      List<Candidate> publish,
      List<Linked> alreadyLinked,
      List<Skipped> skipped,
      List<String> unknown) {}

  /**
   * Decides on the issues' states as the read side has them; {@code repoFor} routes an issue to its
   * repository (an issue without one is skipped with the reason).
   */
  public Selection select(
      List<IssueSyncState> states, Function<IssueFields, Optional<String>> repoFor) {
    Map<String, IssueSyncState> byId =
        states.stream().collect(Collectors.toMap(IssueSyncState::id, s -> s, (a, b) -> b));
    List<IssueSyncState> chosen = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    if (ids.isEmpty()) {
      chosen.addAll(states);
    } else {
      for (String id : ids) {
        IssueSyncState state = byId.get(id);
        if (state == null) {
          unknown.add(id);
        } else {
          chosen.add(state);
        }
      }
    }
    List<Candidate> publish = new ArrayList<>();
    List<Linked> linked = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (IssueSyncState state : chosen) {
      if (state.local() == null || !matches(state.local().fields())) {
        if (state.local() == null && !ids.isEmpty()) {
          skipped.add(
              new Skipped(state.id(), "its roadmap file cannot be used: " + state.localProblem()));
        }
        continue;
      }
      IssueFields fields = state.local().fields();
      if (state.link() != null) {
        if (!ids.isEmpty()) {
          linked.add(new Linked(state.id(), state.link().repo(), state.link().number()));
        }
      } else if (state.localProblem() != null) {
        skipped.add(
            new Skipped(state.id(), "its roadmap file cannot be used: " + state.localProblem()));
      } else {
        Optional<String> repo = repoFor.apply(fields);
        if (repo.isEmpty()) {
          skipped.add(
              new Skipped(state.id(), "no GitHub repository is configured (ROADMAP_GITHUB_REPO)"));
        } else {
          publish.add(new Candidate(state.id(), fields.title(), fields.milestone(), repo.get()));
        }
      }
    }
    return new Selection(dryRun, publish, linked, skipped, unknown);
  }

  private boolean matches(IssueFields fields) {
    boolean inMilestone = milestone.map(m -> m.equals(fields.milestone())).orElse(true);
    boolean labelled =
        label.map(l -> fields.labels().stream().anyMatch(l::equalsIgnoreCase)).orElse(true);
    return inMilestone && labelled;
  }

  /** The ids of the issues the selection publishes. */
  static Set<String> ids(Selection selection) {
    return selection.publish().stream()
        .map(Candidate::id)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
