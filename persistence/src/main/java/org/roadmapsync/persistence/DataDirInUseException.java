package org.roadmapsync.persistence;

import java.nio.file.Path;

/**
 * Another process already holds the data folder; starting a second one would corrupt nothing, but
 * fail late.
 */
public final class DataDirInUseException extends RuntimeException {

  public DataDirInUseException(Path dataDir, String holder) {
    super(
        "data folder "
            + dataDir
            + " is in use by another roadmap-sync process ("
            + holder
            + "); stop it, or give this one its own ROADMAP_SYNC_DATA_DIR");
  }
}
