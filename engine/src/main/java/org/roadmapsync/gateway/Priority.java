package org.roadmapsync.gateway;

import org.roadmapsync.sync.Trigger;

/**
 * Who is waiting for a GitHub call, most urgent first: a person (a manual sync, or a webhook that
 * reports someone's edit), then the folder watcher, then the background poller. The governor and
 * the operation queue serve lower ordinals first.
 */
public enum Priority {
  INTERACTIVE,
  WATCH,
  POLL;

  public static Priority of(Trigger trigger) {
    return switch (trigger) {
      case MANUAL, WEBHOOK -> INTERACTIVE;
      case WATCH -> WATCH;
      case POLL, RETRY -> POLL;
    };
  }
}
