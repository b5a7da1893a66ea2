package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.onboarding.GitHubSeed;
import org.roadmapsync.sim.SimSettings;

/** {@code roadmap-sync import} and {@code roadmap-sync plan} against a running service. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnboardingCommandsTest {

  private static final String REPO = "octo/commands";
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "onboarding-commands",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir static Path folder;
  static LiveService live;

  @BeforeAll
  static void start() {
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults("commands-token", REPO),
            ConfigFactory.empty(),
            Map.of("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false"),
            "cmd00001");
    GitHubSeed.issues(live.github, REPO, 4);
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  /** What a command printed and its exit code. */
  private record Run(int exit, String out, String err) {}

  private static Run run(Object command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    var line = new picocli.CommandLine(command);
    if (command instanceof ImportCommand c) {
      c.out = new PrintStream(out, true, StandardCharsets.UTF_8);
      c.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    } else if (command instanceof PlanCommand c) {
      c.out = new PrintStream(out, true, StandardCharsets.UTF_8);
      c.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    }
    int exit = line.execute(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  @Order(1)
  void planShowsPublishAndImportCandidates() {
    live.eventually(() -> assertEquals("unlinked", live.syncStatus("cmd00001")));
    Run plan = run(new PlanCommand(), "--url", live.api);
    assertEquals(0, plan.exit(), plan.err());
    assertThat(plan.out())
        .contains("dry run: nothing is written")
        .contains("publish")
        .contains("cmd00001")
        .contains("📥 import")
        .contains(REPO + "#1")
        .contains("Summary: 1 publish, 4 import");
    Run json = run(new PlanCommand(), "--url", live.api, "--json");
    assertThat(json.out()).contains("\"summary\"").contains("\"imports\"");
    Run bad = run(new PlanCommand(), "--url", live.api, "--status", "done");
    assertEquals(1, bad.exit());
    assertThat(bad.err()).contains("400").contains("status must be one of");
  }

  @Test
  @Order(2)
  void importDryRunThenImportFollowsTheRunToItsEnd() {
    Run dry = run(new ImportCommand(), "--url", live.api, "--state", "all", "--dry-run");
    assertEquals(0, dry.exit(), dry.err());
    assertThat(dry.out())
        .contains("Import (dry run) from " + REPO + ": 4 GitHub issue(s) listed; 4 to import")
        .contains("→ issues/v1.0/{id}-issue-1-roadmap-work.md")
        .contains("nothing was written");
    Run real = run(new ImportCommand(), "--url", live.api, "--state", "all", "--label", "bug");
    assertEquals(0, real.exit(), real.err());
    assertThat(real.out()).contains("1 to import").contains("1 created").contains("✅ import");
    Run refused = run(new ImportCommand(), "--url", live.api, "--repo", "not/served");
    assertEquals(1, refused.exit());
    assertThat(refused.err()).contains("422").contains("not/served");
  }

  @Test
  @Order(3)
  void anUnreachableServiceIsExit2() {
    Run plan = run(new PlanCommand(), "--url", "http://127.0.0.1:1");
    assertEquals(2, plan.exit());
    assertThat(plan.err()).contains("cannot reach roadmap-sync at http://127.0.0.1:1");
    Run imported = run(new ImportCommand(), "--url", "http://127.0.0.1:1");
    assertEquals(2, imported.exit());
  }
}
