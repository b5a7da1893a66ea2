package org.roadmapsync.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

  @TempDir Path dir;

  @Test
  void aSecondHolderIsRefusedWithTheFolderNamed() {
    Path dataDir = dir.resolve("data");
    try (DataDirLock first = DataDirLock.acquire(dataDir)) {
      var e = assertThrows(DataDirInUseException.class, () -> DataDirLock.acquire(dataDir));
      assertThat(e.getMessage())
          .contains(dataDir.toString())
          .contains("pid " + ProcessHandle.current().pid());
    }
    // released: the folder can be taken again
    try (DataDirLock again = DataDirLock.acquire(dataDir)) {
      assertThat(Files.exists(dataDir.resolve(DataDirLock.LOCK_FILE))).isTrue();
    }
  }
}
