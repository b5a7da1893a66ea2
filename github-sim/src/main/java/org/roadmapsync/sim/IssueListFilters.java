package org.roadmapsync.sim;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The filters of {@code GET /repos/{o}/{r}/issues}, with GitHub's defaults: state open, sort
 * created, direction desc, 30 per page (at most 100).
 */
record IssueListFilters(
    String state,
    String sort,
    String direction,
    Optional<Instant> since,
    List<String> labels,
    Optional<String> assignee,
    Optional<String> milestone,
    Optional<String> creator,
    int perPage,
    int page) {

  static IssueListFilters from(Map<String, String> params) {
    String state = oneOf(params, "state", "open", "open", "closed", "all");
    String sort = oneOf(params, "sort", "created", "created", "updated", "comments");
    String direction = oneOf(params, "direction", "desc", "asc", "desc");
    Optional<Instant> since =
        Optional.ofNullable(params.get("since")).map(IssueListFilters::instant);
    List<String> labels =
        Optional.ofNullable(params.get("labels"))
            .filter(s -> !s.isBlank())
            .map(
                s ->
                    Arrays.stream(s.split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .toList())
            .orElse(List.of());
    return new IssueListFilters(
        state,
        sort,
        direction,
        since,
        labels,
        Optional.ofNullable(params.get("assignee")),
        Optional.ofNullable(params.get("milestone")),
        Optional.ofNullable(params.get("creator")),
        Paging.perPage(params),
        Paging.page(params));
  }

  private static String oneOf(
      Map<String, String> params, String name, String dflt, String... allowed) {
    String v = params.getOrDefault(name, dflt);
    if (!Arrays.asList(allowed).contains(v))
      throw GitHubErrorResponse.invalid("Issue", name, "invalid");
    return v;
  }

  private static Instant instant(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw GitHubErrorResponse.invalid("Issue", "since", "invalid");
    }
  }

  Predicate<SimIssue> filter(SimRepo repo) {
    return issue ->
        issue.visible()
            && ("all".equals(state) || state.equals(issue.state))
            && since.map(s -> !issue.updatedAt.isBefore(s)).orElse(true)
            && labels.stream()
                .allMatch(l -> issue.labels.stream().anyMatch(have -> have.equalsIgnoreCase(l)))
            && assignee.map(a -> matchesAssignee(issue, a)).orElse(true)
            && milestone.map(m -> matchesMilestone(repo, issue, m)).orElse(true)
            && creator.map(c -> c.equalsIgnoreCase(issue.author)).orElse(true);
  }

  private static boolean matchesAssignee(SimIssue issue, String a) {
    if ("none".equals(a)) return issue.assignees.isEmpty();
    if ("*".equals(a)) return !issue.assignees.isEmpty();
    return issue.assignees.stream().anyMatch(x -> x.equalsIgnoreCase(a));
  }

  private static boolean matchesMilestone(SimRepo repo, SimIssue issue, String m) {
    if ("none".equals(m)) return issue.milestone == null;
    if ("*".equals(m)) return issue.milestone != null;
    try {
      return issue.milestone != null && issue.milestone == Integer.parseInt(m);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Ties are broken by number so that pages never overlap or skip. */
  Comparator<SimIssue> order() {
    Comparator<SimIssue> c =
        switch (sort) {
          case "updated" -> Comparator.comparing((SimIssue i) -> i.updatedAt);
          case "comments" -> Comparator.comparingInt((SimIssue i) -> i.comments);
          default -> Comparator.comparing((SimIssue i) -> i.createdAt);
        };
    c = c.thenComparingInt(i -> i.number);
    return "asc".equals(direction.toLowerCase(Locale.ROOT)) ? c : c.reversed();
  }
}
