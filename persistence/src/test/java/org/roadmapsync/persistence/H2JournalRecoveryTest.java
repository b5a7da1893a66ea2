package org.roadmapsync.persistence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.config.DatabaseSettings;

/** Recovery from real H2 files in a temporary data folder. */
class H2JournalRecoveryTest extends JournalRecoveryContract {

  @TempDir Path dataDir;

  @Override
  DatabaseSettings database() {
    return DatabaseSettings.embeddedH2(dataDir);
  }

  @AfterEach
  void theDatabaseIsAFileInTheDataFolder() throws Exception {
    try (Stream<Path> files = Files.list(dataDir)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("roadmap-sync.mv.db")));
    }
  }
}
