package org.roadmapsync.app;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A database of its own on the machine's PostgreSQL, for one test class, dropped afterwards. Needs
 * PostgreSQL on 127.0.0.1:5432 (trust auth, database {@code test} to connect to first; override
 * with ROADMAP_SYNC_TEST_PG_URL / _USER): without it the test is skipped with the reason, unless
 * ROADMAP_SYNC_REQUIRE_POSTGRES=true (set by .ci/run, which starts it), when it fails.
 */
final class PostgresDatabase implements AutoCloseable {

  private static final String ADMIN_URL =
      System.getenv()
          .getOrDefault("ROADMAP_SYNC_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getenv().getOrDefault("ROADMAP_SYNC_TEST_PG_USER", "postgres");

  private final String name;

  private PostgresDatabase(String name) {
    this.name = name;
  }

  /** A new, empty database; skips (or fails, when it is required) without PostgreSQL. */
  static PostgresDatabase create() {
    String why = "PostgreSQL not reachable at " + ADMIN_URL + " as " + USER;
    boolean reachable;
    try (Connection c = admin()) {
      reachable = c.isValid(2);
    } catch (SQLException e) {
      reachable = false;
      why += " (" + e.getMessage() + ")";
    }
    if (Boolean.parseBoolean(System.getenv("ROADMAP_SYNC_REQUIRE_POSTGRES"))) {
      assertTrue(reachable, why + ", and ROADMAP_SYNC_REQUIRE_POSTGRES is set");
    }
    assumeTrue(reachable, why + ": test skipped");
    String name = "rs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    return new PostgresDatabase(name);
  }

  /** Its JDBC URL: the admin URL with this database's name. */
  String url() {
    return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, "");
  }

  /** The rows of {@code table}. */
  long count(String table) {
    try (Connection c = connect();
        var rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count " + table + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(ADMIN_URL, USER, "");
  }

  private static void execute(String sql) {
    try (Connection c = admin()) {
      c.createStatement().execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
