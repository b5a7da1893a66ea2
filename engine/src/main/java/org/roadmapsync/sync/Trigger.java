package org.roadmapsync.sync;

import java.util.Locale;

/** What set a sync going, as the history shows it. */
public enum Trigger {
  WEBHOOK,
  POLL,
  WATCH,
  MANUAL,
  /** The last round failed for a passing reason and its backoff ran out. */
  RETRY;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
