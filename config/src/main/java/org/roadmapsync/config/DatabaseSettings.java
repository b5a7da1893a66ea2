package org.roadmapsync.config;

import java.nio.file.Path;
import java.util.Optional;

/** Where the journal, snapshots and read tables live: embedded H2 (default) or PostgreSQL. */
public record DatabaseSettings(Kind kind, String url, String user, Optional<Secret> password) {

  public enum Kind {
    H2,
    POSTGRESQL
  }

  /** The embedded default: one H2 file database inside the data folder. */
  public static DatabaseSettings embeddedH2(Path dataDir) {
    // DATABASE_TO_UPPER=false keeps unquoted SQL behaving as on PostgreSQL (STACK.md pitfall 6).
    String url =
        "jdbc:h2:file:"
            + dataDir.toAbsolutePath().normalize().resolve("roadmap-sync")
            + ";DATABASE_TO_UPPER=false";
    return new DatabaseSettings(Kind.H2, url, "sa", Optional.empty());
  }

  public boolean embedded() {
    return kind == Kind.H2 && url.startsWith("jdbc:h2:file:");
  }
}
