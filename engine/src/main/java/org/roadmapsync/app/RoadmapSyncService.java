package org.roadmapsync.app;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.config.Settings;
import org.roadmapsync.config.SettingsLoader;
import org.roadmapsync.git.CloneStartup;
import org.roadmapsync.git.GitSetupException;
import org.roadmapsync.persistence.DataDirLock;
import org.roadmapsync.persistence.Database;

/**
 * One running service: the data-folder lock, the read-side pool, the ActorSystem and the bound
 * admin API. Shutdown goes through CoordinatedShutdown; the lock is released only after the
 * ActorSystem (and so the journal) has stopped.
 */
public final class RoadmapSyncService {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<?> system;
  private final ServerBinding binding;
  private final CompletionStage<Done> stopped;

  private RoadmapSyncService(
      ActorSystem<?> system, ServerBinding binding, CompletionStage<Done> stopped) {
    this.system = system;
    this.binding = binding;
    this.stopped = stopped;
  }

  /**
   * Starts everything and waits until the admin API is bound. With a git-backed roadmap the clone
   * is made ready first (cloned, repaired after a crash); a branch the remote does not have is a
   * {@link ServiceStartException} of bad configuration.
   */
  public static RoadmapSyncService start(Settings settings) {
    DataDirLock lock = DataDirLock.acquire(settings.dataDir());
    Optional<CloneStartup.Prepared> clone = Optional.empty();
    if (settings.git().isPresent()) {
      try {
        // before anything reads the roadmap folder: it is the clone's
        clone =
            Optional.of(
                CloneStartup.prepare(
                    settings.git().get(), settings.github().token(), !settings.readOnly()));
      } catch (GitSetupException e) {
        lock.close();
        throw new ServiceStartException(e.getMessage(), e, e.badConfiguration());
      }
      if (settings.github().repo().isEmpty()) {
        Optional<RepoRef> named = SettingsLoader.repoOfRoadmap(settings.roadmapDir());
        if (named.isPresent()) {
          settings = settings.withGitHubRepo(named.get());
        }
      }
    }
    Database database;
    try {
      database = Database.open(settings.database());
    } catch (RuntimeException e) {
      clone.ifPresent(c -> c.roadmapClone().close());
      lock.close();
      throw new ServiceStartException("cannot open the database: " + e.getMessage(), e);
    }
    var bound = new CompletableFuture<ServerBinding>();
    ActorSystem<?> system =
        ActorSystem.create(
            RoadmapSyncGuardian.create(settings, database, clone, bound),
            "roadmap-sync",
            ServiceConfig.forSettings(settings));
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "close-read-side-database",
            () -> {
              database.close();
              return CompletableFuture.completedFuture(Done.getInstance());
            });
    Optional<CloneStartup.Prepared> opened = clone;
    CompletionStage<Done> stopped =
        system
            .getWhenTerminated()
            .thenApply(
                terminated -> {
                  opened.ifPresent(c -> c.roadmapClone().close());
                  lock.close();
                  return Done.getInstance();
                });
    try {
      return new RoadmapSyncService(
          system, bound.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), stopped);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      system.terminate();
      stopped.toCompletableFuture().join();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new ServiceStartException(
          "could not start the admin API on "
              + settings.http().host()
              + ":"
              + settings.http().port()
              + ": "
              + cause.getMessage(),
          cause);
    }
  }

  public ActorSystem<?> system() {
    return system;
  }

  public InetSocketAddress address() {
    return binding.localAddress();
  }

  /**
   * Runs the whole CoordinatedShutdown; completes when the service has stopped and released its
   * folder.
   */
  public CompletionStage<Done> stop(CoordinatedShutdown.Reason reason) {
    return CoordinatedShutdown.get(system).runAll(reason).thenCompose(done -> stopped);
  }

  /** Completes once the ActorSystem has terminated and the data folder is released. */
  public CompletionStage<Done> whenStopped() {
    return stopped;
  }
}
