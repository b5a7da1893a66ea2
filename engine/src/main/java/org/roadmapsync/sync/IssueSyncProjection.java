package org.roadmapsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.roadmapsync.persistence.Database;

/**
 * Runs the read-side projection: one instance per event tag slice, kept alive by
 * ShardedDaemonProcess, exactly once per group of events.
 */
public final class IssueSyncProjection {

  /** A group is written when it holds this many events or its first one waited this long. */
  static final int GROUP_SIZE = 200;

  static final Duration GROUP_WAIT = Duration.ofMillis(50);

  private IssueSyncProjection() {}

  public static void init(ActorSystem<?> system, Database database, ObjectMapper json) {
    TagSliceProjections.start(
        system,
        "issue-sync-projection",
        "issue-sync-",
        IssueSyncEntity.TAG_SLICES,
        tag ->
            JdbcProjection.groupedWithin(
                    ProjectionId.of("issue-sync", tag),
                    EventSourcedProvider.<IssueSyncEntity.Event>eventsByTag(
                        system, JdbcReadJournal.Identifier(), tag),
                    database::newSession,
                    () -> new IssueSyncProjectionHandler(json),
                    system)
                .withGroup(GROUP_SIZE, GROUP_WAIT));
  }
}
