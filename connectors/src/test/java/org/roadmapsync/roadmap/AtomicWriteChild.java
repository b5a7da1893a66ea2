package org.roadmapsync.roadmap;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link AtomicWriteKillTest}: rewrites one issue as fast as it can,
 * alternating two large versions, and prints a line after each write so the parent can kill it
 * mid-write.
 */
public final class AtomicWriteChild {
  private AtomicWriteChild() {}

  public static void main(String[] args) throws Exception {
    RoadmapStore store = RoadmapStore.open(Path.of(args[0]));
    String id = args[1];
    if (args.length > 2 && args[2].equals("raw")) {
      rawWrites(store.root().resolve(store.read(id).orElseThrow().path()));
    }
    for (long i = 0; ; i++) {
      boolean even = i % 2 == 0;
      store.apply(
          id,
          IssueEdit.builder()
              .title(AtomicWriteKillTest.title(even))
              .body(AtomicWriteKillTest.body(even))
              .build());
      System.out.println("WROTE " + i);
      System.out.flush();
    }
  }

  /** Only the atomic write itself, with large files, so that most kills land inside a write. */
  private static void rawWrites(Path file) throws java.io.IOException {
    byte[][] versions = {
      AtomicWriteKillTest.rawVersion(true), AtomicWriteKillTest.rawVersion(false)
    };
    for (long i = 0; ; i++) {
      AtomicFiles.write(file, versions[(int) (i % 2)]);
      System.out.println("WROTE " + i);
      System.out.flush();
    }
  }
}
