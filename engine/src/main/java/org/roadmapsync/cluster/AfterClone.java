package org.roadmapsync.cluster;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Holds a daemon back until this node's roadmap clone has fetched the remote. A node that takes
 * over the clone's singletons last fetched when it started: the roadmap observer reading those old
 * files would hand entities contents older than what they synced, and they would sync them back.
 * Messages that arrive meanwhile are kept and handed over in order.
 */
final class AfterClone {

  private enum Current {
    INSTANCE
  }

  private static final int KEPT = 10_000;

  private AfterClone() {}

  static <T> Behavior<T> gate(CompletionStage<?> current, Behavior<T> behavior) {
    Behavior<Object> waiting =
        Behaviors.setup(
            context -> {
              context.pipeToSelf(current, (done, error) -> Current.INSTANCE);
              return Behaviors.withStash(
                  KEPT,
                  stash ->
                      Behaviors.receive(Object.class)
                          .onMessageEquals(
                              Current.INSTANCE, () -> stash.unstashAll(behavior.unsafeCast()))
                          .onAnyMessage(
                              message -> {
                                stash.stash(message);
                                return Behaviors.same();
                              })
                          .build());
            });
    return waiting.narrow();
  }
}
