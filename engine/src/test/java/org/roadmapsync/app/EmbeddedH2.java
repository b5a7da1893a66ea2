package org.roadmapsync.app;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.roadmapsync.config.DatabaseSettings;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.persistence.PersistenceConfig;
import org.roadmapsync.persistence.SchemaBootstrap;

/**
 * One test class's actor system over an H2 file of its own with the service's schema: the JDBC
 * journal, snapshots and read tables, as the service has them.
 */
public record EmbeddedH2(ActorTestKit testKit, Database database) implements AutoCloseable {

  public static EmbeddedH2 start(String name, Path folder) {
    DatabaseSettings settings = DatabaseSettings.embeddedH2(folder.resolve("data"));
    ActorTestKit testKit =
        ActorTestKit.create(
            name, PersistenceConfig.forDatabase(settings).withFallback(ConfigFactory.load()));
    Database database = Database.open(settings);
    SchemaBootstrap.createIfNotExists(testKit.system(), database).toCompletableFuture().join();
    return new EmbeddedH2(testKit, database);
  }

  @Override
  public void close() {
    database.close();
    testKit.shutdownTestKit();
  }
}
