package org.roadmapsync.gateway;

import java.time.Duration;

/**
 * What the governor and the operation queue report as it happens; {@code metrics.Metrics} counts
 * it.
 */
public interface GatewayEvents {

  /**
   * Requests are held back: {@code primary} (quota spent) or {@code secondary} (a secondary limit
   * hit).
   */
  void hold(String reason);

  /** A permit was granted after waiting this long. */
  void waited(Duration waited);

  /** An operation is tried again: {@code read} or {@code write}. */
  void retry(String kind);

  /** Operations pending, running or waiting to retry. */
  void queueDepth(int depth);

  GatewayEvents NONE =
      new GatewayEvents() {
        public void hold(String reason) {}

        public void waited(Duration waited) {}

        public void retry(String kind) {}

        public void queueDepth(int depth) {}
      };
}
