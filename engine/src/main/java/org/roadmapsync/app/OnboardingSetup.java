package org.roadmapsync.app;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.roadmapsync.cluster.Placement;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.config.Settings;
import org.roadmapsync.gateway.GitHubGateway;
import org.roadmapsync.gateway.Priority;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.onboarding.BulkPublisher;
import org.roadmapsync.onboarding.BulkPublishing;
import org.roadmapsync.onboarding.Importer;
import org.roadmapsync.onboarding.RepositoryImporter;
import org.roadmapsync.onboarding.SyncPlanner;
import org.roadmapsync.roadmap.RepositoryRouting;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.IssueSyncRows;
import org.roadmapsync.sync.LinkDirectory;
import org.roadmapsync.sync.Requeue;
import org.roadmapsync.sync.StoreRoadmapPort;

/**
 * Starts onboarding: one importer per served repository, fed by {@code POST /api/import} and, when
 * {@code ROADMAP_GITHUB_AUTO_IMPORT} is on, by what the intake sees of unlinked issues; the bulk
 * publisher behind {@code POST /api/publish}.
 */
final class OnboardingSetup {

  /**
   * What the admin API reaches of onboarding: the plan always; import and bulk publish only when
   * sync may write ({@code whyNoWrites} says why not).
   */
  record Onboarding(
      SyncPlanner planner,
      Optional<Importer> importer,
      Optional<BulkPublishing> publishing,
      String whyNoWrites) {}

  /** The roadmap side the importers write to, and when it is loaded. */
  record Roadmap(
      RoadmapStore store,
      StoreRoadmapPort files,
      RepositoryRouting routing,
      LinkDirectory links,
      IssueSyncRows rows,
      CompletionStage<Done> loaded) {}

  private OnboardingSetup() {}

  /**
   * Only the plan, for a service that may not write: GitHub read through {@code client} (empty
   * without a token).
   */
  static Onboarding planOnly(
      Settings settings,
      Optional<GitHubClient> client,
      FieldMapping mapping,
      Executor blocking,
      Roadmap roadmap,
      String whyNoWrites) {
    return new Onboarding(
        planner(settings, client, mapping, blocking, roadmap, whyNoWrites),
        Optional.empty(),
        Optional.empty(),
        whyNoWrites);
  }

  private static SyncPlanner planner(
      Settings settings,
      Optional<GitHubClient> client,
      FieldMapping mapping,
      Executor blocking,
      Roadmap roadmap,
      String whyNoGitHub) {
    return new SyncPlanner(
        roadmap.rows(),
        roadmap.store(),
        roadmap.files(),
        mapping,
        client,
        whyNoGitHub,
        settings.github().conflictStrategy(),
        SyncSetup.repositoryFor(roadmap.routing()),
        roadmap.routing().repositories().stream().map(Object::toString).toList(),
        blocking,
        Clock.systemUTC());
  }

  static Onboarding start(
      ActorContext<?> context,
      Placement placement,
      Settings settings,
      GitHubGateway gateway,
      FieldMapping mapping,
      Executor blocking,
      Roadmap roadmap) {
    ClusterSharding sharding = ClusterSharding.get(context.getSystem());
    Map<String, ActorRef<RepositoryImporter.Command>> importers = new LinkedHashMap<>();
    for (RepoRef repo : roadmap.routing().repositories()) {
      var wiring =
          new RepositoryImporter.Wiring(
              repo.toString(),
              roadmap.store(),
              roadmap.files(),
              mapping,
              roadmap.links(),
              id -> sharding.entityRefFor(IssueSyncEntity.ENTITY_KEY, id),
              SyncSetup.repositoryFor(roadmap.routing()),
              blocking,
              Clock.systemUTC(),
              // the importer wakes itself: only the backoff is needed
              new Requeue(
                  settings.github().requeue().base(),
                  settings.github().requeue().max(),
                  (number, at) -> {}),
              roadmap.loaded());
      importers.put(
          repo.toString(),
          // it writes roadmap files: only once this node's clone is current
          placement.onceCloneIsCurrent(
              RepositoryImporter.create(wiring),
              "importer-" + URLEncoder.encode(repo.toString(), StandardCharsets.UTF_8)));
    }
    var importer =
        new Importer(
            context.getSystem(),
            importers,
            gateway.client(Priority.INTERACTIVE),
            mapping,
            roadmap.links(),
            SyncSetup.repositoryFor(roadmap.routing()),
            settings.github().repo().map(Object::toString),
            settings.github().autoImport());
    if (settings.github().autoImport().enabled()) {
      roadmap.links().whenUnlinkedSeen(importer::offer);
    }
    var publishing =
        new BulkPublishing(
            context.getSystem(),
            roadmap.rows(),
            SyncSetup.repositoryFor(roadmap.routing()),
            placement.once(
                BulkPublisher.create(
                    id -> sharding.entityRefFor(IssueSyncEntity.ENTITY_KEY, id), Clock.systemUTC()),
                "bulk-publisher"));
    return new Onboarding(
        planner(
            settings,
            Optional.of(gateway.client(Priority.INTERACTIVE)),
            mapping,
            blocking,
            roadmap,
            null),
        Optional.of(importer),
        Optional.of(publishing),
        null);
  }
}
