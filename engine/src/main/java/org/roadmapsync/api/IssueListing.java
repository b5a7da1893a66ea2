package org.roadmapsync.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.roadmapsync.sync.CommentThread;
import org.roadmapsync.sync.FieldConflict;
import org.roadmapsync.sync.IssueSyncRows;
import org.roadmapsync.sync.SyncStatus;

/**
 * The rows of {@code GET /api/issues} with where each issue can be seen ({@code url}, {@code
 * file}), and the optional search, sort and paging of the dashboard's issue table: {@code q},
 * {@code sort}, {@code order}, {@code offset}, {@code limit}. Without any of them the answer is the
 * array it always was; with one, a page: {@code {total, offset, limit, counts, issues}}. Sorting
 * and paging happen here, over the rows the read table gives (10,000 rows: a few milliseconds), so
 * the table's query stays as it is.
 */
final class IssueListing {

  /** The parameters that ask for a page instead of the whole array. */
  static final Set<String> PAGE_PARAMETERS = Set.of("q", "sort", "order", "offset", "limit");

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  /**
   * One row: the fields of {@code IssueSyncRows.IssueRow}, then {@code url} (the GitHub issue's web
   * page, null when unlinked) and {@code file} (relative to the roadmap folder; null when no file
   * is named after the id).
   */
  record IssueView(
      String id,
      String title,
      String repo,
      Long githubIssue,
      String syncStatus,
      Instant lastSyncAt,
      String lastSyncError,
      Map<String, String> pendingChanges,
      String url,
      String file) {

    static IssueView of(IssueSyncRows.IssueRow row, IssueLocations.Locator where) {
      return new IssueView(
          row.id(),
          row.title(),
          row.repo(),
          row.githubIssue(),
          row.syncStatus(),
          row.lastSyncAt(),
          row.lastSyncError(),
          row.pendingChanges(),
          where.url(row.repo(), row.githubIssue()),
          where.file(row.id()));
    }
  }

  /** One entry of {@code GET /api/conflicts}, with {@code url} and {@code file} as in the rows. */
  record ConflictView(
      String id,
      String title,
      String repo,
      Long githubIssue,
      List<FieldConflict> fields,
      List<CommentThread.Conflict> comments,
      String url,
      String file) {

    static ConflictView of(IssueSyncRows.ConflictRow row, IssueLocations.Locator where) {
      return new ConflictView(
          row.id(),
          row.title(),
          row.repo(),
          row.githubIssue(),
          row.fields(),
          row.comments(),
          where.url(row.repo(), row.githubIssue()),
          where.file(row.id()));
    }
  }

  /**
   * A page: {@code total} rows match (status and {@code q}), {@code issues} are those from {@code
   * offset}, at most {@code limit}; {@code counts}: every issue by sync status, whatever the filter
   * (each status present, 0 when none).
   */
  record Page(
      int total, int offset, int limit, Map<String, Integer> counts, List<IssueView> issues) {}

  /** What a page asks for. */
  record Query(
      Optional<SyncStatus> status,
      String search,
      Comparator<IssueSyncRows.IssueRow> order,
      int offset,
      int limit) {}

  /** A query, or why the parameters are refused (a 400's detail). */
  record Parsed(Query query, String error) {}

  /** Sortable columns; ties go by id. */
  static final List<String> SORTS =
      List.of("id", "title", "status", "repo", "githubIssue", "lastSyncAt");

  /** {@code status} sorts by what needs a person first: conflict, error, pending, ... */
  private static final List<String> SEVERITY =
      List.of("conflict", "error", "pending", "unlinked", "synced");

  private IssueListing() {}

  static boolean paged(Map<String, String> parameters) {
    return parameters.keySet().stream().anyMatch(PAGE_PARAMETERS::contains);
  }

  /** The page's query; {@code status} was checked already. */
  static Parsed parse(Map<String, String> p, Optional<SyncStatus> status) {
    String sort = p.getOrDefault("sort", "id");
    if (!SORTS.contains(sort)) {
      return refused("sort must be one of " + String.join(", ", SORTS) + "; got '" + sort + "'");
    }
    String order = p.getOrDefault("order", "asc");
    if (!order.equals("asc") && !order.equals("desc")) {
      return refused("order must be asc or desc; got '" + order + "'");
    }
    Integer offset = whole(p.get("offset"), 0);
    if (offset == null || offset < 0) {
      return refused("offset must be a whole number from 0; got '" + p.get("offset") + "'");
    }
    Integer limit = whole(p.get("limit"), DEFAULT_LIMIT);
    if (limit == null || limit < 0 || limit > MAX_LIMIT) {
      return refused(
          "limit must be a whole number from 0 to " + MAX_LIMIT + "; got '" + p.get("limit") + "'");
    }
    return new Parsed(
        new Query(
            status,
            p.getOrDefault("q", "").trim(),
            comparator(sort, order.equals("desc")).thenComparing(IssueSyncRows.IssueRow::id),
            offset,
            limit),
        null);
  }

  /** The column's order, reversed when {@code descending}; rows without a value last either way. */
  private static Comparator<IssueSyncRows.IssueRow> comparator(String sort, boolean descending) {
    return switch (sort) {
      case "title" ->
          by(r -> r.title() == null ? null : r.title().toLowerCase(Locale.ROOT), descending);
      case "status" -> by(r -> severity(r.syncStatus()), descending);
      case "repo" -> by(IssueSyncRows.IssueRow::repo, descending);
      case "githubIssue" -> by(IssueSyncRows.IssueRow::githubIssue, descending);
      case "lastSyncAt" -> by(IssueSyncRows.IssueRow::lastSyncAt, descending);
      default -> by(IssueSyncRows.IssueRow::id, descending);
    };
  }

  private static <T extends Comparable<? super T>> Comparator<IssueSyncRows.IssueRow> by(
      Function<IssueSyncRows.IssueRow, T> key, boolean descending) {
    Comparator<T> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
    return Comparator.comparing(key, Comparator.nullsLast(values));
  }

  /**
   * A page of no rows (limit 0, no search) needs only the counts: the dashboard's and scripts'
   * question "how many in each status", answered without reading a row or walking the files.
   */
  static boolean countsOnly(Query query) {
    return query.limit() == 0 && query.search().isEmpty();
  }

  /** The page of {@link #countsOnly} from the issues' count by status. */
  static Page counted(Map<String, Long> byStatus, Query query) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (SyncStatus s : SyncStatus.values()) {
      counts.put(s.apiName(), byStatus.getOrDefault(s.apiName(), 0L).intValue());
    }
    int total =
        query
            .status()
            .map(s -> counts.get(s.apiName()))
            .orElseGet(() -> counts.values().stream().mapToInt(Integer::intValue).sum());
    return new Page(total, query.offset(), 0, counts, List.of());
  }

  /** The page of {@code rows} (every issue) that {@code query} asks for. */
  static Page page(
      List<IssueSyncRows.IssueRow> rows,
      Query query,
      Function<IssueSyncRows.IssueRow, IssueView> view) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (SyncStatus s : SyncStatus.values()) {
      counts.put(s.apiName(), 0);
    }
    rows.forEach(r -> counts.merge(r.syncStatus(), 1, Integer::sum));
    String status = query.status().map(SyncStatus::apiName).orElse(null);
    List<IssueSyncRows.IssueRow> matching =
        rows.stream()
            .filter(r -> status == null || status.equals(r.syncStatus()))
            .filter(matcher(query.search()))
            .sorted(query.order())
            .toList();
    int from = Math.min(query.offset(), matching.size());
    int to = Math.min(matching.size(), from + query.limit());
    return new Page(
        matching.size(),
        query.offset(),
        query.limit(),
        counts,
        matching.subList(from, to).stream().map(view).toList());
  }

  /**
   * {@code q}: a part of the title or of the id (case ignored), or the GitHub number ({@code 12} or
   * {@code #12}).
   */
  static Predicate<IssueSyncRows.IssueRow> matcher(String q) {
    if (q.isEmpty()) {
      return r -> true;
    }
    String needle = q.toLowerCase(Locale.ROOT);
    Long number = number(q);
    return r ->
        (number != null && number.equals(r.githubIssue()))
            || (r.title() != null && r.title().toLowerCase(Locale.ROOT).contains(needle))
            || r.id().toLowerCase(Locale.ROOT).contains(needle);
  }

  private static Long number(String q) {
    String digits = q.startsWith("#") ? q.substring(1) : q;
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(digits);
  }

  private static int severity(String status) {
    int i = SEVERITY.indexOf(status);
    return i < 0 ? SEVERITY.size() : i;
  }

  private static Integer whole(String text, int fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Parsed refused(String why) {
    return new Parsed(null, why);
  }
}
