package org.roadmapsync.persistence;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Creates whatever part of the schema is missing: journal, snapshots, durable state, projection
 * offsets. Nothing creates them by itself, and every step is safe to repeat on every start.
 */
public final class SchemaBootstrap {

  private SchemaBootstrap() {}

  public static CompletionStage<Done> createIfNotExists(ActorSystem<?> system, Database database) {
    return SchemaUtils.createIfNotExists(system)
        .thenCompose(done -> JdbcProjection.createTablesIfNotExists(database::newSession, system));
  }
}
