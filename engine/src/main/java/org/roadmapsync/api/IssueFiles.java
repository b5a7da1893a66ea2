package org.roadmapsync.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each roadmap issue's file is, relative to the roadmap folder, for the {@code file} of the
 * issue rows. Read from the file names alone (no file is opened): the roadmap tool names every
 * issue file {@code <id>-<slug>.md} (or {@code <id>.md}) and sync refuses a file whose name does
 * not start with its id, so the name tells the id. An active file wins over an archived copy, as in
 * the store. One walk of {@code issues/} and {@code archive/issues/} serves every lookup for {@link
 * #MAX_AGE}; 10,000 names take tens of milliseconds, far more while webhook bursts keep the disk
 * and the blocking threads busy: an older snapshot is answered while the next walk runs, so only
 * the very first lookup waits for one.
 */
public final class IssueFiles {

  private static final Logger log = LoggerFactory.getLogger(IssueFiles.class);
  static final Duration MAX_AGE = Duration.ofSeconds(5);

  /** File names (lower levels of the path dropped) → the path relative to the folder. */
  record Snapshot(Instant at, TreeMap<String, String> active, TreeMap<String, String> archived) {

    static final Snapshot EMPTY = new Snapshot(Instant.EPOCH, new TreeMap<>(), new TreeMap<>());

    /** The file of {@code id}, or null when none is named after it. */
    String fileOf(String id) {
      String file = find(active, id);
      return file != null ? file : find(archived, id);
    }

    private static String find(TreeMap<String, String> byName, String id) {
      String exact = byName.get(id + ".md");
      if (exact != null) {
        return exact;
      }
      // "<id>-..." sorts right after "<id>-"; an id that itself has a dash could share the
      // prefix, which the tool's ids (8 hex digits) never do
      Map.Entry<String, String> next = byName.ceilingEntry(id + "-");
      return next != null && next.getKey().startsWith(id + "-") ? next.getValue() : null;
    }
  }

  private final Optional<Path> root;
  private final Executor blocking;
  private final Clock clock;
  private Snapshot snapshot = Snapshot.EMPTY;
  private CompletableFuture<Snapshot> walking;

  /**
   * @param root the roadmap folder; empty when there is none (every lookup answers null)
   */
  public IssueFiles(Optional<Path> root, Executor blocking, Clock clock) {
    this.root = root.map(p -> p.toAbsolutePath().normalize());
    this.blocking = blocking;
    this.clock = clock;
  }

  /**
   * The file names: when the snapshot is older than {@link #MAX_AGE} a new walk starts, and until
   * it ends the old snapshot answers (a lookup never waits for a walk once one has ended).
   */
  CompletionStage<Snapshot> current() {
    synchronized (this) {
      Instant now = clock.instant();
      if (snapshot.at().plus(MAX_AGE).isAfter(now)) {
        return CompletableFuture.completedFuture(snapshot);
      }
      CompletableFuture<Snapshot> walk = walking;
      if (walk == null) {
        walk = CompletableFuture.supplyAsync(this::walk, blocking);
        walking = walk;
        // a walk already done completes this at once, on this thread: it clears `walking`
        walk.whenComplete(this::walked);
      }
      return snapshot == Snapshot.EMPTY || walk.isDone()
          ? walk
          : CompletableFuture.completedFuture(snapshot);
    }
  }

  private synchronized void walked(Snapshot result, Throwable error) {
    walking = null;
    if (result != null) {
      snapshot = result;
    }
  }

  private Snapshot walk() {
    Instant at = clock.instant();
    TreeMap<String, String> active = new TreeMap<>();
    TreeMap<String, String> archived = new TreeMap<>();
    if (root.isPresent()) {
      Path folder = root.get();
      try {
        collect(folder, folder.resolve("issues"), active);
        collect(folder, folder.resolve("archive").resolve("issues"), archived);
      } catch (IOException | UncheckedIOException e) {
        log.warn("cannot list the roadmap's issue files for the dashboard: {}", e.toString());
        return new Snapshot(at, new TreeMap<>(), new TreeMap<>());
      }
    }
    return new Snapshot(at, active, archived);
  }

  private static void collect(Path root, Path top, TreeMap<String, String> into)
      throws IOException {
    if (!Files.isDirectory(top)) {
      return;
    }
    Files.walkFileTree(
        top,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return !dir.equals(top) && hidden(dir)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String name = file.getFileName().toString();
            if (attributes.isRegularFile() && name.endsWith(".md") && !hidden(file)) {
              // two folders with the same name (sync calls that a duplicate id): the first by path
              into.merge(
                  name, slashes(root.relativize(file)), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
  }

  private static boolean hidden(Path path) {
    return path.getFileName().toString().startsWith(".");
  }

  /** The same text on every system: {@code issues/backlog/1234abcd-title.md}. */
  private static String slashes(Path relative) {
    return StreamSupport.stream(relative.spliterator(), false)
        .map(Path::toString)
        .collect(Collectors.joining("/"));
  }
}
