package org.roadmapsync.roadmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Copies the read-only roadmap corpus from the test classpath into a temporary folder. */
final class CorpusFiles {
  static final String CURRENT = "v1.0.2-298e8c5a";
  static final String OLDER = "2026-01-2a75b366";

  private CorpusFiles() {}

  static Path classpathCorpus() {
    try {
      return Path.of(
              CorpusFiles.class.getClassLoader().getResource("roadmap-corpus/README.md").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Copies one corpus snapshot's {@code .roadmap} folder to {@code into/.roadmap} and returns it.
   */
  static Path copy(String snapshot, Path into) throws IOException {
    Path source = classpathCorpus().resolve(snapshot).resolve(".roadmap");
    Path target = into.resolve(".roadmap");
    try (Stream<Path> walk = Files.walk(source)) {
      walk.forEach(
          p -> {
            Path to = target.resolve(source.relativize(p).toString());
            try {
              if (Files.isDirectory(p)) {
                Files.createDirectories(to);
              } else {
                Files.copy(p, to);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return target;
  }

  /** Every {@code .md} file of a copied roadmap folder, relative to it. */
  static List<Path> markdownFiles(Path roadmap) throws IOException {
    try (Stream<Path> walk = Files.walk(roadmap)) {
      return walk.filter(p -> p.toString().endsWith(".md"))
          .map(roadmap::relativize)
          .sorted()
          .toList();
    }
  }
}
