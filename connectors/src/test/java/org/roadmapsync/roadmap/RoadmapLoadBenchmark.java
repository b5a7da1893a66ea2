package org.roadmapsync.roadmap;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark (not a test): writes N issue files shaped like the roadmap tool's (default 10,000) into
 * a temporary folder, loads them with {@link RoadmapStore#loadAll()} five times (the first in a
 * cold JVM) and prints files per second and heap used, then what a dependency run's {@link
 * RoadmapStore#loadRelations} costs after such a load. Run it as documented in docs/BENCHMARKS.md.
 */
public final class RoadmapLoadBenchmark {
  private static final String[] MILESTONES = {"backlog", "v1-0-2", "v.0.2.0", "v2-0-0"};

  private RoadmapLoadBenchmark() {}

  public static void main(String[] args) throws IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path root = Files.createTempDirectory("roadmap-benchmark").resolve(".roadmap");
    try {
      long bytes = generate(root, count);
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long heapBefore = memory.getHeapMemoryUsage().getUsed();
      System.out.printf(
          Locale.ROOT, "generated %,d issue files (%,d bytes) in %s%n", count, bytes, root);
      System.out.printf(
          Locale.ROOT,
          "JVM: %s %s, %d processors, max heap %,d MB, system load average %.2f%n",
          System.getProperty("java.vm.name"),
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      LoadResult kept = null;
      for (int run = 1; run <= 5; run++) {
        RoadmapStore store = RoadmapStore.open(root);
        long start = System.nanoTime();
        LoadResult result = store.loadAll();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.issues().size() != count || !result.problems().isEmpty()) {
          throw new IllegalStateException(
              "loaded " + result.issues().size() + " issues, problems " + result.problems().size());
        }
        System.out.printf(
            Locale.ROOT,
            "run %d: loaded %,d files in %.3f s = %,.0f files/s (load average %.2f)%n",
            run,
            count,
            seconds,
            count / seconds,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        kept = result;
      }
      relationRuns(root, count);
      System.gc();
      long heapAfter = memory.getHeapMemoryUsage().getUsed();
      System.out.printf(
          Locale.ROOT,
          "heap used with the %,d loaded issues held: %,d MB (%,d MB more than before loading)%n",
          kept.issues().size(),
          heapAfter >> 20,
          (heapAfter - heapBefore) >> 20);
    } finally {
      deleteTree(root.getParent());
    }
  }

  /**
   * What a dependency run costs after the start-up load ({@link RoadmapStore#loadRelations}): three
   * runs over unchanged files, then one after 1 % of them were edited.
   */
  private static void relationRuns(Path root, int count) throws IOException {
    RoadmapStore store = RoadmapStore.open(root);
    store.loadAll();
    for (int run = 1; run <= 4; run++) {
      int edited = run == 4 ? count / 100 : 0;
      try (var files = Files.walk(root.resolve("issues"))) {
        for (Path file : files.filter(Files::isRegularFile).limit(edited).toList()) {
          Files.writeString(file, Files.readString(file) + "\nEdited.\n");
        }
      }
      long start = System.nanoTime();
      LoadResult result = store.loadRelations();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (result.issues().size() != count) {
        throw new IllegalStateException("read the relations of " + result.issues().size());
      }
      System.out.printf(
          Locale.ROOT,
          "relations run %d after the load, %,d files edited before it: %.3f s = %,.0f files/s%n",
          run,
          edited,
          seconds,
          count / seconds);
    }
  }

  private static long generate(Path root, int count) throws IOException {
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      String id = String.format("%08x", 0x10000000 + i);
      String milestone = MILESTONES[i % MILESTONES.length];
      Path file =
          root.resolve("issues")
              .resolve(milestone)
              .resolve(id + "-generated-issue-number-" + i + ".md");
      Files.createDirectories(file.getParent());
      byte[] content = issue(id, i, milestone).getBytes(StandardCharsets.UTF_8);
      Files.write(file, content);
      bytes += content.length;
    }
    return bytes;
  }

  private static String issue(String id, int i, String milestone) {
    return "---\n"
        + "id: "
        + id
        + "\n"
        + "title: Generated issue number "
        + i
        + " with a realistic title length\n"
        + "headline: '# Generated issue number "
        + i
        + "'\n"
        + "priority: "
        + (i % 3 == 0 ? "high" : "medium")
        + "\n"
        + "status: "
        + (i % 5 == 0 ? "closed" : "todo")
        + "\n"
        + "archived: false\n"
        + "issue_type: "
        + (i % 2 == 0 ? "feature" : "bug")
        + "\n"
        + "milestone: "
        + (milestone.equals("backlog") ? "null" : milestone)
        + "\n"
        + "labels:\n- area:sync\n- priority:"
        + (i % 3 == 0 ? "high" : "medium")
        + "\n"
        + "remote_ids:\n  github: "
        + (1000 + i)
        + "\n"
        + "created: '2026-02-10T21:25:38.676310+00:00'\n"
        + "updated: '2026-02-11T22:03:40.351985+00:00'\n"
        + "assignee: shanewilkins\n"
        + "estimated_hours: null\ndue_date: null\ndepends_on: []\nblocks: []\n"
        + "actual_start_date: null\nactual_end_date: null\nprogress_percentage: 0.0\n"
        + "handoff_notes: null\nprevious_assignee: null\nhandoff_date: null\n"
        + "git_branches: []\ngit_commits: []\ncompleted_date: null\ncomments: []\n"
        + "github_issue: "
        + (1000 + i)
        + "\n"
        + "---\n\n"
        + "# Generated issue number "
        + i
        + "\n\n## Description\n\n"
        + "A body of a few paragraphs, like the real ones. ".repeat(12)
        + "\n\n"
        + "## Acceptance Criteria\n\n- [ ] Criterion 1\n- [ ] Criterion 2\n- [ ] Criterion 3\n";
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
