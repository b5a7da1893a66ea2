package org.roadmapsync.roadmap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that are never seen half done: a hidden temporary file in the target's own folder, written
 * and forced to disk, then renamed over the target in one step. A reader (or a crash) sees the old
 * file or the new one, nothing in between.
 */
public final class AtomicFiles {
  private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);
  static final String TEMP_SUFFIX = ".roadmap-sync.tmp";

  private AtomicFiles() {}

  public static void write(Path target, byte[] content) throws IOException {
    write(target, content, () -> {});
  }

  /**
   * What must still hold the moment before the rename; it throws when it does not, and nothing is
   * replaced.
   */
  @FunctionalInterface
  public interface Precondition {
    void check() throws IOException;
  }

  /**
   * As {@link #write(Path, byte[])}, with {@code beforeReplace} checked after the new content is on
   * disk and right before the rename: the narrowest window there is for someone else's save to come
   * in between.
   */
  public static void write(Path target, byte[] content, Precondition beforeReplace)
      throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      beforeReplace.check();
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    syncFolder(folder);
  }

  /**
   * Renames a file to another folder of the same tree in one step (no copy, no moment with two
   * files).
   */
  public static void move(Path from, Path to) throws IOException {
    Files.createDirectories(to.toAbsolutePath().getParent());
    if (Files.exists(to)) {
      throw new IOException("cannot move " + from + ": " + to + " already exists");
    }
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot move " + from + " to " + to + " in one step", e);
    }
    syncFolder(to.toAbsolutePath().getParent());
    syncFolder(from.toAbsolutePath().getParent());
  }

  /** Removes temporary files a killed writer may have left behind. */
  static void removeLeftovers(Path root) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(p -> p.getFileName().toString().endsWith(TEMP_SUFFIX))
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                  log.info("removed an unfinished temporary file {}", p);
                } catch (IOException e) {
                  log.warn("cannot remove temporary file {}: {}", p, e.toString());
                }
              });
    } catch (IOException e) {
      log.warn("cannot look for temporary files under {}: {}", root, e.toString());
    }
  }

  /**
   * Makes the rename itself durable; some file systems cannot open a folder for this, which is
   * fine.
   */
  private static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("folder {} not synced: {}", folder, e.toString());
    }
  }
}
