package org.roadmapsync.sync;

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
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static java.util.Optional<SyncStatus> fromApiName(String name) {
    for (SyncStatus s : values()) {
      if (s.apiName().equals(name)) {
        return java.util.Optional.of(s);
      }
    }
    return java.util.Optional.empty();
  }
}
