package org.roadmapsync.sync;

import java.time.Duration;

/**
 * What the issue entities report for {@code /metrics}; called on the entity's thread, so it must
 * not block.
 */
@FunctionalInterface
public interface SyncMetrics {

  /** A round that started {@code latency} ago ended with both sides in step. */
  void roundSynced(Duration latency);

  SyncMetrics NONE = latency -> {};
}
