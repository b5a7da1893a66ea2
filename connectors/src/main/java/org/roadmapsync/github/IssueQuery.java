package org.roadmapsync.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Query of the issues list. {@link #incremental(Instant)} is what a poller wants: every state,
 * oldest update first, 100 per page, only what changed since {@code since} (null: everything). Null
 * fields (and no labels) are not sent.
 *
 * @param labels issues carrying every one of these labels (GitHub's {@code labels=a,b})
 * @param milestone a milestone number, {@code *} (any) or {@code none}
 */
public record IssueQuery(
    String state,
    String sort,
    String direction,
    Instant since,
    Integer perPage,
    List<String> labels,
    String milestone) {

  /** The page size of {@link #incremental}: GitHub's largest. */
  public static final int PER_PAGE = 100;

  public IssueQuery {
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  public IssueQuery(String state, String sort, String direction, Instant since, Integer perPage) {
    this(state, sort, direction, since, perPage, List.of(), null);
  }

  /** The same query, only issues with every one of {@code names} and in {@code milestoneFilter}. */
  public IssueQuery filtered(List<String> names, String milestoneFilter) {
    return new IssueQuery(state, sort, direction, since, perPage, names, milestoneFilter);
  }

  public static IssueQuery incremental(Instant since) {
    return new IssueQuery("all", "updated", "asc", since, PER_PAGE);
  }

  String toQueryString() {
    List<String> params = new ArrayList<>();
    add(params, "state", state);
    add(params, "sort", sort);
    add(params, "direction", direction);
    add(params, "since", since == null ? null : since.truncatedTo(ChronoUnit.SECONDS).toString());
    add(params, "per_page", perPage == null ? null : perPage.toString());
    add(params, "labels", labels.isEmpty() ? null : String.join(",", labels));
    add(params, "milestone", milestone);
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  private static void add(List<String> params, String name, String value) {
    if (value != null) {
      params.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
