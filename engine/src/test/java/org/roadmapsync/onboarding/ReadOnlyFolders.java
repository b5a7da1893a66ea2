package org.roadmapsync.onboarding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Folders made read-only for a test, also for root (which ignores permission bits): {@code chmod
 * a-w}, then {@code chattr +i} when a probe write still works. Restored on close.
 */
final class ReadOnlyFolders implements AutoCloseable {

  private final List<Path> folders;
  private boolean immutable;

  private ReadOnlyFolders(List<Path> folders) {
    this.folders = folders;
  }

  static ReadOnlyFolders of(Path... folders) throws IOException, InterruptedException {
    ReadOnlyFolders readOnly = new ReadOnlyFolders(List.of(folders));
    for (Path folder : folders) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
    if (readOnly.writable()) {
      readOnly.immutable = true;
      readOnly.chattr("+i");
    }
    Assumptions.assumeFalse(
        readOnly.writable(), "this machine cannot make a folder read-only for this user");
    return readOnly;
  }

  private boolean writable() {
    for (Path folder : folders) {
      Path probe = folder.resolve(".probe-" + UUID.randomUUID());
      try {
        Files.createFile(probe);
        Files.delete(probe);
        return true;
      } catch (IOException refused) {
        // read-only, as wanted
      }
    }
    return false;
  }

  private void chattr(String flag) throws IOException, InterruptedException {
    for (Path folder : folders) {
      new ProcessBuilder("chattr", flag, folder.toString()).inheritIO().start().waitFor();
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (immutable) {
      chattr("-i");
    }
    for (Path folder : folders) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
