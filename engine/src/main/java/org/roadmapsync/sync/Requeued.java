package org.roadmapsync.sync;

import java.time.Instant;
import org.roadmapsync.persistence.CborSerializable;

/**
 * How often an item's work failed in a row, and when it is tried again on its own ({@code at} null:
 * parked until something changes). Part of the issue entity's and the pull-request lifecycle's
 * state.
 */
public record Requeued(int attempts, Instant at) implements CborSerializable {

  /** One more failure in a row after {@code before} (null: none), next try at {@code at}. */
  public static Requeued after(Requeued before, Instant at) {
    return new Requeued(before == null ? 1 : before.attempts() + 1, at);
  }

  /** Whether the work may run at {@code now}: not failed, or its backoff is over. */
  public static boolean due(Requeued requeued, Instant now) {
    return requeued == null || (requeued.at() != null && !now.isBefore(requeued.at()));
  }
}
