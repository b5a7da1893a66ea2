package org.roadmapsync.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.projection.jdbc.JdbcSession;
import org.roadmapsync.config.DatabaseSettings;

/**
 * A connection pool for the read side (projections and the tables the API lists from). The journal
 * has its own pool inside persistence-jdbc; both point at the same database.
 */
public final class Database implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final DatabaseSettings.Kind kind;

  private Database(HikariDataSource dataSource, DatabaseSettings.Kind kind) {
    this.dataSource = dataSource;
    this.kind = kind;
  }

  public static Database open(DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("roadmap-sync-read-side");
    config.setJdbcUrl(settings.url());
    config.setDriverClassName(PersistenceConfig.driver(settings));
    config.setUsername(settings.user());
    settings.password().ifPresent(p -> config.setPassword(p.value()));
    config.setMaximumPoolSize(PersistenceConfig.POOL_SIZE);
    config.setMinimumIdle(1);
    config.setAutoCommit(false);
    return new Database(new HikariDataSource(config), settings.kind());
  }

  /**
   * A session for one projection envelope or one query: one connection, committed or rolled back
   * once.
   */
  public JdbcSession newSession() {
    try {
      return new PooledSession(dataSource.getConnection());
    } catch (SQLException e) {
      throw new IllegalStateException("no database connection: " + e.getMessage(), e);
    }
  }

  /** Work on one connection; it may throw whatever JDBC (or the JSON it reads) throws. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws Exception;
  }

  /** Runs {@code work} on a connection of its own and rolls it back: a query. Blocking. */
  public <T> T read(SqlWork<T> work) {
    return inSession(work, false);
  }

  /** Runs {@code work} on a connection of its own and commits it. Blocking. */
  public <T> T write(SqlWork<T> work) {
    return inSession(work, true);
  }

  /** Maps one row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /**
   * The rows of a query with {@code parameters} bound in order, mapped one by one, read on {@code
   * executor}.
   */
  public <T> CompletionStage<List<T>> query(
      Executor executor, String sql, List<?> parameters, RowMapper<T> mapper) {
    return CompletableFuture.supplyAsync(
        () ->
            read(
                c -> {
                  try (PreparedStatement statement = c.prepareStatement(sql)) {
                    for (int i = 0; i < parameters.size(); i++) {
                      statement.setObject(i + 1, parameters.get(i));
                    }
                    List<T> rows = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                      while (rs.next()) {
                        rows.add(mapper.map(rs));
                      }
                    }
                    return rows;
                  }
                }),
        executor);
  }

  /**
   * Embedded H2 writes committed transactions to its file up to a second later (its write delay),
   * so a process killed meanwhile loses them; {@code CHECKPOINT} writes them now (about 2 ms).
   * Setting the write delay to 0 instead would write every commit at once: 4× slower and a file
   * that grows by a chunk per commit. A PostgreSQL commit is durable when it returns.
   */
  public JournalFlush journalFlush(Executor executor) {
    if (kind != DatabaseSettings.Kind.H2) {
      return JournalFlush.NONE;
    }
    return () ->
        CompletableFuture.runAsync(
            () ->
                write(
                    c -> {
                      try (var statement = c.createStatement()) {
                        return statement.execute("CHECKPOINT");
                      }
                    }),
            executor);
  }

  private <T> T inSession(SqlWork<T> work, boolean commit) {
    JdbcSession session = newSession();
    try {
      T result = session.withConnection(work::run);
      if (commit) {
        session.commit();
      } else {
        session.rollback();
      }
      return result;
    } catch (Exception e) {
      throw new IllegalStateException(
          "database " + (commit ? "write" : "query") + " failed: " + e.getMessage(), e);
    } finally {
      try {
        session.close();
      } catch (SQLException e) {
        // the pool replaces a connection that failed to close
      }
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private record PooledSession(Connection connection) implements JdbcSession {

    @Override
    public <R> R withConnection(Function<Connection, R> func) throws Exception {
      return func.apply(connection);
    }

    @Override
    public void commit() throws SQLException {
      connection.commit();
    }

    @Override
    public void rollback() throws SQLException {
      connection.rollback();
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
