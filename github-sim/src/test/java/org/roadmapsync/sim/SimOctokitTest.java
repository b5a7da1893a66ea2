package org.roadmapsync.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Octokit ({@code @octokit/rest} with {@code @octokit/plugin-throttling}), installed with npm into
 * {@code target/octokit-node} (kept between runs), paginates, creates, updates and is held back by
 * the simulator's secondary limit. Skipped with a message where node or npm is missing or the
 * install fails.
 */
class SimOctokitTest {
  static final String REST = "@octokit/rest@22.0.1";
  static final String THROTTLING = "@octokit/plugin-throttling@11.0.5";
  static final Path NODE_DIR = Path.of("target", "octokit-node").toAbsolutePath();
  static final ActorTestKit testKit = ActorTestKit.create("SimOctokitTest", ConfigFactory.load());
  static final String TOKEN = "ghp_octokit";
  static final String REPO = "acme/octo";
  static GitHubSimulator sim;

  /** Skips without Node, unless ROADMAP_SYNC_REQUIRE_NODE=true (set by .ci/run): then it fails. */
  private static void needs(boolean available, String why) {
    if (Boolean.parseBoolean(System.getenv("ROADMAP_SYNC_REQUIRE_NODE"))) {
      assertTrue(available, why.replace("test skipped", "and ROADMAP_SYNC_REQUIRE_NODE is set"));
    }
    assumeTrue(available, why);
  }

  @BeforeAll
  static void installOctokit() throws Exception {
    needs(
        runs(List.of("node", "--version"), NODE_DIR.getParent(), Duration.ofSeconds(20)),
        "node is not installed: Octokit test skipped");
    needs(
        runs(List.of("npm", "--version"), NODE_DIR.getParent(), Duration.ofSeconds(20)),
        "npm is not installed: Octokit test skipped");
    Files.createDirectories(NODE_DIR);
    boolean installed =
        Files.exists(NODE_DIR.resolve("node_modules/@octokit/rest/package.json"))
            && Files.exists(
                NODE_DIR.resolve("node_modules/@octokit/plugin-throttling/package.json"));
    if (!installed) {
      Files.writeString(
          NODE_DIR.resolve("package.json"),
          "{\"name\":\"octokit-check\",\"private\":true,\"type\":\"module\"}");
      needs(
          runs(
              List.of(
                  "npm",
                  "install",
                  "--no-audit",
                  "--no-fund",
                  "--loglevel=error",
                  REST,
                  THROTTLING),
              NODE_DIR,
              Duration.ofMinutes(5)),
          "npm install of Octokit failed (offline?): Octokit test skipped");
    }
    try (InputStream script =
        SimOctokitTest.class.getResourceAsStream("/octokit/octokit-check.mjs")) {
      Files.copy(
          script, NODE_DIR.resolve("octokit-check.mjs"), StandardCopyOption.REPLACE_EXISTING);
    }
    sim =
        GitHubSimulator.start(
            testKit.system(),
            SimSettings.defaults(TOKEN, REPO)
                .withLimits(SimLimits.github().withMinWriteSpacing(Duration.ofMillis(2500))));
  }

  @AfterAll
  static void stop() {
    if (sim != null) sim.stop();
    testKit.shutdownTestKit();
  }

  @Test
  void octokitPaginatesWritesAndIsHeldBackBySecondaryLimit() throws Exception {
    sim.control().seedIssues(REPO, 23);
    sim.control().editIssueAs("alice", REPO, 5, "{\"state\":\"closed\"}");
    Path out = NODE_DIR.resolve("octokit-check.out.json");
    Path err = NODE_DIR.resolve("octokit-check.err.txt");
    ProcessBuilder pb =
        new ProcessBuilder("node", "octokit-check.mjs")
            .directory(NODE_DIR.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment()
        .putAll(
            Map.of(
                "SIM_BASE_URL",
                sim.baseUrl(),
                "SIM_TOKEN",
                TOKEN,
                "SIM_OWNER",
                "acme",
                "SIM_REPO",
                "octo"));
    Process p = pb.start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "node did not finish");
    assertEquals(0, p.exitValue(), Files.readString(err));
    JsonNode result = SimHttp.JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));

    assertEquals(
        23, result.get("listedCount").asInt(), "state=all over three pages, closed one included");
    Set<Integer> numbers = new HashSet<>();
    result.get("listedNumbers").forEach(n -> numbers.add(n.asInt()));
    assertEquals(23, numbers.size(), "no issue twice, none skipped");
    assertEquals(201, result.get("createdStatus").asInt());
    assertEquals(24, result.get("createdNumber").asInt());
    assertEquals(200, result.get("updatedStatus").asInt());
    assertEquals("Updated by Octokit", result.get("updatedTitle").asText());
    assertEquals("closed", result.get("updatedState").asText());
    assertTrue(
        result.get("notModified").asBoolean(), "a conditional GET with the ETag answers 304");
    JsonNode hits = result.get("secondaryLimitHits");
    assertTrue(
        hits.size() >= 1,
        "the update came 1 s after the create (Octokit's own pacing) and was held back: " + result);
    assertEquals("PATCH", hits.get(0).get("method").asText());
    assertTrue(hits.get(0).get("retryAfter").asInt() >= 1);
    assertTrue(
        result.get("updateMillis").asLong() >= 1000,
        "Octokit waited as told: " + result.get("updateMillis"));
    assertEquals(0, result.get("primaryLimitHits").size());
    assertTrue(sim.control().stats().at("/violations/write_spacing").asInt() >= 1);
    assertEquals(1, sim.control().issue(REPO, 24).get("labels").size());
  }

  private static boolean runs(List<String> command, Path dir, Duration timeout)
      throws InterruptedException {
    try {
      Path log = Files.createTempFile("octokit-setup", ".log");
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
