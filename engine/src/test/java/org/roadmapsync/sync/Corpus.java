package org.roadmapsync.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The roadmap corpus is a read-only test resource of the connectors module; surefire runs in the
 * engine module's folder, so it is found next door and copied before a store opens it.
 */
final class Corpus {
  static final String CURRENT = "v1.0.2-298e8c5a";
  static final String OLDER = "2026-01-2a75b366";
  private static final Path ROOT =
      Path.of("..", "connectors", "src", "test", "resources", "roadmap-corpus");

  private Corpus() {}

  /** Copies one snapshot's {@code .roadmap} folder to {@code into} and returns the copy. */
  static Path copy(String snapshot, Path into) throws IOException {
    Path source = ROOT.resolve(snapshot).resolve(".roadmap");
    try (Stream<Path> walk = Files.walk(source)) {
      walk.forEach(
          p -> {
            Path target = into.resolve(source.relativize(p).toString());
            try {
              if (Files.isDirectory(p)) {
                Files.createDirectories(target);
              } else {
                Files.copy(p, target);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return into;
  }
}
