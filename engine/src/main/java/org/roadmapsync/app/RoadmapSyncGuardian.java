package org.roadmapsync.app;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.roadmapsync.api.AdminRoutes;
import org.roadmapsync.api.HealthService;
import org.roadmapsync.config.Settings;
import org.roadmapsync.gateway.GitHubHealth;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.persistence.JournalProbe;
import org.roadmapsync.persistence.SchemaBootstrap;

/**
 * The root of the service's actors. Creates the schema first, then the actors, then binds the admin
 * API, so no request can arrive before the database is ready.
 */
final class RoadmapSyncGuardian {

  private RoadmapSyncGuardian() {}

  static Behavior<Void> create(Settings settings, Database database, CompletableFuture<ServerBinding> bound) {
    return Behaviors.setup(
        context -> {
          var system = context.getSystem();
          Executor blocking =
              system.dispatchers().lookup(DispatcherSelector.fromConfig("roadmap-sync.blocking-dispatcher"));
          ActorRef<JournalProbe.Command> probe = context.spawn(JournalProbe.create(), "journal-probe");
          var health =
              new HealthService(
                  system,
                  probe,
                  settings.roadmapDir(),
                  blocking,
                  () ->
                      settings.github().configured()
                          ? GitHubHealth.notYetChecked(Clock.systemUTC().instant())
                          : GitHubHealth.notConfigured(Clock.systemUTC().instant()));
          var mapper = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-json", java.util.Optional.empty());
          var routes = new AdminRoutes(health, settings.http().adminToken(), mapper);

          SchemaBootstrap.createIfNotExists(system, database)
              .thenCompose(done -> AdminServer.start(system, settings.http(), routes.route()))
              .whenComplete(
                  (binding, error) -> {
                    if (error != null) {
                      bound.completeExceptionally(error);
                    } else {
                      bound.complete(binding);
                    }
                  });
          return Behaviors.empty();
        });
  }
}
