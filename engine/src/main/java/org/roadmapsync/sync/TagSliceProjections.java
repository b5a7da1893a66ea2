package org.roadmapsync.sync;

import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;

/**
 * Runs a projection per tag slice of an entity's events, each slice a worker of one sharded daemon
 * process.
 */
public final class TagSliceProjections {

  private TagSliceProjections() {}

  /**
   * @param name the daemon process
   * @param tagPrefix the entity tags its events with this prefix and a slice number, 0 to {@code
   *     slices - 1}
   * @param projectionOfTag the projection of the events with one tag
   */
  public static void start(
      ActorSystem<?> system,
      String name,
      String tagPrefix,
      int slices,
      Function<String, Projection<?>> projectionOfTag) {
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            name,
            slices,
            slice -> ProjectionBehavior.create(projectionOfTag.apply(tagPrefix + slice)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }
}
