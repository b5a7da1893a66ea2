package org.roadmapsync.sync;

import java.util.Locale;
import java.util.Optional;

/**
 * Where one issue stands. {@code UNLINKED} extends DESIGN.md's four statuses: a roadmap issue with
 * no GitHub counterpart yet (publish or link it).
 */
public enum SyncStatus {
  SYNCED,
  PENDING,
  ERROR,
  CONFLICT,
  UNLINKED;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SyncStatus> fromApiName(String name) {
    for (SyncStatus s : values()) {
      if (s.apiName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
