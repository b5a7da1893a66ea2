package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The precondition is checked after the new content is on disk and before the rename. */
class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void aSaveThatCameInWhileTheNewContentWasWrittenIsNotReplaced() throws IOException {
    Path file = dir.resolve("issue.md");
    Files.writeString(file, "before");
    IOException refused =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    file,
                    "ours".getBytes(),
                    () -> {
                      Files.writeString(
                          file,
                          "the user's save"); // lands while our temporary file is being written
                      if (!Files.readString(file).equals("before")) {
                        throw new IOException("changed since it was read");
                      }
                    }));
    assertEquals("changed since it was read", refused.getMessage());
    assertEquals("the user's save", Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void aPreconditionThatHoldsLetsTheWriteThrough() throws IOException {
    Path file = dir.resolve("issue.md");
    Files.writeString(file, "before");
    AtomicFiles.write(file, "ours".getBytes(), () -> {});
    assertEquals("ours", Files.readString(file));
  }
}
