package org.roadmapsync.roadmap;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The issue files as they were last parsed, without their text: what {@link
 * RoadmapStore#loadRelations} hands out (ids, links, relations, hashes), so that it parses only the
 * files that changed since, instead of every file of a large roadmap at each dependency run.
 *
 * <p>A file's entry is used only while its stamp is the same: its identity (an inode: every store
 * write replaces the file with a new one), size and modification time. An edit in place within the
 * clock tick of the one before keeps all three; the watcher sees it and {@link #forget}s the file,
 * and an entry parsed while any file was forgotten is not kept. A change that neither shows (the
 * watcher's rescan misses it too) is still seen: an entry is used for {@link #MAX_AGE} at most,
 * then the file is parsed again.
 */
final class ParsedFilesMemo {

  /** What identifies one version of a file without reading it. */
  record Stamp(Object fileKey, long size, FileTime modified) {
    static Stamp of(BasicFileAttributes attributes) {
      return new Stamp(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
    }
  }

  /** An issue file found by a walk, with its stamp. */
  record StampedFile(Path path, Stamp stamp) {}

  /** How long a parse is used without a look at the file's text. */
  static final Duration MAX_AGE = Duration.ofMinutes(10);

  private record Entry(Stamp stamp, ParsedIssueFile.Parsed parsed, long parsedAt) {}

  private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong forgets = new AtomicLong();
  private final LongSupplier nanoTime;

  ParsedFilesMemo() {
    this(System::nanoTime);
  }

  /** With the clock of a test. */
  ParsedFilesMemo(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** To pass to {@link #remember}: taken before the files are read. */
  long forgetsSoFar() {
    return forgets.get();
  }

  /** The file as parsed before, if its stamp has not moved since and the parse is not too old. */
  Optional<ParsedIssueFile> recall(StampedFile file) {
    Entry entry = entries.get(file.path());
    return entry != null
            && entry.stamp().equals(file.stamp())
            && nanoTime.getAsLong() - entry.parsedAt() < MAX_AGE.toNanos()
        ? Optional.of(entry.parsed())
        : Optional.empty();
  }

  /**
   * Keeps {@code parsed} without its text for {@code file}, unless a file was forgotten since
   * {@code forgetsBefore} (the bytes parsed may be older than the stamp); returns it without its
   * text.
   */
  ParsedIssueFile remember(StampedFile file, ParsedIssueFile parsed, long forgetsBefore) {
    if (!(parsed instanceof ParsedIssueFile.Parsed ok)) {
      return parsed;
    }
    var withoutText = new ParsedIssueFile.Parsed(ok.issue().withoutText(), ok.idLine(), null);
    if (forgets.get() == forgetsBefore) {
      entries.put(file.path(), new Entry(file.stamp(), withoutText, nanoTime.getAsLong()));
    }
    return withoutText;
  }

  /** The file changed on disk: parsed again next time, whatever its stamp says. */
  void forget(Path relative) {
    forgets.incrementAndGet();
    entries.remove(relative);
  }

  /** Only the files a walk found stay. */
  void retain(Set<Path> present) {
    entries.keySet().retainAll(present);
  }
}
