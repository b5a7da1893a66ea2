package org.roadmapsync.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roadmapsync.config.DatabaseSettings;

/** The Pekko configuration that points the journal, snapshots and projections at one database. */
public final class PersistenceConfig {

  /** Connections in each pool; the projection dispatcher is sized to match. */
  static final int POOL_SIZE = 5;

  private PersistenceConfig() {}

  public static Config forDatabase(DatabaseSettings db) {
    boolean h2 = db.kind() == DatabaseSettings.Kind.H2;
    Map<String, Object> entries = new HashMap<>();
    // The journal's writes and the read journal's queries (every projection polls its tag, back to
    // back while it catches up) each get a pool: in one pool, a webhook burst's journal writes
    // queued behind the projections' queries for its connections.
    for (String pool : List.of("default", "query")) {
      String shared = "pekko-persistence-jdbc.shared-databases." + pool + ".";
      entries.put(shared + "profile", h2 ? "slick.jdbc.H2Profile$" : "slick.jdbc.PostgresProfile$");
      entries.put(shared + "db.url", db.url());
      entries.put(shared + "db.driver", driver(db));
      entries.put(shared + "db.user", db.user());
      entries.put(shared + "db.password", db.password().map(p -> p.value()).orElse(""));
      entries.put(shared + "db.numThreads", POOL_SIZE);
      entries.put(shared + "db.maxConnections", POOL_SIZE);
      entries.put(shared + "db.minConnections", 1);
    }
    entries.put("pekko.projection.jdbc.dialect", h2 ? "h2-dialect" : "postgres-dialect");
    return ConfigFactory.parseMap(entries)
        .withFallback(ConfigFactory.parseResources("roadmap-sync-persistence.conf"));
  }

  static String driver(DatabaseSettings db) {
    return db.kind() == DatabaseSettings.Kind.H2 ? "org.h2.Driver" : "org.postgresql.Driver";
  }
}
