package org.roadmapsync.sync;

/** What set a sync going, as the history shows it. */
public enum Trigger {
  WEBHOOK,
  POLL,
  WATCH,
  MANUAL;

  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
