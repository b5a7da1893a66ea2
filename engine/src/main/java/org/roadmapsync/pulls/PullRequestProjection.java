package org.roadmapsync.pulls;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.jdbc.JdbcSession;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.persistence.StateRows;
import org.roadmapsync.sync.TagSliceProjections;

/**
 * Keeps {@code pull_requests} and {@code pull_approvals} in step with the lifecycles' events,
 * exactly once. The row keeps the lifecycle's state as JSON, folded with the lifecycle's own {@link
 * PullRequestState#apply}.
 */
public final class PullRequestProjection
    extends JdbcHandler<EventEnvelope<PullRequestLifecycle.Event>, JdbcSession> {

  private final ObjectMapper json;

  public PullRequestProjection(ObjectMapper json) {
    this.json = json;
  }

  public static void init(ActorSystem<?> system, Database database, ObjectMapper json) {
    TagSliceProjections.start(
        system,
        "pull-request-projection",
        "pull-request-",
        PullRequestLifecycle.TAG_SLICES,
        tag ->
            JdbcProjection.exactlyOnce(
                ProjectionId.of("pull-requests", tag),
                EventSourcedProvider.<PullRequestLifecycle.Event>eventsByTag(
                    system, JdbcReadJournal.Identifier(), tag),
                database::newSession,
                () -> new PullRequestProjection(json),
                system));
  }

  @Override
  public void process(JdbcSession session, EventEnvelope<PullRequestLifecycle.Event> envelope)
      throws Exception {
    String issueId = PersistenceId.extractEntityId(envelope.persistenceId());
    PullRequestLifecycle.Event event = envelope.event();
    session.withConnection(
        connection -> {
          PullRequestState state = load(connection, issueId).apply(event);
          save(connection, state);
          if (event instanceof PullRequestLifecycle.ApprovalRequested requested) {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO pull_approvals (approval_id, issue_id) VALUES (?, ?)")) {
              insert.setString(1, requested.approvalId());
              insert.setString(2, issueId);
              insert.executeUpdate();
            }
          }
          return null;
        });
  }

  private PullRequestState load(Connection connection, String issueId) throws Exception {
    Optional<String> text =
        StateRows.read(connection, "SELECT state FROM pull_requests WHERE issue_id = ?", issueId);
    return text.isPresent()
        ? json.readValue(text.get(), PullRequestState.class)
        : PullRequestState.empty(issueId);
  }

  private void save(Connection connection, PullRequestState state) throws Exception {
    String update =
        "UPDATE pull_requests SET repo = ?, pull_number = ?, pull_state = ?, approval_id = ?, approval_state = ?,"
            + " last_error = ?, state = ?, updated_at = ? WHERE issue_id = ?";
    String insert =
        "INSERT INTO pull_requests (repo, pull_number, pull_state, approval_id, approval_state, last_error, state,"
            + " updated_at, issue_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    StateRows.write(connection, update, insert, statement -> bind(statement, state));
  }

  private void bind(PreparedStatement statement, PullRequestState state) throws Exception {
    statement.setString(1, state.issue() == null ? null : state.issue().repo());
    if (state.pull() == null) {
      statement.setNull(2, Types.BIGINT);
    } else {
      statement.setLong(2, state.pull().number());
    }
    statement.setString(3, state.pull() == null ? null : state.pull().apiState());
    statement.setString(4, state.approval() == null ? null : state.approval().id());
    statement.setString(5, state.approval() == null ? null : state.approval().apiState());
    statement.setString(6, state.lastError());
    statement.setString(7, json.writeValueAsString(state));
    statement.setTimestamp(8, Timestamp.from(Instant.now()));
    statement.setString(9, state.issueId());
  }
}
