package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed (SIGKILL) at random moments while it rewrites a file never leaves a half-written
 * file: a reader running at the same time, and the file after each kill, always see a whole
 * version.
 */
class AtomicWriteKillTest {
  private static final String ID = "ka000001";
  private static final Path FILE = Path.of("issues/backlog/ka000001-killed-writer.md");

  @TempDir Path temp;

  static String title(boolean even) {
    return even ? "Even version" : "Odd version";
  }

  static String body(boolean even) {
    String line = even ? "even line of a long body ✓\n" : "odd line, a different length\n";
    return line.repeat(40_000);
  }

  static byte[] rawVersion(boolean even) {
    return ("---\nid: " + ID + "\ntitle: " + title(even) + "\n---\n\n" + body(even).repeat(8))
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void killedWritersNeverLeaveAHalfWrittenFile() throws Exception {
    Path root = Files.createDirectories(temp.resolve(".roadmap"));
    Files.createDirectories(root.resolve(FILE).getParent());
    Files.writeString(
        root.resolve(FILE),
        "---\nid: "
            + ID
            + "\ntitle: Start\nupdated: '2026-01-01T00:00:00.000000+00:00'\n---\n\nstart\n");
    Set<String> titles = Set.of("Start", title(true), title(false));
    Set<String> bodies =
        Set.of(
            BodyText.normalise("start"),
            BodyText.normalise(body(true)),
            BodyText.normalise(body(false)),
            BodyText.normalise(body(true).repeat(8)),
            BodyText.normalise(body(false).repeat(8)));
    Random random = new Random(42);
    int readsWhileWriting = 0;
    int killedMidWrite = 0;
    for (int round = 0; round < 8; round++) {
      // even rounds: full edits through the store; odd rounds: only large atomic writes
      String mode = round % 2 == 0 ? "store" : "raw";
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  AtomicWriteChild.class.getName(),
                  root.toString(),
                  ID,
                  mode)
              .redirectErrorStream(true)
              .start();
      BlockingQueue<String> writes = new LinkedBlockingQueue<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  out.lines().filter(l -> l.startsWith("WROTE ")).forEach(writes::add);
                } catch (Exception ignored) {
                  // the child was killed
                }
              });
      reader.start();
      int killAfter = 2 + random.nextInt(6);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int seen = 0;
      while (seen < killAfter) {
        assertTrue(System.nanoTime() < deadline, "child wrote " + seen + " times in 60 s");
        // read while the child writes: every version read must be whole
        assertWhole(root, titles, bodies);
        readsWhileWriting++;
        if (writes.poll(5, TimeUnit.MILLISECONDS) != null) {
          seen++;
        }
      }
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      reader.join(10_000);
      assertWhole(root, titles, bodies);
      try (Stream<Path> files = Files.list(root.resolve(FILE).getParent())) {
        killedMidWrite +=
            files.anyMatch(p -> p.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX))
                ? 1
                : 0;
      }
    }
    assertTrue(readsWhileWriting > 8);
    assertTrue(killedMidWrite > 0, "at least one writer was killed inside a write");
    System.out.println(
        "kills that left a temporary file (killed mid-write): " + killedMidWrite + " of 8");
    // a new store removes the temporary files killed writers left behind
    RoadmapStore.open(root);
    try (Stream<Path> files = Files.list(root.resolve(FILE).getParent())) {
      assertEquals(List.of(FILE.getFileName()), files.map(Path::getFileName).toList());
    }
  }

  private static void assertWhole(Path root, Set<String> titles, Set<String> bodies)
      throws Exception {
    ParsedIssueFile parsed = IssueFileParser.parse(FILE, Files.readAllBytes(root.resolve(FILE)));
    RoadmapIssue issue = assertInstanceOf(ParsedIssueFile.Parsed.class, parsed).issue();
    assertTrue(titles.contains(issue.title()), issue.title());
    assertTrue(
        bodies.contains(BodyText.normalise(issue.body())),
        "a whole body, " + issue.body().length() + " chars");
  }
}
