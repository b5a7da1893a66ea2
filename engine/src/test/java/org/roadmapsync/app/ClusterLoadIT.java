package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster under load as a user runs it: {@code bin/cluster-demo} (three nodes of the packaged
 * jar, PostgreSQL, the simulator) and {@code bin/cluster-load} beside it, 300 content-creating
 * writes spread over the nodes. Passes when the load script's verdict does: one write per edit, 0
 * secondary-limit violations. About 12 minutes; run by the {@code cluster-load} profile after the
 * jar is packaged (README, Cluster), not by {@code .ci/run}. Needs PostgreSQL on 127.0.0.1:5432.
 */
class ClusterLoadIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path folder;

  @Test
  void threeHundredWritesThroughThreeNodesStayWithinGitHubsLimits() throws Exception {
    Path jar = Path.of("target", "roadmap-sync.jar").toAbsolutePath();
    assertThat(jar).as("package the jar first").exists();
    Script demo = Script.start(jar, "bin/cluster-demo", folder.toString());
    try {
      demo.awaitLine("Ctrl-C stops all nodes", Duration.ofMinutes(5));
      Script load = Script.start(jar, "bin/cluster-load", folder.toString());
      assertEquals(0, load.awaitExit(Duration.ofMinutes(25)), load.output());
      System.out.println(load.output());
      assertThat(load.output()).contains("cluster-load: passed");
    } finally {
      demo.process.destroy(); // SIGTERM: the demo's trap stops its nodes
      demo.awaitExit(Duration.ofMinutes(2));
      Files.writeString(Path.of("target", "cluster-load-demo.log"), demo.output());
    }
  }

  private record Script(Process process, List<String> lines) {

    static Script start(Path jar, String script, String folder) throws IOException {
      var builder =
          new ProcessBuilder("bash", ROOT.resolve(script).toString(), folder)
              .directory(ROOT.toFile())
              .redirectErrorStream(true);
      builder.environment().put("ROADMAP_SYNC_JAR", jar.toString());
      Script started = new Script(builder.start(), new CopyOnWriteArrayList<>());
      Thread reader = new Thread(started::read, script);
      reader.setDaemon(true);
      reader.start();
      return started;
    }

    private void read() {
      try (var in =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        in.lines().forEach(lines::add);
      } catch (IOException e) {
        lines.add("(output closed: " + e.getMessage() + ")");
      }
    }

    void awaitLine(String text, Duration timeout) throws InterruptedException {
      Instant deadline = Instant.now().plus(timeout);
      while (lines.stream().noneMatch(line -> line.contains(text))) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          throw new AssertionError("no '" + text + "' from the script:\n" + output());
        }
        // polling interval of a deadline loop, not a synchronisation
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }

    int awaitExit(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("still running after " + timeout + ":\n" + output());
      }
      return process.exitValue();
    }

    String output() {
      return String.join("\n", lines);
    }
  }
}
