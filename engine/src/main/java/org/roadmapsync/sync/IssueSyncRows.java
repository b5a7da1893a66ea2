package org.roadmapsync.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.roadmapsync.persistence.Database;

/** The list endpoints' reads of the projection's tables: listing never wakes an entity. */
public final class IssueSyncRows {

  /** One row of {@code GET /api/issues}. */
  public record IssueRow(
      String id,
      String title,
      String repo,
      Long githubIssue,
      String syncStatus,
      Instant lastSyncAt,
      String lastSyncError,
      Map<String, String> pendingChanges) {}

  /** One entry of {@code GET /api/conflicts}: its conflicting fields, and comments. */
  public record ConflictRow(
      String id,
      String title,
      String repo,
      Long githubIssue,
      List<FieldConflict> fields,
      List<CommentThread.Conflict> comments) {}

  private static final String COLUMNS =
      "issue_id, title, repo, github_number, sync_status, last_sync_timestamp, last_sync_error, pending_github_changes, conflict";

  private final Database database;
  private final ObjectMapper json;
  private final Executor blocking;

  public IssueSyncRows(Database database, ObjectMapper json, Executor blocking) {
    this.database = database;
    this.json = json;
    this.blocking = blocking;
  }

  public CompletionStage<List<IssueRow>> list(Optional<SyncStatus> status) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM issue_sync_status"
            + (status.isPresent() ? " WHERE sync_status = ?" : "")
            + " ORDER BY issue_id";
    return query(
        sql,
        status.map(SyncStatus::apiName),
        rs ->
            new IssueRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                number(rs),
                rs.getString(5),
                instant(rs.getTimestamp(6)),
                rs.getString(7),
                read(rs.getString(8), new TypeReference<Map<String, String>>() {})));
  }

  public CompletionStage<List<ConflictRow>> conflicts() {
    return query(
        "SELECT "
            + COLUMNS
            + ", state FROM issue_sync_status WHERE sync_status = ? ORDER BY issue_id",
        Optional.of(SyncStatus.CONFLICT.apiName()),
        rs ->
            new ConflictRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                number(rs),
                read(rs.getString(9), new TypeReference<List<FieldConflict>>() {}),
                read(rs.getString(10), new TypeReference<IssueSyncState>() {})
                    .comments()
                    .conflicts()));
  }

  /**
   * Every issue's whole state as the projection last wrote it (in {@code status} only, when given),
   * by id: what the plan and bulk publish decide on without waking an entity. It may lag the
   * entities by the projection's delay.
   */
  public CompletionStage<List<IssueSyncState>> states(Optional<SyncStatus> status) {
    return query(
        "SELECT state FROM issue_sync_status"
            + (status.isPresent() ? " WHERE sync_status = ?" : "")
            + " ORDER BY issue_id",
        status.map(SyncStatus::apiName),
        rs -> read(rs.getString(1), new TypeReference<IssueSyncState>() {}));
  }

  /**
   * The states of the rows that folded every event their entity journaled (the row is the state the
   * entity would recover to; a seed's entity has none, {@link IssueSeedRows}), among the issues at
   * rest in the table (synced, or a file without a link), by id. A row the projection has not
   * caught up with is not among them.
   */
  public CompletionStage<Map<String, IssueSyncState>> statesInStepWithTheJournal() {
    return database
        .query(
            blocking,
            "SELECT s.state FROM issue_sync_status s LEFT JOIN (SELECT persistence_id, MAX(sequence_number)"
                + " AS seq FROM event_journal GROUP BY persistence_id) j ON j.persistence_id = CONCAT('"
                + IssueSyncEntity.ENTITY_KEY.name()
                + "|', s.issue_id) WHERE COALESCE(j.seq, 0) = s.event_seq AND s.sync_status IN (?, ?)",
            List.of(SyncStatus.SYNCED.apiName(), SyncStatus.UNLINKED.apiName()),
            rs -> read(rs.getString(1), new TypeReference<IssueSyncState>() {}))
        .thenApply(
            states ->
                states.stream().collect(Collectors.toMap(IssueSyncState::id, state -> state)));
  }

  /**
   * How many issues stand in each sync status ({@code synced} → 3, ...); statuses without issues
   * are absent.
   */
  public CompletionStage<Map<String, Long>> countByStatus() {
    return query(
            "SELECT sync_status, COUNT(*) FROM issue_sync_status GROUP BY sync_status",
            Optional.empty(),
            rs -> Map.entry(rs.getString(1), rs.getLong(2)))
        .thenApply(
            entries ->
                entries.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  private <T> CompletionStage<List<T>> query(
      String sql, Optional<String> parameter, Database.RowMapper<T> mapper) {
    return database.query(blocking, sql, parameter.map(List::of).orElse(List.of()), mapper);
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable read-table JSON: " + e.getMessage(), e);
    }
  }

  private static Long number(ResultSet rs) throws SQLException {
    long n = rs.getLong(4);
    return rs.wasNull() ? null : n;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
