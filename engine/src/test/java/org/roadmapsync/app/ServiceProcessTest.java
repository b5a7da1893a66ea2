package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The "done when" of the foundation, on real processes: start in an empty folder, answer health,
 * refuse a second process on the same data folder, stop on SIGTERM with exit 0, start again on the
 * same data, and refuse bad configuration before binding or writing anything.
 */
class ServiceProcessTest {

  private static final Duration START = Duration.ofSeconds(30);
  private static final Duration STOP = Duration.ofSeconds(10);

  @TempDir Path folder;

  private static final Map<String, String> ANY_PORT = Map.of("ROADMAP_SYNC_HTTP_PORT", "0");

  @Test
  void startsInAnEmptyFolderStopsOnSigtermAndComesBackWithItsData() throws Exception {
    String url;
    try (ServiceProcess first = ServiceProcess.start(folder, ANY_PORT)) {
      url = first.awaitListening(START);
      assertThat(Files.isDirectory(folder.resolve(".roadmap-sync"))).isTrue();

      Health health = health("--url", url);
      assertEquals(HealthCommand.EXIT_UP, health.exitCode(), health.out());
      assertThat(health.out())
          .contains("✅ journal: UP")
          .contains("⚠️ roadmap: UNKNOWN (folder does not exist yet)")
          .contains("⚠️ github: NOT_CONFIGURED")
          .contains("Overall Status: UP");

      try (ServiceProcess second = ServiceProcess.start(folder, ANY_PORT)) {
        assertEquals(ServeCommand.EXIT_CANNOT_START, second.awaitExit(START), second.output());
        assertThat(second.output())
            .contains(
                "data folder "
                    + folder.resolve(".roadmap-sync")
                    + " is in use by another roadmap-sync process");
      }
      assertEquals(
          HealthCommand.EXIT_UP, health("--url", url).exitCode(), "the first one still serves");

      first.terminate();
      assertEquals(0, first.awaitExit(STOP), first.output());
    }

    Health unreachable = health("--url", url);
    assertEquals(HealthCommand.EXIT_UNREACHABLE, unreachable.exitCode());
    assertThat(unreachable.err()).contains("cannot reach roadmap-sync at " + url + "/health");

    try (ServiceProcess again = ServiceProcess.start(folder, ANY_PORT)) {
      Health health = health("--json", "--url", again.awaitListening(START));
      assertEquals(HealthCommand.EXIT_UP, health.exitCode(), health.out());
      assertThat(health.out()).contains("\"status\" : \"UP\"");
      again.terminate();
      assertEquals(0, again.awaitExit(STOP), again.output());
    }
    // Each run wrote a journal event; the second continued the first one's sequence, so it
    // recovered it.
    assertThat(journalProbeEvents(folder.resolve(".roadmap-sync"))).isGreaterThanOrEqualTo(2);
  }

  @Test
  void badConfigurationExitsTwoWithEveryProblemBeforeBindingOrWriting() throws Exception {
    Map<String, String> bad =
        Map.ofEntries(
            Map.entry("ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES", "often"),
            Map.entry("ROADMAP_GITHUB_HEALTH_CHECK_MINUTES", "-1"),
            Map.entry("ROADMAP_GITHUB_CONFLICT_STRATEGY", "coin-toss"),
            Map.entry("ROADMAP_GITHUB_REPO", "no-slash"),
            Map.entry("ROADMAP_SYNC_HTTP_PORT", "65536"),
            Map.entry("ROADMAP_GITHUB_API_URL", "file:///etc/passwd"),
            Map.entry("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "maybe"),
            Map.entry("ROADMAP_SYNC_DB_URL", "jdbc:mysql://localhost/x"),
            Map.entry("ROADMAP_GITHUB_HOOK_ID", "hook-1"),
            Map.entry("ROADMAP_DIR", Files.writeString(folder.resolve("a-file"), "").toString()),
            Map.entry("GITHUB_TOKEN", "ghp_must_not_be_printed"));
    try (ServiceProcess process = ServiceProcess.start(folder, bad)) {
      assertEquals(ServeCommand.EXIT_BAD_CONFIGURATION, process.awaitExit(START), process.output());
      assertThat(process.output().lines().filter(l -> l.startsWith("configuration: ")).toList())
          .hasSize(10)
          .anyMatch(
              l -> l.startsWith("configuration: ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES: 'often'"))
          .anyMatch(l -> l.startsWith("configuration: ROADMAP_GITHUB_HEALTH_CHECK_MINUTES: '-1'"))
          .anyMatch(
              l -> l.startsWith("configuration: ROADMAP_GITHUB_CONFLICT_STRATEGY: 'coin-toss'"))
          .anyMatch(l -> l.startsWith("configuration: ROADMAP_GITHUB_REPO: 'no-slash'"))
          .anyMatch(l -> l.startsWith("configuration: ROADMAP_SYNC_HTTP_PORT: '65536'"))
          .anyMatch(
              l -> l.startsWith("configuration: ROADMAP_GITHUB_API_URL: 'file:///etc/passwd'"))
          .anyMatch(l -> l.startsWith("configuration: ROADMAP_GITHUB_AUTO_SYNC_ENABLED: 'maybe'"))
          .anyMatch(l -> l.startsWith("configuration: ROADMAP_SYNC_DB_URL:"))
          .anyMatch(l -> l.startsWith("configuration: ROADMAP_GITHUB_HOOK_ID: 'hook-1'"))
          .anyMatch(l -> l.startsWith("configuration: ROADMAP_DIR:"));
      assertThat(process.output())
          .doesNotContain("listening")
          .doesNotContain("ghp_must_not_be_printed");
    }
    assertThat(Files.exists(folder.resolve(".roadmap-sync"))).as("nothing written").isFalse();
  }

  record Health(int exitCode, String out, String err) {}

  private static Health health(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var command = new HealthCommand();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(command).execute(args);
    return new Health(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static long journalProbeEvents(Path dataDir) throws Exception {
    String url = "jdbc:h2:file:" + dataDir.resolve("roadmap-sync") + ";DATABASE_TO_UPPER=false";
    try (var c = DriverManager.getConnection(url, "sa", "");
        var rs =
            c.createStatement()
                .executeQuery(
                    "select max(sequence_number) from event_journal where persistence_id = 'journal-probe'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
