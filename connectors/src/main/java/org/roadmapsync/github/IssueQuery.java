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
 * fields are not sent.
 */
public record IssueQuery(
    String state, String sort, String direction, Instant since, Integer perPage) {

  /** The page size of {@link #incremental}: GitHub's largest. */
  public static final int PER_PAGE = 100;

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
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  private static void add(List<String> params, String name, String value) {
    if (value != null) {
      params.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
