package org.roadmapsync.app;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.roadmapsync.cluster.Placement;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.config.Secret;
import org.roadmapsync.config.Settings;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.WebhookSignatureVerifier;
import org.roadmapsync.intake.DeliveryLog;
import org.roadmapsync.intake.DeliveryRecovery;
import org.roadmapsync.intake.PollScheduler;
import org.roadmapsync.intake.RepositoryPoller;
import org.roadmapsync.intake.WebhookIntake;
import org.roadmapsync.metrics.Metrics;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.LinkDirectory;

/**
 * Starts what brings GitHub's changes in on its own: the repository pollers, the webhook intake,
 * and the recovery of the webhook deliveries that failed while the service was away.
 */
final class SyncRuntimeSetup {

  record Runtime(
      PollScheduler scheduler, WebhookIntake webhooks, DeliveryRecovery.Handle recovery) {}

  /**
   * What the pollers need from the roadmap side: the repositories it routes to, the live links, and
   * when it is loaded.
   */
  record Roadmap(List<RepoRef> repositories, LinkDirectory links, CompletionStage<Done> loaded) {}

  private SyncRuntimeSetup() {}

  /**
   * @param client the governed GitHub client at polling priority
   * @param receiving completes once webhooks can be received (the admin API is bound)
   */
  static Runtime start(
      ActorContext<?> context,
      Placement placement,
      Settings settings,
      Database database,
      Executor blocking,
      GitHubClient client,
      FieldMapping mapping,
      Metrics metrics,
      Roadmap roadmap,
      CompletionStage<?> receiving) {
    var system = context.getSystem();
    ClusterSharding sharding = ClusterSharding.get(system);
    var links = roadmap.links();
    var template =
        new RepositoryPoller.Wiring(
            client,
            mapping,
            links,
            id -> sharding.entityRefFor(IssueSyncEntity.ENTITY_KEY, id),
            Optional::empty,
            settings.github().syncInterval(),
            settings.github().autoSyncEnabled(),
            Clock.systemUTC(),
            roadmap.loaded());
    PollScheduler scheduler =
        PollScheduler.start(context, roadmap.repositories(), client, template, placement::once);
    Behavior<DeliveryLog.Command> log =
        Behaviors.supervise(
                DeliveryLog.create("github-webhook-deliveries", DeliveryLog.DEFAULT_CAPACITY))
            .onFailure(
                SupervisorStrategy.restartWithBackoff(
                    Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    var secrets = settings.github().webhookSecrets();
    Optional<WebhookSignatureVerifier> verifier =
        secrets.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new WebhookSignatureVerifier(secrets.stream().map(Secret::value).toList()));
    var intake =
        new WebhookIntake(
            system,
            verifier,
            placement.once(log, "webhook-deliveries"),
            mapping,
            links,
            id -> sharding.entityRefFor(IssueSyncEntity.ENTITY_KEY, id),
            metrics::webhookDelivery,
            metrics::webhookRouted);
    var recovery =
        DeliveryRecovery.spawn(
            placement::once,
            new DeliveryRecovery.Wiring(
                roadmap.repositories(),
                settings.github()::hookIdFor,
                client,
                intake.configured(),
                intake::deliveriesTaken,
                receiving.thenCombine(roadmap.loaded(), (bound, loaded) -> Done.getInstance()),
                Clock.systemUTC()));
    return new Runtime(scheduler, intake, recovery);
  }
}
