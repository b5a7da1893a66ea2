package org.roadmapsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.roadmapsync.persistence.Database;

/** Runs the read-side projection: one instance per event tag slice, kept alive by ShardedDaemonProcess. */
public final class IssueSyncProjection {

  private IssueSyncProjection() {}

  public static void init(ActorSystem<?> system, Database database, ObjectMapper json) {
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            "issue-sync-projection",
            IssueSyncEntity.TAG_SLICES,
            slice -> {
              String tag = "issue-sync-" + slice;
              return ProjectionBehavior.create(
                  JdbcProjection.exactlyOnce(
                      ProjectionId.of("issue-sync", tag),
                      EventSourcedProvider.<IssueSyncEntity.Event>eventsByTag(system, JdbcReadJournal.Identifier(), tag),
                      database::newSession,
                      () -> new IssueSyncProjectionHandler(json),
                      system));
            },
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }
}
