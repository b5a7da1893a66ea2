package org.roadmapsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
}
