package org.roadmapsync.app;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.roadmapsync.api.AdminRoutes;
import org.roadmapsync.api.GitRoutes;
import org.roadmapsync.api.IssueFiles;
import org.roadmapsync.api.IssueLocations;
import org.roadmapsync.api.OnboardingRoutes;
import org.roadmapsync.api.PullRoutes;
import org.roadmapsync.api.SchedulerRoutes;
import org.roadmapsync.api.WebhookRoutes;
import org.roadmapsync.cluster.ClusterHealth;
import org.roadmapsync.cluster.ClusterProbes;
import org.roadmapsync.cluster.Placement;
import org.roadmapsync.config.Settings;
import org.roadmapsync.git.CloneStartup;
import org.roadmapsync.git.RoadmapGit;
import org.roadmapsync.health.GitHealth;
import org.roadmapsync.health.GovernorHealth;
import org.roadmapsync.health.HealthService;
import org.roadmapsync.metrics.Metrics;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.persistence.JournalProbe;
import org.roadmapsync.persistence.SchemaBootstrap;
import org.roadmapsync.pulls.PullRequestLifecycle;
import org.roadmapsync.sync.IssueSyncEntity;

/**
 * The root of the service's actors. Creates the schema first, then the sync engine, then binds the
 * admin API, so no request can arrive before the database is ready.
 */
final class RoadmapSyncGuardian {

  interface Command {}

  /** The schema is there and the roadmap folder open, or why not. */
  private record Prepared(Optional<SyncSetup.OpenedRoadmap> roadmap, Throwable error)
      implements Command {}

  private RoadmapSyncGuardian() {}

  static Behavior<Command> create(
      Settings settings,
      Database database,
      Optional<CloneStartup.Prepared> clone,
      CompletableFuture<ServerBinding> bound) {
    return Behaviors.setup(
        context -> {
          Executor blocking = blocking(context);
          context.pipeToSelf(
              SchemaBootstrap.createIfNotExists(context.getSystem(), database)
                  .thenApplyAsync(done -> SyncSetup.openRoadmap(settings), blocking),
              Prepared::new);
          return Behaviors.receive(Command.class)
              .onMessage(
                  Prepared.class, ready -> start(context, settings, database, clone, bound, ready))
              .build();
        });
  }

  private static Behavior<Command> start(
      ActorContext<Command> context,
      Settings settings,
      Database database,
      Optional<CloneStartup.Prepared> clone,
      CompletableFuture<ServerBinding> bound,
      Prepared ready) {
    if (ready.error() != null) {
      bound.completeExceptionally(ready.error());
      return Behaviors.stopped();
    }
    var system = context.getSystem();
    Executor blocking = blocking(context);
    var mapper =
        JacksonObjectMapperProvider.get(system).getOrCreate("jackson-json", Optional.empty());
    ActorRef<JournalProbe.Command> probe =
        context.spawn(
            settings
                .cluster()
                .map(node -> JournalProbe.create(node.host() + ":" + node.port()))
                .orElseGet(JournalProbe::create),
            "journal-probe");
    var metrics = new Metrics(Clock.systemUTC());
    Placement placement =
        settings.cluster().isPresent() ? Placement.clustered(context) : Placement.local(context);
    SyncSetup.Outcome sync =
        SyncSetup.start(
            context,
            placement,
            settings,
            ready.roadmap(),
            database,
            mapper,
            blocking,
            metrics,
            bound);
    metrics.githubHealthFrom(sync.github());
    Optional<RoadmapGit> git =
        clone.map(
            prepared ->
                GitSetup.start(
                    context,
                    placement,
                    settings,
                    prepared,
                    ready.roadmap(),
                    sync,
                    metrics.gitEvents()));
    var health =
        new HealthService(
            system,
            probe,
            settings.roadmapDir(),
            blocking,
            sync.github(),
            sync.gateway().map(gateway -> () -> GovernorHealth.of(gateway, system.scheduler())),
            sync.recovery().map(recovery -> recovery.report()::get),
            git.map(g -> () -> GitHealth.of(g.status())));
    if (placement.clustered()) {
      var cluster =
          new ClusterHealth(
              system,
              placement,
              Map.of(
                  "issues",
                  IssueSyncEntity.ENTITY_KEY,
                  "pullRequests",
                  PullRequestLifecycle.ENTITY_KEY));
      health.showCluster(cluster::report);
    }
    var routes =
        new AdminRoutes(
            health,
            settings.http().adminToken(),
            mapper,
            sync.sync(),
            settings.github().repo().map(Object::toString),
            sync.whyNot(),
            metrics,
            sync.scheduler()
                .flatMap(s -> sync.sync().map(service -> new SchedulerRoutes(s, service, mapper)))
                .map(SchedulerRoutes::route),
            Optional.of(new WebhookRoutes(sync.webhooks(), sync.whyNot(), mapper).route()),
            sync.pulls().map(p -> new PullRoutes(p, mapper).route()),
            sync.onboarding()
                .map(
                    o ->
                        new OnboardingRoutes(
                                o.planner(), o.importer(), o.publishing(), o.whyNoWrites(), mapper)
                            .route()),
            new IssueLocations(
                new IssueFiles(
                    ready.roadmap().map(r -> r.store().root()), blocking, Clock.systemUTC()),
                settings.github().apiUrl()),
            new GitRoutes(git.map(RoadmapGit::statusSupplier), mapper).route());
    AdminServer.start(
            system,
            settings.http(),
            Directives.concat(new ClusterProbes(system).route(), routes.route()))
        .whenComplete(
            (binding, error) -> {
              if (error != null) {
                bound.completeExceptionally(error);
              } else {
                bound.complete(binding);
              }
            });
    return Behaviors.empty();
  }

  private static Executor blocking(ActorContext<?> context) {
    return context
        .getSystem()
        .dispatchers()
        .lookup(DispatcherSelector.fromConfig("roadmap-sync.blocking-dispatcher"));
  }
}
