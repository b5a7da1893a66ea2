package org.roadmapsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.persistence.StateRows;

/**
 * {@link IssueSeeds} in {@code issue_sync_status}: a seed is a row whose {@code event_seq} is 0,
 * which the projection never writes (it folds events numbered from 1). The projection folds an
 * entity's first event onto an empty state, never onto a seed, so a row always ends as the fold of
 * its entity's events once it has any.
 */
public final class IssueSeedRows implements IssueSeeds {

  private final Database database;
  private final ObjectMapper json;
  private final Executor blocking;

  /**
   * The issues whose entity started with no event and asked for its seed: one that found none goes
   * on without it, so none may be planted for it after (it would never read it). Asking and
   * planting take turns ({@code turns}): an entity asks either before a planting, and is left out
   * of it, or after, and finds its seed. Seeds are planted only on one node (not in a cluster), so
   * this process sees every entity that asks.
   */
  private final Set<String> asked = ConcurrentHashMap.newKeySet();

  private final Object turns = new Object();

  public IssueSeedRows(Database database, ObjectMapper json, Executor blocking) {
    this.database = database;
    this.json = json;
    this.blocking = blocking;
  }

  @Override
  public CompletionStage<Set<String>> plant(Map<String, IssueSyncEntity.Adopted> agreed) {
    if (agreed.isEmpty()) {
      return CompletableFuture.completedFuture(Set.of());
    }
    return CompletableFuture.supplyAsync(
        () -> {
          synchronized (turns) {
            return database.write(
                connection -> {
                  Set<String> known = known(connection);
                  known.addAll(asked);
                  Set<String> planted = new HashSet<>();
                  try (PreparedStatement insert =
                      connection.prepareStatement(IssueSyncProjectionHandler.INSERT)) {
                    for (Map.Entry<String, IssueSyncEntity.Adopted> seed : agreed.entrySet()) {
                      if (known.contains(seed.getKey())) {
                        continue;
                      }
                      IssueSyncState state =
                          IssueSyncState.empty(seed.getKey()).apply(seed.getValue());
                      IssueSyncProjectionHandler.bindRow(json, insert, state, 0);
                      insert.addBatch();
                      planted.add(seed.getKey());
                    }
                    insert.executeBatch();
                  }
                  return planted;
                });
          }
        },
        blocking);
  }

  /** The issues with a row, or with events the projection may not have folded yet. */
  private static Set<String> known(Connection connection) throws Exception {
    Set<String> known = new HashSet<>();
    String prefix = IssueSyncEntity.ENTITY_KEY.name() + "|";
    try (var statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT issue_id FROM issue_sync_status")) {
      while (rows.next()) {
        known.add(rows.getString(1));
      }
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT DISTINCT persistence_id FROM event_journal WHERE persistence_id LIKE ?")) {
      statement.setString(1, prefix + "%");
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          known.add(rows.getString(1).substring(prefix.length()));
        }
      }
    }
    return known;
  }

  @Override
  public CompletionStage<Optional<IssueSyncEntity.Adopted>> of(String issueId) {
    return CompletableFuture.supplyAsync(
        () -> {
          synchronized (turns) {
            asked.add(issueId);
          }
          return database.read(
              connection -> {
                Optional<String> state =
                    StateRows.read(
                        connection,
                        "SELECT state FROM issue_sync_status WHERE issue_id = ? AND event_seq = 0",
                        issueId);
                return state.map(this::adopted);
              });
        },
        blocking);
  }

  private IssueSyncEntity.Adopted adopted(String stateJson) {
    try {
      IssueSyncState state = json.readValue(stateJson, IssueSyncState.class);
      return new IssueSyncEntity.Adopted(
          state.local(), state.link(), state.remote(), state.lastSyncAt());
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable seed of " + stateJson, e);
    }
  }
}
