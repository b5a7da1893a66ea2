package org.roadmapsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.JdbcSession;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.roadmapsync.persistence.StateRows;

/**
 * Keeps {@code issue_sync_status} and {@code issue_sync_history} in step with the entities' events,
 * in the same transaction as the projection offset (exactly once). The row keeps the entity's state
 * as JSON and folds each event into it with the entity's own {@link IssueSyncState#apply}, so the
 * read side can never disagree with the entity on what an event means. Events come in groups, one
 * transaction each: an issue's row is read and written once per group however many of its events
 * the group holds (a sync round journals two or three at once), which keeps the read side in step
 * under load.
 */
public final class IssueSyncProjectionHandler
    extends JdbcHandler<List<EventEnvelope<IssueSyncEntity.Event>>, JdbcSession> {

  private final ObjectMapper json;

  public IssueSyncProjectionHandler(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void process(JdbcSession session, List<EventEnvelope<IssueSyncEntity.Event>> envelopes)
      throws Exception {
    Map<String, List<IssueSyncEntity.Event>> byIssue = new LinkedHashMap<>();
    Map<String, Long> lastSeq = new HashMap<>();
    for (EventEnvelope<IssueSyncEntity.Event> envelope : envelopes) {
      String issueId = PersistenceId.extractEntityId(envelope.persistenceId());
      byIssue.computeIfAbsent(issueId, id -> new ArrayList<>()).add(envelope.event());
      lastSeq.merge(issueId, envelope.sequenceNr(), Math::max);
    }
    session.withConnection(
        connection -> {
          for (Map.Entry<String, List<IssueSyncEntity.Event>> issue : byIssue.entrySet()) {
            String issueId = issue.getKey();
            // a seed's row is its entity's snapshot at 0 (IssueSeedRows): its events fold onto it
            IssueSyncState before = load(connection, issueId);
            save(connection, before.applyAll(issue.getValue()), lastSeq.get(issueId));
            for (IssueSyncEntity.Event event : issue.getValue()) {
              if (event instanceof IssueSyncEntity.Pushed pushed) {
                history(connection, issueId, pushed.entry());
              } else if (event instanceof IssueSyncEntity.Pulled pulled) {
                history(connection, issueId, pulled.entry());
              } else if (event instanceof IssueSyncEntity.PullRequestActivity activity) {
                history(connection, issueId, activity.entry());
              } else if (event instanceof IssueSyncEntity.DependenciesRecorded recorded) {
                history(connection, issueId, recorded.entry());
              }
            }
          }
          return null;
        });
  }

  private IssueSyncState load(Connection connection, String issueId) throws Exception {
    Optional<String> text =
        StateRows.read(
            connection, "SELECT state FROM issue_sync_status WHERE issue_id = ?", issueId);
    return text.isPresent()
        ? json.readValue(text.get(), IssueSyncState.class)
        : IssueSyncState.empty(issueId);
  }

  private static final String UPDATE =
      "UPDATE issue_sync_status SET title = ?, repo = ?, github_number = ?, sync_status = ?, last_sync_timestamp = ?,"
          + " last_sync_error = ?, pending_github_changes = ?, conflict = ?, state = ?, updated_at = ?, event_seq = ?"
          + " WHERE issue_id = ?";

  /** An issue's row, its parameters bound by {@link #bindRow}. */
  static final String INSERT =
      "INSERT INTO issue_sync_status (title, repo, github_number, sync_status, last_sync_timestamp, last_sync_error,"
          + " pending_github_changes, conflict, state, updated_at, event_seq, issue_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private void save(Connection connection, IssueSyncState state, long eventSeq) throws Exception {
    StateRows.write(
        connection, UPDATE, INSERT, statement -> bindRow(json, statement, state, eventSeq));
  }

  /**
   * {@code state}'s row with {@code eventSeq}, the parameters of {@link #INSERT} and the update.
   */
  static void bindRow(
      ObjectMapper json, PreparedStatement statement, IssueSyncState state, long eventSeq)
      throws Exception {
    statement.setString(1, state.title());
    statement.setString(2, state.link() == null ? null : state.link().repo());
    if (state.link() == null) {
      statement.setNull(3, Types.BIGINT);
    } else {
      statement.setLong(3, state.link().number());
    }
    statement.setString(4, state.status().apiName());
    statement.setTimestamp(5, timestamp(state.lastSyncAt()));
    statement.setString(6, state.localProblem() != null ? state.localProblem() : state.syncError());
    statement.setString(7, json.writeValueAsString(state.pendingChanges()));
    statement.setString(8, json.writeValueAsString(state.conflict()));
    statement.setString(9, json.writeValueAsString(state));
    statement.setTimestamp(10, Timestamp.from(Instant.now()));
    statement.setLong(11, eventSeq);
    statement.setString(12, state.id());
  }

  private void history(Connection connection, String issueId, HistoryEntry entry) throws Exception {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO issue_sync_history (issue_id, at, direction, sync_trigger, changes, note) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, issueId);
      insert.setTimestamp(2, timestamp(entry.at()));
      insert.setString(3, entry.direction().apiName());
      insert.setString(4, entry.trigger().apiName());
      insert.setString(5, json.writeValueAsString(entry.changes()));
      insert.setString(6, entry.note());
      insert.executeUpdate();
    }
  }

  private static Timestamp timestamp(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }
}
