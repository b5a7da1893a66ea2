package org.roadmapsync.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.roadmapsync.config.DatabaseSettings;

/** The Pekko configuration that points the journal, snapshots and projections at one database. */
public final class PersistenceConfig {

  /** Connections in each pool; the projection dispatcher is sized to match. */
  static final int POOL_SIZE = 5;

  private PersistenceConfig() {}

  public static Config forDatabase(DatabaseSettings db) {
    boolean h2 = db.kind() == DatabaseSettings.Kind.H2;
    String shared = "pekko-persistence-jdbc.shared-databases.default.";
    return ConfigFactory.parseMap(
            Map.ofEntries(
                Map.entry(
                    shared + "profile",
                    h2 ? "slick.jdbc.H2Profile$" : "slick.jdbc.PostgresProfile$"),
                Map.entry(shared + "db.url", db.url()),
                Map.entry(shared + "db.driver", driver(db)),
                Map.entry(shared + "db.user", db.user()),
                Map.entry(shared + "db.password", db.password().map(p -> p.value()).orElse("")),
                Map.entry(shared + "db.numThreads", POOL_SIZE),
                Map.entry(shared + "db.maxConnections", POOL_SIZE),
                Map.entry(shared + "db.minConnections", 1),
                Map.entry("pekko.projection.jdbc.dialect", h2 ? "h2-dialect" : "postgres-dialect")))
        .withFallback(ConfigFactory.parseResources("roadmap-sync-persistence.conf"));
  }

  static String driver(DatabaseSettings db) {
    return db.kind() == DatabaseSettings.Kind.H2 ? "org.h2.Driver" : "org.postgresql.Driver";
  }
}
