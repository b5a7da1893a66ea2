package org.roadmapsync.sync;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.roadmapsync.persistence.Database;

/**
 * The dependencies both sides agreed on (blocked issue → the issues it depends on), kept in {@code
 * dependency_agreement}: the base of {@link DependencySync}'s three-way merge survives a restart,
 * so a relation removed from a file (or on GitHub) while the service was down is a removal, not a
 * relation the other side seems to have added. Written after each run that changed it, whole, in
 * one transaction; a run a crash cut short leaves the last agreement, which both sides then still
 * hold or agree to have changed.
 */
public final class AgreedRelations {

  private final Database database;
  private final Executor blocking;

  public AgreedRelations(Database database, Executor blocking) {
    this.database = database;
    this.blocking = blocking;
  }

  public CompletionStage<Map<String, Set<String>>> load() {
    return database
        .query(
            blocking,
            "SELECT issue_id, depends_on FROM dependency_agreement",
            List.of(),
            rs -> Map.entry(rs.getString(1), rs.getString(2)))
        .thenApply(
            rows -> {
              Map<String, Set<String>> agreed = new TreeMap<>();
              rows.forEach(
                  row ->
                      agreed
                          .computeIfAbsent(row.getKey(), k -> new TreeSet<>())
                          .add(row.getValue()));
              return agreed;
            });
  }

  public CompletionStage<Void> save(Map<String, Set<String>> agreed) {
    return CompletableFuture.runAsync(
        () ->
            database.write(
                c -> {
                  try (var delete = c.createStatement()) {
                    delete.executeUpdate("DELETE FROM dependency_agreement");
                  }
                  try (PreparedStatement insert =
                      c.prepareStatement(
                          "INSERT INTO dependency_agreement (issue_id, depends_on) VALUES (?, ?)")) {
                    for (var entry : agreed.entrySet()) {
                      for (String dependsOn : entry.getValue()) {
                        insert.setString(1, entry.getKey());
                        insert.setString(2, dependsOn);
                        insert.addBatch();
                      }
                    }
                    insert.executeBatch();
                  }
                  return null;
                }),
        blocking);
  }
}
