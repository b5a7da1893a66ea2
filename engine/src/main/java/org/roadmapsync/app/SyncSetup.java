package org.roadmapsync.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.serialization.SerializationExtension;
import org.roadmapsync.cluster.GovernorSingleton;
import org.roadmapsync.cluster.Placement;
import org.roadmapsync.cluster.RoadmapDesk;
import org.roadmapsync.config.Settings;
import org.roadmapsync.gateway.GitHubGateway;
import org.roadmapsync.gateway.PacingLimits;
import org.roadmapsync.gateway.Priority;
import org.roadmapsync.gateway.RetryPolicy;
import org.roadmapsync.health.GitHubHealth;
import org.roadmapsync.health.GitHubHealthMonitor;
import org.roadmapsync.intake.DeliveryRecovery;
import org.roadmapsync.intake.PollScheduler;
import org.roadmapsync.intake.WebhookIntake;
import org.roadmapsync.metrics.Metrics;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.pulls.PullRequestFeed;
import org.roadmapsync.pulls.PullRequestIndex;
import org.roadmapsync.pulls.PullRequestLifecycle;
import org.roadmapsync.pulls.PullService;
import org.roadmapsync.roadmap.RepositoryRouting;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.roadmap.RoadmapWatcher;
import org.roadmapsync.sync.AgreedRelations;
import org.roadmapsync.sync.DependencySync;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.FirstListings;
import org.roadmapsync.sync.GitHubPort;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.IssueSeedRows;
import org.roadmapsync.sync.IssueSeeds;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.IssueSyncProjection;
import org.roadmapsync.sync.IssueSyncRows;
import org.roadmapsync.sync.LinkDirectory;
import org.roadmapsync.sync.LinkIndex;
import org.roadmapsync.sync.MappingSettings;
import org.roadmapsync.sync.ReconcileQueue;
import org.roadmapsync.sync.Requeue;
import org.roadmapsync.sync.RestingIssues;
import org.roadmapsync.sync.RoadmapObserver;
import org.roadmapsync.sync.StoreRoadmapPort;
import org.roadmapsync.sync.SyncContext;
import org.roadmapsync.sync.SyncField;
import org.roadmapsync.sync.SyncService;
import org.roadmapsync.sync.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the sync engine: the GitHub gateway (rate-limit governor, operation queue), the roadmap
 * store, the sharded issue entities, the read-side projection, the roadmap observer and the
 * pull-request lifecycles. Sync needs a token and a roadmap folder; without either the service
 * still runs and says why nothing syncs.
 *
 * <p>Over 400 lines: three ways to start (with GitHub, without a token, read-only) share its parts
 * (the engine, the gateway, the runtime); the pull-request side is {@link PullRequestSetup}, the
 * onboarding {@link OnboardingSetup}.
 */
final class SyncSetup {

  /**
   * The engine, or why it is not running; GitHub's health as the monitor last saw it; {@code
   * gateway}: the governor, queue and governed clients, for the poller and metrics; the pollers,
   * the webhook intake and the recovery of missed deliveries.
   */
  record Outcome(
      Optional<SyncService> sync,
      String whyNot,
      Supplier<GitHubHealth> github,
      Optional<GitHubGateway> gateway,
      Optional<PollScheduler> scheduler,
      Optional<WebhookIntake> webhooks,
      Optional<PullService> pulls,
      Optional<DeliveryRecovery.Handle> recovery,
      Optional<OnboardingSetup.Onboarding> onboarding) {
    Outcome(
        Optional<SyncService> sync,
        String whyNot,
        Supplier<GitHubHealth> github,
        Optional<GitHubGateway> gateway) {
      this(
          sync,
          whyNot,
          github,
          gateway,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
  }

  private static final Logger log = LoggerFactory.getLogger(SyncSetup.class);

  private SyncSetup() {}

  /**
   * An issue's repository from its milestone: configured map, then the milestone's project, then
   * the default.
   */
  static Function<IssueFields, Optional<String>> repositoryFor(RepositoryRouting routing) {
    return fields -> routing.repoFor(Optional.ofNullable(fields.milestone())).map(Object::toString);
  }

  static MappingSettings mappingSettings(Settings.Mapping mapping) {
    var fields = EnumSet.noneOf(SyncField.class);
    mapping.fields().forEach(name -> fields.add(SyncField.fromApiName(name).orElseThrow()));
    return new MappingSettings(
        fields,
        mapping.statusLabelPrefix(),
        mapping.priorityLabelPrefix(),
        mapping.typeLabelPrefix(),
        mapping.issueTypes());
  }

  /** The roadmap folder, opened, and where its issues go on GitHub. */
  record OpenedRoadmap(RoadmapStore store, RepositoryRouting routing) {}

  /**
   * Opens the roadmap folder and reads its projects and milestones for the routing: file work, so
   * the guardian asks for it on the blocking dispatcher. Empty when the folder does not exist.
   */
  static Optional<OpenedRoadmap> openRoadmap(Settings settings) {
    if (!Files.isDirectory(settings.roadmapDir())) {
      return Optional.empty();
    }
    RoadmapStore store = RoadmapStore.open(settings.roadmapDir());
    return Optional.of(
        new OpenedRoadmap(
            store,
            RepositoryRouting.of(
                store, settings.github().repo(), settings.github().milestoneRepos())));
  }

  /**
   * @param receiving completes once the admin API, and so the webhook receiver, is bound
   */
  static Outcome start(
      ActorContext<?> context,
      Placement placement,
      Settings settings,
      Optional<OpenedRoadmap> opened,
      Database database,
      ObjectMapper json,
      Executor blocking,
      Metrics metrics,
      CompletionStage<?> receiving) {
    var system = context.getSystem();
    // A single-node cluster: sharding gives the entities passivation. In a cluster the node joins
    // through its seed nodes instead.
    if (!placement.clustered()) {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    IssueSyncProjection.init(system, database, json);
    IssueSyncRows rows = new IssueSyncRows(database, json, blocking);
    IssueSeeds seeds =
        placement.clustered()
            ? IssueSeeds.NONE
            : new IssueSeedRows(
                database,
                json,
                SerializationExtension.get(system.classicSystem()),
                blocking,
                List.of(PullRequestFeed.seeds(json)));
    metrics.countIssuesWith(rows::countByStatus);

    if (!settings.github().configured()) {
      return withoutGitHub(context, placement, settings, opened, rows, database, blocking, metrics);
    }
    var mapping = new FieldMapping(mappingSettings(settings.mapping()));
    // The health monitor learns of each successful sync call; it is spawned once its client exists.
    var monitor = new AtomicReference<GitHubHealthMonitor.Handle>();
    var auth = GitHubAuthentication.of(system, settings.github(), Clock.systemUTC());
    var gateway =
        GitHubGateway.start(
            new GovernorSingleton(context, placement),
            system,
            auth.client(),
            mapping,
            PacingLimits.of(settings.github().pacing()),
            RetryPolicy.of(settings.github().retry()),
            Clock.systemUTC(),
            new GitHubGateway.Observers(
                metrics.rateLimitListener(),
                metrics.countingTransport(),
                () ->
                    Optional.ofNullable(monitor.get())
                        .ifPresent(h -> h.syncSucceeded(Clock.systemUTC().instant())),
                metrics.gatewayEvents()),
            database.journalFlush(blocking));
    GitHubHealthMonitor.Handle health =
        GitHubHealthMonitor.spawn(
            context,
            gateway.client(Priority.INTERACTIVE),
            settings.github().healthCheckInterval(),
            Clock.systemUTC());
    monitor.set(health);
    if (opened.isEmpty()) {
      return new Outcome(
          Optional.empty(),
          "the roadmap folder " + settings.roadmapDir() + " does not exist",
          auth.health(health.latest()),
          Optional.of(gateway));
    }
    if (settings.readOnly()) {
      return readOnly(
          context,
          placement,
          settings,
          opened.get(),
          mapping,
          rows,
          database,
          blocking,
          metrics,
          gateway,
          auth.health(health.latest()),
          receiving);
    }
    var links = new LinkIndex();
    var pullIndex = new PullRequestIndex();
    if (settings.github().autoSyncEnabled()) {
      // Each poller's first listing brings GitHub's side of the issues linked at start-up (see
      // LinkIndex).
      opened
          .get()
          .routing()
          .repositories()
          .forEach(repo -> links.expectFullListing(repo.toString()));
    }
    ClusterSharding sharding = ClusterSharding.get(system);
    Requeue requeue =
        requeue(
            context,
            "issue-retries",
            settings,
            id ->
                sharding
                    .entityRefFor(IssueSyncEntity.ENTITY_KEY, id)
                    .tell(new IssueSyncEntity.RetryDue()));
    Engine engine =
        startEngine(
            context,
            placement,
            settings,
            opened.get(),
            mapping,
            rows,
            seeds,
            database,
            blocking,
            metrics,
            gateway.port(),
            links,
            pullIndex,
            requeue);
    RoadmapStore store = engine.store();
    var roadmapPort = engine.files();
    var routing = opened.get().routing();
    var directory = engine.directory();
    var service = engine.service();
    var roadmapLoaded = engine.loaded();
    // Edits made while GitHub was away are on their issues as errors: sync them as soon as it
    // answers again.
    health.whenRecovered(
        () ->
            service
                .syncErrored()
                .exceptionally(
                    error -> {
                      log.warn(
                          "could not list the issues to sync after GitHub came back: {}",
                          error.getMessage());
                      return null;
                    }));
    var runtime =
        SyncRuntimeSetup.start(
            context,
            placement,
            settings,
            database,
            blocking,
            gateway.client(Priority.POLL),
            mapping,
            metrics,
            new SyncRuntimeSetup.Roadmap(
                List.copyOf(routing.repositories()), directory, roadmapLoaded),
            receiving);
    // Deliveries GitHub could not make while it was away from us failed too: ask for them again.
    health.whenRecovered(() -> runtime.recovery().afterGap("GitHub answers again"));
    PullService pulls =
        PullRequestSetup.start(
            context,
            placement,
            settings,
            database,
            json,
            blocking,
            gateway,
            roadmapLoaded,
            requeue(
                context,
                "pull-request-retries",
                settings,
                id ->
                    sharding
                        .entityRefFor(PullRequestLifecycle.ENTITY_KEY, id)
                        .tell(new PullRequestLifecycle.RetryDue())),
            runtime.scheduler(),
            List.copyOf(routing.repositories()),
            pullIndex);
    runtime.webhooks().routePullRequestsTo(pulls::onWebhook);
    var dependencies = engine.dependencies();
    dependencies.start(
        new DependencySync.Wiring(
            store,
            routing,
            gateway.client(Priority.POLL),
            blocking,
            issue ->
                sharding
                    .entityRefFor(IssueSyncEntity.ENTITY_KEY, issue.id())
                    .tell(
                        new IssueSyncEntity.ObserveLocal(
                            roadmapPort.snapshot(issue), Trigger.WATCH, system.ignoreRef())),
            settings.github().syncInterval(),
            settings.github().autoSyncEnabled(),
            new AgreedRelations(database, blocking),
            (id, note, trigger) ->
                sharding
                    .entityRefFor(IssueSyncEntity.ENTITY_KEY, id)
                    .tell(new IssueSyncEntity.RecordDependencies(note, trigger)),
            engine.loaded()));
    dependencies.ref().ifPresent(service::dependenciesFrom);
    directory.onSeen(
        (repo, issue) ->
            dependencies
                .ref()
                .ifPresent(
                    ref ->
                        ref.tell(
                            new DependencySync.Seen(
                                repo,
                                issue.number(),
                                issue.id(),
                                issue.issueDependenciesSummary() == null
                                    ? null
                                    : issue.issueDependenciesSummary().blockedBy()))));
    roadmapLoaded.thenRun(() -> dependencies.reconcile("the roadmap is loaded"));
    runtime
        .webhooks()
        .routeDependenciesTo(
            e ->
                dependencies.relationChanged(
                    e.blockedRepository() == null ? "" : e.blockedRepository().fullName(),
                    e.blockedIssue().number()));
    runtime
        .scheduler()
        .follow(
            new PollScheduler.Follower() {
              @Override
              public void pollNow() {
                dependencies.reconcile("a poll");
              }

              @Override
              public void setAutoSync(boolean enabled) {
                // its own timer follows the configured interval
              }
            });
    var onboarding =
        OnboardingSetup.start(
            context,
            placement,
            settings,
            gateway,
            mapping,
            blocking,
            new OnboardingSetup.Roadmap(
                store, roadmapPort, routing, directory, rows, roadmapLoaded));
    return new Outcome(
        Optional.of(service),
        null,
        auth.health(health.latest()),
        Optional.of(gateway),
        Optional.of(runtime.scheduler()),
        Optional.of(runtime.webhooks()),
        Optional.of(pulls),
        Optional.of(runtime.recovery()),
        Optional.of(onboarding));
  }

  /**
   * Who wakes the entities of one kind when their next try is due (one {@link ReconcileQueue} for
   * them), and when that is: the configured backoff.
   */
  private static Requeue requeue(
      ActorContext<?> context, String name, Settings settings, Consumer<String> wake) {
    ActorRef<ReconcileQueue.Command> queue =
        context.spawn(ReconcileQueue.create(wake, Clock.systemUTC()), name);
    return new Requeue(
        settings.github().requeue().base(),
        settings.github().requeue().max(),
        (id, at) -> queue.tell(new ReconcileQueue.Schedule(id, at)));
  }

  /**
   * The sync engine as far as it needs no GitHub: the roadmap's issue entities (sharded), the
   * observer that loads and watches the files, the links, and the API's view of them.
   */
  private record Engine(
      SyncService service,
      RoadmapStore store,
      StoreRoadmapPort files,
      LinkDirectory directory,
      CompletableFuture<Done> loaded,
      Dependencies dependencies) {}

  /**
   * The dependencies' sync, started once GitHub can be reached; until then (and without a token)
   * file changes that reach it are dropped.
   */
  static final class Dependencies {
    private final ActorContext<?> context;
    private final Placement placement;
    private volatile ActorRef<DependencySync.Command> sync;

    Dependencies(ActorContext<?> context, Placement placement) {
      this.context = context;
      this.placement = placement;
    }

    void start(DependencySync.Wiring wiring) {
      var ref = placement.onceCloneIsCurrent(DependencySync.create(wiring), "dependency-sync");
      sync = ref;
      var system = context.getSystem();
      // a graceful stop lets the run under way finish and keep its agreement
      CoordinatedShutdown.get(system)
          .addTask(
              CoordinatedShutdown.PhaseServiceRequestsDone(),
              "dependency-sync-drain",
              () ->
                  AskPattern.ask(
                      ref, DependencySync.Drain::new, Duration.ofSeconds(5), system.scheduler()));
    }

    void reconcile(String why) {
      var ref = sync;
      if (ref != null) {
        ref.tell(new DependencySync.Reconcile(why));
      }
    }

    void relationChanged(String repo, long number) {
      var ref = sync;
      if (ref != null) {
        ref.tell(new DependencySync.RelationChanged(repo, number));
      }
    }

    Optional<ActorRef<DependencySync.Command>> ref() {
      return Optional.ofNullable(sync);
    }
  }

  /**
   * The pollers' first listings, lent to the start-up load; not in a cluster, where the pollers may
   * run on another node than the load (its files then take the usual first round).
   */
  private static FirstListings firstListings(
      Placement placement, LinkDirectory directory, LinkIndex links, SyncContext syncContext) {
    if (placement.clustered()) {
      return FirstListings.NONE;
    }
    return new FirstListings(
        directory.firstListingsRead(links.fullListingsToCome()),
        local ->
            local.githubIssue() == null
                ? Optional.empty()
                : syncContext
                    .repoFor()
                    .apply(local.fields())
                    .flatMap(repo -> directory.listed(new IssueLink(repo, local.githubIssue()))));
  }

  private static Engine startEngine(
      ActorContext<?> context,
      Placement placement,
      Settings settings,
      OpenedRoadmap opened,
      FieldMapping mapping,
      IssueSyncRows rows,
      IssueSeeds seeds,
      Database database,
      Executor blocking,
      Metrics metrics,
      GitHubPort github,
      LinkIndex links,
      PullRequestIndex pulls,
      Requeue requeue) {
    var system = context.getSystem();
    RoadmapStore store = opened.store();
    // Each write waits for two fsyncs: on the shared blocking threads a webhook burst's writes
    // queued the admin API's and the routing's queries behind them (and each other).
    Executor files =
        system.dispatchers().lookup(DispatcherSelector.fromConfig("roadmap-sync.file-dispatcher"));
    var roadmapPort = new StoreRoadmapPort(store, mapping, files);
    var syncContext =
        new SyncContext(
            github,
            RoadmapDesk.entityFiles(placement, roadmapPort, links, pulls, system),
            settings.github().conflictStrategy(),
            repositoryFor(opened.routing()),
            Clock.systemUTC(),
            metrics.syncMetrics(),
            links,
            requeue,
            SyncContext.ROUND_LIMIT,
            settings.github().commentDeletes(),
            seeds);
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(
        Entity.of(
            IssueSyncEntity.ENTITY_KEY,
            entity -> IssueSyncEntity.create(entity.getEntityId(), syncContext)));
    var roadmapLoaded = new CompletableFuture<Done>();
    var directory = new LinkDirectory(database, blocking, links);
    var dependencies = new Dependencies(context, placement);
    ActorRef<RoadmapObserver.Command> observer =
        placement.onceCloneIsCurrent(
            RoadmapObserver.create(
                store,
                roadmapPort,
                id -> sharding.entityRefFor(IssueSyncEntity.ENTITY_KEY, id),
                new RestingIssues(rows, syncContext, directory),
                firstListings(placement, directory, links, syncContext),
                blocking,
                RoadmapWatcher.Settings.defaults(),
                roadmapLoaded,
                () -> dependencies.reconcile("a file changed")),
            "roadmap-observer");
    return new Engine(
        new SyncService(system, observer, rows, directory),
        store,
        roadmapPort,
        directory,
        roadmapLoaded,
        dependencies);
  }

  /**
   * Without a token: the roadmap is still loaded and watched, every issue listed (the linked ones
   * as not synced yet, with the reason), malformed files in error; nothing reaches GitHub.
   */
  private static Outcome withoutGitHub(
      ActorContext<?> context,
      Placement placement,
      Settings settings,
      Optional<OpenedRoadmap> opened,
      IssueSyncRows rows,
      Database database,
      Executor blocking,
      Metrics metrics) {
    Supplier<GitHubHealth> notConfigured =
        () -> GitHubHealth.notConfigured(Clock.systemUTC().instant());
    if (opened.isEmpty()) {
      return new Outcome(
          Optional.empty(), "GITHUB_TOKEN is not set", notConfigured, Optional.empty());
    }
    String why = "GitHub is not configured: GITHUB_TOKEN is not set";
    Engine engine =
        startEngine(
            context,
            placement,
            settings,
            opened.get(),
            new FieldMapping(mappingSettings(settings.mapping())),
            rows,
            IssueSeeds.NONE, // no listing: nothing to agree on
            database,
            blocking,
            metrics,
            GitHubPort.refusing(why),
            new LinkIndex(),
            new PullRequestIndex(),
            Requeue.NEVER);
    var mapping = new FieldMapping(mappingSettings(settings.mapping()));
    return new Outcome(
        Optional.of(engine.service()),
        why,
        notConfigured,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(
            OnboardingSetup.planOnly(
                settings,
                Optional.empty(),
                mapping,
                blocking,
                onboardingRoadmap(engine, opened.get(), rows),
                why)));
  }

  private static OnboardingSetup.Roadmap onboardingRoadmap(
      Engine engine, OpenedRoadmap opened, IssueSyncRows rows) {
    return new OnboardingSetup.Roadmap(
        engine.store(),
        engine.files(),
        opened.routing(),
        engine.directory(),
        rows,
        engine.loaded());
  }

  /**
   * {@code ROADMAP_SYNC_READ_ONLY}: both sides are read and watched (the pollers and webhooks bring
   * GitHub's changes to the entities, which record them), nothing is written; the plan says what a
   * sync would do.
   */
  private static Outcome readOnly(
      ActorContext<?> context,
      Placement placement,
      Settings settings,
      OpenedRoadmap opened,
      FieldMapping mapping,
      IssueSyncRows rows,
      Database database,
      Executor blocking,
      Metrics metrics,
      GitHubGateway gateway,
      Supplier<GitHubHealth> health,
      CompletionStage<?> receiving) {
    String why = "read-only: ROADMAP_SYNC_READ_ONLY is set, nothing is written";
    Engine engine =
        startEngine(
            context,
            placement,
            settings,
            opened,
            mapping,
            rows,
            IssueSeeds.NONE, // nothing adopted while nothing is written
            database,
            blocking,
            metrics,
            GitHubPort.refusing(why),
            new LinkIndex(),
            new PullRequestIndex(),
            Requeue.NEVER);
    var runtime =
        SyncRuntimeSetup.start(
            context,
            placement,
            settings,
            database,
            blocking,
            gateway.client(Priority.POLL),
            mapping,
            metrics,
            new SyncRuntimeSetup.Roadmap(
                List.copyOf(opened.routing().repositories()), engine.directory(), engine.loaded()),
            receiving);
    return new Outcome(
        Optional.of(engine.service()),
        why,
        health,
        Optional.of(gateway),
        Optional.of(runtime.scheduler()),
        Optional.of(runtime.webhooks()),
        Optional.empty(),
        Optional.of(runtime.recovery()),
        Optional.of(
            OnboardingSetup.planOnly(
                settings,
                Optional.of(gateway.client(Priority.INTERACTIVE)),
                mapping,
                blocking,
                onboardingRoadmap(engine, opened, rows),
                why)));
  }
}
