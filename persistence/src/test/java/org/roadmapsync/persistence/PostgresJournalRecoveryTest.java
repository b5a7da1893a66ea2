package org.roadmapsync.persistence;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.roadmapsync.config.DatabaseSettings;

/**
 * Needs PostgreSQL on 127.0.0.1:5432 (database {@code test}, trust auth; override with
 * ROADMAP_SYNC_TEST_PG_URL / _USER). Skipped with a message when it is not reachable, unless
 * ROADMAP_SYNC_REQUIRE_POSTGRES=true (set by .ci/run, which starts it).
 */
class PostgresJournalRecoveryTest extends JournalRecoveryContract {

  static final String URL =
      System.getenv()
          .getOrDefault("ROADMAP_SYNC_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getenv().getOrDefault("ROADMAP_SYNC_TEST_PG_USER", "postgres");

  @BeforeAll
  static void postgresIsReachable() {
    boolean reachable;
    try (var c = DriverManager.getConnection(URL, USER, "")) {
      reachable = c.isValid(2);
    } catch (SQLException e) {
      reachable = false;
    }
    String why = "PostgreSQL not reachable at " + URL + " as " + USER;
    if (Boolean.parseBoolean(System.getenv("ROADMAP_SYNC_REQUIRE_POSTGRES"))) {
      assertTrue(reachable, why + ", and ROADMAP_SYNC_REQUIRE_POSTGRES is set");
    }
    assumeTrue(reachable, why + ": test skipped");
  }

  @Override
  DatabaseSettings database() {
    return new DatabaseSettings(DatabaseSettings.Kind.POSTGRESQL, URL, USER, Optional.empty());
  }
}
