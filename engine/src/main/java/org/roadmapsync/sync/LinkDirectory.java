package org.roadmapsync.sync;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.roadmapsync.persistence.Database;

/**
 * Which roadmap issue a GitHub issue belongs to: first what the live entities announced to the
 * {@link LinkIndex} (it knows a link the moment it is journaled), then the projection's
 * {@code issue_sync_status} table (every link, also of entities not started since the last restart),
 * read on the blocking dispatcher. Where both know a number, the entity's announcement wins: the table
 * may lag behind it.
 */
public class LinkDirectory {

  private final Database database;
  private final Executor blocking;
  private final LinkIndex index;

  public LinkDirectory(Database database, Executor blocking, LinkIndex index) {
    this.database = database;
    this.blocking = blocking;
    this.index = index;
  }

  /** Issue number → roadmap issue id, for every linked issue of {@code repo}. */
  public CompletionStage<Map<Long, String>> linksOf(String repo) {
    return tableLinksOf(repo).thenApply(links -> {
      links.putAll(index.linksOf(repo));
      return links;
    });
  }

  /** The full listing of {@code repo} ended: the roadmap issues that waited for it (see {@link LinkIndex}). */
  public java.util.Set<String> listingEnded(String repo) {
    return index.fullListingDone(repo);
  }

  private CompletionStage<Map<Long, String>> tableLinksOf(String repo) {
    return query(
        "SELECT github_number, issue_id FROM issue_sync_status WHERE repo = ? AND github_number IS NOT NULL",
        s -> s.setString(1, repo),
        rs -> {
          Map<Long, String> links = new HashMap<>();
          while (rs.next()) {
            links.put(rs.getLong(1), rs.getString(2));
          }
          return links;
        });
  }

  /** The roadmap issue linked to {@code link}, if any. */
  public CompletionStage<Optional<String>> linkedTo(IssueLink link) {
    Optional<String> announced = index.idOf(link);
    if (announced.isPresent()) {
      return CompletableFuture.completedFuture(announced);
    }
    return query(
        "SELECT issue_id FROM issue_sync_status WHERE repo = ? AND github_number = ?",
        s -> {
          s.setString(1, link.repo());
          s.setLong(2, link.number());
        },
        rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty());
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private interface Reader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private <T> CompletionStage<T> query(String sql, Binder binder, Reader<T> reader) {
    return CompletableFuture.supplyAsync(() -> database.read(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        binder.bind(s);
        try (ResultSet rs = s.executeQuery()) {
          return reader.read(rs);
        }
      }
    }), blocking);
  }
}
