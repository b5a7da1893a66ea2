package org.roadmapsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.roadmapsync.persistence.Database;

/**
 * {@link IssueSeeds} in the database, in one transaction per planting: the issue's row in {@code
 * issue_sync_status} with {@code event_seq} 0 (the projection folds the entity's events from 1 onto
 * it), its entity's snapshot at sequence number 0 (what the entity recovers from), and the row of
 * every other read model that folds the issue events on its own ({@link Fold}).
 *
 * <p>A seed must never be planted for an entity that already recovered without it: that entity
 * would journal onto an empty state what the projection folds onto the seed. So each entity says
 * when it starts ({@link #starting}); the planting leaves out those that did, and an entity that
 * starts while a planting is under way recovers only after it ended. Seeds are planted on one node
 * only (not in a cluster), so this process sees every entity that starts.
 */
public final class IssueSeedRows implements IssueSeeds {

  /**
   * A read model of the issue events kept apart from {@code issue_sync_status}: it writes what it
   * would have folded from each seed's {@link IssueSyncEntity.Adopted}, in the planting's
   * transaction.
   */
  @FunctionalInterface
  public interface Fold {
    void plant(Connection connection, Map<String, IssueSyncState> seeds) throws Exception;
  }

  private static final String PREFIX = IssueSyncEntity.ENTITY_KEY.name() + "|";
  private static final CompletionStage<Set<String>> NOTHING =
      CompletableFuture.completedFuture(Set.of());

  private final Database database;
  private final ObjectMapper json;
  private final Serialization serialization;
  private final Executor blocking;
  private final List<Fold> folds;

  private final Object turns = new Object();

  /** The entities started before the planting; guarded by {@code turns}. */
  private final Set<String> started = new HashSet<>();

  /** The planting, once it began; guarded by {@code turns}. */
  private CompletableFuture<Set<String>> planting;

  public IssueSeedRows(
      Database database,
      ObjectMapper json,
      Serialization serialization,
      Executor blocking,
      List<Fold> folds) {
    this.database = database;
    this.json = json;
    this.serialization = serialization;
    this.blocking = blocking;
    this.folds = folds;
  }

  @Override
  public CompletionStage<?> starting(String issueId) {
    synchronized (turns) {
      if (planting == null) {
        started.add(issueId);
        return NOTHING;
      }
      return planting;
    }
  }

  /**
   * Also gives a snapshot to the seeds of an earlier version, which kept a seed in its row only:
   * their entities would otherwise recover with nothing.
   */
  @Override
  public CompletionStage<Set<String>> plant(Map<String, IssueSyncEntity.Adopted> agreed) {
    Set<String> startedBefore;
    CompletableFuture<Set<String>> done = new CompletableFuture<>();
    synchronized (turns) {
      if (planting != null) {
        return NOTHING; // later entities started without saying so
      }
      planting = done;
      startedBefore = Set.copyOf(started);
      started.clear();
    }
    return done.completeAsync(
        () -> database.write(connection -> plant(connection, agreed, startedBefore)), blocking);
  }

  private Set<String> plant(
      Connection connection, Map<String, IssueSyncEntity.Adopted> agreed, Set<String> startedBefore)
      throws Exception {
    Map<String, IssueSyncState> seeds = new HashMap<>(rowsWithoutSnapshot(connection));
    seeds.keySet().removeAll(startedBefore);
    Set<String> planted = new HashSet<>();
    if (!agreed.isEmpty()) {
      Set<String> known = known(connection);
      known.addAll(startedBefore);
      try (PreparedStatement insert =
          connection.prepareStatement(IssueSyncProjectionHandler.INSERT)) {
        for (Map.Entry<String, IssueSyncEntity.Adopted> seed : agreed.entrySet()) {
          if (known.contains(seed.getKey())) {
            continue;
          }
          IssueSyncState state = IssueSyncState.empty(seed.getKey()).apply(seed.getValue());
          IssueSyncProjectionHandler.bindRow(json, insert, state, 0);
          insert.addBatch();
          planted.add(seed.getKey());
          seeds.put(seed.getKey(), state);
        }
        insert.executeBatch();
      }
    }
    snapshots(connection, seeds);
    for (Fold fold : folds) {
      fold.plant(connection, seeds);
    }
    return planted;
  }

  /**
   * Each seed as its entity's snapshot at sequence number 0, as Pekko's snapshot store keeps it.
   */
  private void snapshots(Connection connection, Map<String, IssueSyncState> seeds)
      throws Exception {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO snapshot (persistence_id, sequence_number, created, snapshot_ser_id,"
                + " snapshot_ser_manifest, snapshot_payload) VALUES (?, 0, ?, ?, ?, ?)")) {
      for (IssueSyncState state : seeds.values()) {
        Serializer serializer = serialization.findSerializerFor(state);
        insert.setString(1, PREFIX + state.id());
        insert.setLong(2, System.currentTimeMillis());
        insert.setInt(3, serializer.identifier());
        insert.setString(4, Serializers.manifestFor(serializer, state));
        insert.setBytes(5, serializer.toBinary(state));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Seeds as an earlier version planted them: a row, no snapshot, no event. */
  private Map<String, IssueSyncState> rowsWithoutSnapshot(Connection connection) throws Exception {
    Map<String, IssueSyncState> rows = new HashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            // the prefix as a literal: PostgreSQL cannot type a parameter given to CONCAT
            "SELECT s.issue_id, s.state FROM issue_sync_status s WHERE s.event_seq = 0"
                + " AND NOT EXISTS (SELECT 1 FROM snapshot p WHERE p.persistence_id = CONCAT('"
                + PREFIX
                + "', s.issue_id)) AND NOT EXISTS (SELECT 1 FROM event_journal j"
                + " WHERE j.persistence_id = CONCAT('"
                + PREFIX
                + "', s.issue_id))")) {
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), json.readValue(rs.getString(2), IssueSyncState.class));
        }
      }
    }
    return rows;
  }

  /** The issues with a row, or with events the projection may not have folded yet. */
  private static Set<String> known(Connection connection) throws Exception {
    Set<String> known = new HashSet<>();
    try (var statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT issue_id FROM issue_sync_status")) {
      while (rows.next()) {
        known.add(rows.getString(1));
      }
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT DISTINCT persistence_id FROM event_journal WHERE persistence_id LIKE ?")) {
      statement.setString(1, PREFIX + "%");
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          known.add(rows.getString(1).substring(PREFIX.length()));
        }
      }
    }
    return known;
  }
}
