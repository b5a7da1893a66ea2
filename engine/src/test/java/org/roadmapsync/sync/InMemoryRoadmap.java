package org.roadmapsync.sync;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.roadmapsync.roadmap.RoadmapStoreException;

/**
 * One roadmap file for entity unit tests: content hashes, the stale-write guard, counted writes.
 */
final class InMemoryRoadmap implements RoadmapPort {

  /** As {@code FieldMapping.toEdit}: a file keeps its status, priority or type when told none. */
  private static final Set<SyncField> CANNOT_BE_EMPTIED =
      Set.of(SyncField.STATUS, SyncField.PRIORITY, SyncField.ISSUE_TYPE);

  private final Clock clock;
  private LocalSnapshot file;
  private int version;
  final AtomicInteger writes = new AtomicInteger();

  /** The next write, or the next read, fails like a full disk. */
  volatile boolean failNextWrite;

  volatile boolean failNextRead;

  InMemoryRoadmap(Clock clock, IssueFields fields) {
    this.clock = clock;
    this.file = new LocalSnapshot(fields, clock.instant(), "v0", null, null, List.of());
  }

  /** A user's edit on disk. */
  synchronized LocalSnapshot edit(IssueFields fields, Long githubIssue) {
    return edit(fields, githubIssue, file.comments());
  }

  /** A user's edit of the comments on disk. */
  synchronized LocalSnapshot editComments(List<LocalComment> comments) {
    return edit(file.fields(), file.githubIssue(), comments);
  }

  private LocalSnapshot edit(IssueFields fields, Long githubIssue, List<LocalComment> comments) {
    file =
        new LocalSnapshot(fields, clock.instant(), "v" + (++version), githubIssue, null, comments);
    return file;
  }

  @Override
  public synchronized CompletionStage<LocalSnapshot> writeComments(
      String id, List<LocalComment> comments, String expectedHash) {
    Optional<CompletionStage<LocalSnapshot>> refused = refused(id, expectedHash);
    if (refused.isPresent()) {
      return refused.get();
    }
    writes.incrementAndGet();
    return CompletableFuture.completedFuture(editComments(comments));
  }

  synchronized LocalSnapshot file() {
    return file;
  }

  @Override
  public synchronized CompletionStage<LocalSnapshot> read(String id) {
    if (failNextRead) {
      failNextRead = false;
      return CompletableFuture.failedFuture(
          new java.io.UncheckedIOException(new java.io.IOException("disk read failed")));
    }
    return CompletableFuture.completedFuture(file);
  }

  @Override
  public synchronized CompletionStage<LocalSnapshot> write(
      String id, IssueFields target, Set<SyncField> fields, String expectedHash) {
    Optional<CompletionStage<LocalSnapshot>> refused = refused(id, expectedHash);
    if (refused.isPresent()) {
      return refused.get();
    }
    IssueFields now = file.fields();
    for (SyncField f : fields) {
      if (target.value(f) == null && CANNOT_BE_EMPTIED.contains(f)) {
        continue; // as the real file: no value there is the value it had
      }
      now = now.with(f, target.value(f));
    }
    writes.incrementAndGet();
    return CompletableFuture.completedFuture(edit(now, file.githubIssue()));
  }

  @Override
  public synchronized CompletionStage<LocalSnapshot> writeLink(
      String id, Long number, String expectedHash) {
    if (!expectedHash.equals(file.contentHash())) {
      return CompletableFuture.failedFuture(
          new RoadmapStoreException.StaleIssue(id, expectedHash, file.contentHash()));
    }
    writes.incrementAndGet();
    return CompletableFuture.completedFuture(edit(file.fields(), number));
  }

  /**
   * A write decided on another content hash (stale), or the one planned to fail like a full disk.
   */
  private Optional<CompletionStage<LocalSnapshot>> refused(String id, String expectedHash) {
    if (!expectedHash.equals(file.contentHash())) {
      return Optional.of(
          CompletableFuture.failedFuture(
              new RoadmapStoreException.StaleIssue(id, expectedHash, file.contentHash())));
    }
    if (failNextWrite) {
      failNextWrite = false;
      return Optional.of(
          CompletableFuture.failedFuture(
              new java.io.UncheckedIOException(
                  new java.io.IOException("No space left on device"))));
    }
    return Optional.empty();
  }
}
