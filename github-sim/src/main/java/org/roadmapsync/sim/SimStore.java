package org.roadmapsync.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one lock around {@link SimData}. Every request runs its whole read or change inside {@link
 * #apply}; the webhook events a change produced leave in order, after the change.
 */
final class SimStore {
  private final SimData data;
  private final Consumer<SimEvent> events;

  SimStore(SimData data, Consumer<SimEvent> events) {
    this.data = data;
    this.events = events;
  }

  <T> T apply(Function<SimData, T> operation) {
    List<SimEvent> out;
    T result;
    synchronized (this) {
      try {
        result = operation.apply(data);
      } finally {
        out = new ArrayList<>(data.pendingEvents);
        data.pendingEvents.clear();
      }
      // handed over under the lock so that deliveries keep the order of the changes
      out.forEach(events);
    }
    return result;
  }
}
