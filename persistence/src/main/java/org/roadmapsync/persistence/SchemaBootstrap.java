package org.roadmapsync.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Creates whatever part of the schema is missing: journal, snapshots, durable state, projection
 * offsets, and the read tables and indexes of {@code read-tables.sql}. Nothing creates them by
 * itself, and every step is safe to repeat on every start.
 */
public final class SchemaBootstrap {

  private SchemaBootstrap() {}

  public static CompletionStage<Done> createIfNotExists(ActorSystem<?> system, Database database) {
    return SchemaUtils.createIfNotExists(system)
        .thenCompose(done -> JdbcProjection.createTablesIfNotExists(database::newSession, system))
        // Run here rather than with SchemaUtils.applyScript, which logs a failed statement at debug
        // level and goes on.
        .thenApplyAsync(
            done -> applyReadTables(database),
            system.dispatchers().lookup(DispatcherSelector.blocking()));
  }

  static Done applyReadTables(Database database) {
    return database.write(
        connection -> {
          try (Statement statement = connection.createStatement()) {
            for (String sql : statements(readTables())) {
              statement.execute(sql);
            }
          }
          return Done.getInstance();
        });
  }

  /** The script's statements: comment lines dropped, then split on semicolons. */
  static List<String> statements(String script) {
    String code =
        script
            .lines()
            .filter(line -> !line.strip().startsWith("--"))
            .collect(Collectors.joining("\n"));
    return Arrays.stream(code.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  static String readTables() {
    try (InputStream in = SchemaBootstrap.class.getResourceAsStream("/read-tables.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
