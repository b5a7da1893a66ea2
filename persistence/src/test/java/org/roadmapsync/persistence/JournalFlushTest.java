package org.roadmapsync.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.config.DatabaseSettings;

/**
 * A real kill: a second JVM commits rows to the embedded H2 file and halts at once (no shutdown
 * hook, as under SIGKILL). Without the flush H2's write delay lost all of them here (the table too:
 * 0 of 20 in ten runs); after it none is lost.
 */
class JournalFlushTest {

  static final int ROWS = 20;

  @TempDir Path dir;

  @Test
  void rowsCommittedBeforeTheFlushSurviveAnImmediateKill() throws Exception {
    assertEquals(ROWS, runAndKill());
  }

  private int runAndKill() throws Exception {
    Path data = dir.resolve("data");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                JournalFlushTest.class.getName(),
                data.toString())
            .inheritIO()
            .start();
    assertEquals(true, child.waitFor(60, TimeUnit.SECONDS), "the child finished");
    assertEquals(9, child.exitValue(), "the child halted itself after committing");
    try (Database database = Database.open(DatabaseSettings.embeddedH2(data))) {
      return database.read(
          c -> {
            try (var rs = c.createStatement().executeQuery("select count(*) from flushed")) {
              rs.next();
              return rs.getInt(1);
            }
          });
    }
  }

  /** The child: one commit per row, as the journal commits events, then the flush. */
  public static void main(String[] args) throws Exception {
    Database database = Database.open(DatabaseSettings.embeddedH2(Path.of(args[0])));
    database.write(c -> c.createStatement().execute("create table flushed(i int)"));
    for (int i = 0; i < ROWS; i++) {
      int row = i;
      database.write(c -> c.createStatement().execute("insert into flushed values(" + row + ")"));
    }
    database.journalFlush(Runnable::run).flush().toCompletableFuture().get();
    Runtime.getRuntime().halt(9);
  }
}
