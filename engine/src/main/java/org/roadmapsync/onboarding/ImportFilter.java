package org.roadmapsync.onboarding;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.IssueQuery;
import org.roadmapsync.github.IssueState;

/**
 * Which GitHub issues an import takes ({@code POST /api/import}, {@code roadmap-sync import}).
 *
 * @param repo {@code owner/name}; empty: the default repository
 * @param state {@code open}, {@code closed} or {@code all}
 * @param labels issues carrying every one of these labels (ignoring case, as GitHub does)
 * @param milestone the title of the milestone the issues are in
 * @param since issues updated at or after this time
 * @param dryRun answer what the import would create, and create nothing
 */
public record ImportFilter(
    Optional<String> repo,
    String state,
    List<String> labels,
    Optional<String> milestone,
    Optional<Instant> since,
    boolean dryRun) {

  public static final List<String> STATES = List.of("open", "closed", "all");

  public ImportFilter {
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException("state must be one of " + STATES + ", got " + state);
    }
    labels = List.copyOf(labels);
  }

  /** Every open issue of the default repository. */
  public static ImportFilter openIssues() {
    return new ImportFilter(
        Optional.empty(), "open", List.of(), Optional.empty(), Optional.empty(), false);
  }

  /**
   * GitHub's list query, oldest first, 100 a page ({@code milestoneNumber} null: any milestone).
   */
  IssueQuery query(Long milestoneNumber) {
    return new IssueQuery(state, "created", "asc", since.orElse(null), IssueQuery.PER_PAGE)
        .filtered(labels, milestoneNumber == null ? null : milestoneNumber.toString());
  }

  /**
   * The filter again on an issue GitHub listed: its labels (a name with a comma cannot go into the
   * query) and its state.
   */
  boolean takes(Issue issue) {
    List<String> names = issue.labelNames();
    boolean labelled =
        labels.stream().allMatch(wanted -> names.stream().anyMatch(wanted::equalsIgnoreCase));
    boolean inState =
        state.equals("all")
            || (issue.state() == IssueState.CLOSED ? "closed" : "open")
                .equals(state.toLowerCase(Locale.ROOT));
    return labelled && inState;
  }
}
