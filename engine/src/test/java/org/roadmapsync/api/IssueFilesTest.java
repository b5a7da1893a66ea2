package org.roadmapsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueFilesTest {

  @TempDir Path roadmap;

  @Test
  void aWalkThatEndsAtOnceIsAnsweredNotLost() throws Exception {
    Files.createDirectories(roadmap.resolve("issues/v1"));
    Files.writeString(roadmap.resolve("issues/v1/abcd1234-a-title.md"), "---\n");
    // a walk on the calling thread completes before current() returns: the lost-answer case
    IssueFiles files = new IssueFiles(Optional.of(roadmap), Runnable::run, Clock.systemUTC());

    IssueFiles.Snapshot snapshot = files.current().toCompletableFuture().get();

    assertThat(snapshot.fileOf("abcd1234")).isEqualTo("issues/v1/abcd1234-a-title.md");
    assertThat(files.current().toCompletableFuture().get()).isSameAs(snapshot);
  }

  @Test
  void anOldSnapshotAnswersWhileTheNextWalkRuns() throws Exception {
    Files.createDirectories(roadmap.resolve("issues/v1"));
    Files.writeString(roadmap.resolve("issues/v1/abcd1234-a-title.md"), "---\n");
    Queue<Runnable> walks = new ArrayDeque<>();
    Instant start = Instant.parse("2026-12-07T12:00:00Z");
    Clock later = Clock.fixed(start.plus(IssueFiles.MAX_AGE).plusSeconds(1), ZoneOffset.UTC);
    Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
    IssueFiles files = new IssueFiles(Optional.of(roadmap), walks::add, new DelegatingClock(clock));

    var first = files.current().toCompletableFuture();
    assertThat(first).isNotDone(); // nothing walked yet: the first lookup waits
    walks.remove().run();
    IssueFiles.Snapshot old = first.get();

    Files.writeString(roadmap.resolve("issues/v1/ef012345-another.md"), "---\n");
    clock[0] = later;
    assertThat(files.current().toCompletableFuture().getNow(null)).isSameAs(old);
    assertThat(walks).hasSize(1); // the next walk is under way
    walks.remove().run();
    assertThat(files.current().toCompletableFuture().get().fileOf("ef012345"))
        .isEqualTo("issues/v1/ef012345-another.md");
  }

  /** A clock the test moves. */
  private static final class DelegatingClock extends Clock {
    private final Clock[] now;

    DelegatingClock(Clock[] now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now[0].instant();
    }
  }
}
