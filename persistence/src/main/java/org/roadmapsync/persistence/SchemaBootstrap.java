package org.roadmapsync.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Creates whatever part of the schema is missing: journal, snapshots, durable state, projection
 * offsets, and the read tables the admin API lists from ({@code read-tables.sql}). Nothing creates
 * them by itself, and every step is safe to repeat on every start.
 */
public final class SchemaBootstrap {

  private SchemaBootstrap() {}

  static String readTables() {
    try (InputStream in = SchemaBootstrap.class.getResourceAsStream("/read-tables.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CompletionStage<Done> createIfNotExists(ActorSystem<?> system, Database database) {
    return SchemaUtils.createIfNotExists(system)
        .thenCompose(done -> JdbcProjection.createTablesIfNotExists(database::newSession, system))
        .thenCompose(done -> SchemaUtils.applyScript(readTables(), system));
  }
}
