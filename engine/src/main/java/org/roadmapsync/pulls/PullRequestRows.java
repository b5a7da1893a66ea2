package org.roadmapsync.pulls;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.roadmapsync.persistence.Database;

/**
 * The reads of {@code pull_requests} and {@code pull_approvals}: listing never wakes a lifecycle.
 */
public final class PullRequestRows {

  /**
   * One row of {@code GET /api/pulls}: {@code state} draft, open, merged, closed (null while being
   * opened).
   */
  /**
   * One row of {@code GET /api/pulls}; {@code attempts}: its steps failed in a row (0: none),
   * {@code nextRetryAt}: when the failed step is tried again on its own (null: nothing planned).
   */
  public record PullRow(
      String issueId,
      String repo,
      Long number,
      String url,
      String title,
      String state,
      ApprovalView approval,
      String lastError,
      int attempts,
      Instant nextRetryAt,
      List<PullRequestState.Activity> history) {}

  public record ApprovalView(String id, String state, Instant requestedAt) {}

  /** One entry of {@code GET /api/approvals}: a pending approval and the pull request it merges. */
  public record PendingApproval(
      String id,
      String issueId,
      String repo,
      long number,
      String url,
      String title,
      Instant requestedAt) {}

  private final Database database;
  private final ObjectMapper json;
  private final Executor blocking;

  public PullRequestRows(Database database, ObjectMapper json, Executor blocking) {
    this.database = database;
    this.json = json;
    this.blocking = blocking;
  }

  public CompletionStage<List<PullRow>> list() {
    return states("SELECT state FROM pull_requests ORDER BY issue_id", List.of())
        .thenApply(
            states ->
                states.stream()
                    .filter(PullRequestState::visible)
                    .map(PullRequestRows::row)
                    .toList());
  }

  public CompletionStage<List<PendingApproval>> pendingApprovals() {
    return states(
            "SELECT state FROM pull_requests WHERE approval_state = ? ORDER BY issue_id",
            List.of("pending"))
        .thenApply(
            states ->
                states.stream()
                    .filter(s -> s.pull() != null)
                    .map(
                        s ->
                            new PendingApproval(
                                s.approval().id(),
                                s.issueId(),
                                s.issue().repo(),
                                s.pull().number(),
                                s.pull().url(),
                                s.pull().title(),
                                s.approval().requestedAt()))
                    .toList());
  }

  /**
   * Issues whose pull request is not final yet (being opened, draft or open): their lifecycles may
   * have work to resume.
   */
  public CompletionStage<List<String>> unfinished() {
    return database.query(
        blocking,
        "SELECT issue_id FROM pull_requests WHERE pull_state IS NULL OR pull_state IN ('draft', 'open') ORDER BY issue_id",
        List.of(),
        rs -> rs.getString(1));
  }

  /**
   * Pull request number → roadmap issue, for the pull requests of {@code repo} that can still
   * change: draft, open, or closed unmerged (it may be reopened); a merge is final.
   */
  public CompletionStage<Map<Long, String>> unfinishedIn(String repo) {
    return database
        .query(
            blocking,
            "SELECT pull_number, issue_id FROM pull_requests WHERE repo = ? AND pull_state IN ('draft', 'open', 'closed')",
            List.of(repo),
            rs -> Map.entry(rs.getLong(1), rs.getString(2)))
        .thenApply(
            rows -> {
              Map<Long, String> unfinished = new HashMap<>();
              rows.forEach(row -> unfinished.put(row.getKey(), row.getValue()));
              return unfinished;
            });
  }

  /** The roadmap issue an approval id (pending, decided or superseded) belongs to. */
  public CompletionStage<Optional<String>> approvalOwner(String approvalId) {
    return first("SELECT issue_id FROM pull_approvals WHERE approval_id = ?", List.of(approvalId));
  }

  /** The roadmap issue whose pull request this is. */
  public CompletionStage<Optional<String>> pullOwner(String repo, long number) {
    return first(
        "SELECT issue_id FROM pull_requests WHERE repo = ? AND pull_number = ?",
        List.of(repo, number));
  }

  private static PullRow row(PullRequestState s) {
    var pull = s.pull();
    var approval =
        s.approval() == null
            ? null
            : new ApprovalView(
                s.approval().id(), s.approval().apiState(), s.approval().requestedAt());
    return new PullRow(
        s.issueId(),
        s.issue() == null ? null : s.issue().repo(),
        pull == null ? null : pull.number(),
        pull == null ? null : pull.url(),
        pull == null ? null : pull.title(),
        pull == null ? null : pull.apiState(),
        approval,
        s.lastError(),
        s.requeued() == null ? 0 : s.requeued().attempts(),
        s.requeued() == null ? null : s.requeued().at(),
        s.history());
  }

  private CompletionStage<List<PullRequestState>> states(String sql, List<?> parameters) {
    return database.query(blocking, sql, parameters, rs -> read(rs.getString(1)));
  }

  private CompletionStage<Optional<String>> first(String sql, List<?> parameters) {
    return database
        .query(blocking, sql, parameters, rs -> rs.getString(1))
        .thenApply(ids -> ids.stream().findFirst());
  }

  private PullRequestState read(String text) {
    try {
      return json.readValue(text, PullRequestState.class);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable pull_requests state: " + e.getMessage(), e);
    }
  }
}
