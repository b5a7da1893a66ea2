package org.roadmapsync.app;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.roadmapsync.config.InvalidSettingsException;
import org.roadmapsync.config.Settings;
import org.roadmapsync.config.SettingsLoader;
import org.roadmapsync.persistence.DataDirInUseException;
import picocli.CommandLine.Command;
import sun.misc.Signal;

/** Runs the service until SIGTERM or SIGINT, then shuts down gracefully and exits 0. */
@Command(
    name = "serve",
    description = "Run the sync service (the default).",
    mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {

  static final int EXIT_BAD_CONFIGURATION = 2;
  static final int EXIT_CANNOT_START = 1;

  @Override
  public Integer call() {
    Settings settings;
    try {
      settings = SettingsLoader.load();
    } catch (InvalidSettingsException e) {
      // Nothing is bound or written before this point.
      e.problems().forEach(problem -> System.err.println("configuration: " + problem));
      return EXIT_BAD_CONFIGURATION;
    }
    // Read by logback.xml; set before the first log line initialises logging.
    System.setProperty(
        "ROADMAP_SYNC_LOG_FORMAT", settings.logFormat().name().toLowerCase(Locale.ROOT));

    // A signal would otherwise end the JVM with 143; handled, the process exits 0 once shutdown is
    // done. One that arrives while the service is still starting stops it as soon as it is up.
    var service = new AtomicReference<RoadmapSyncService>();
    var stopRequested = new AtomicBoolean();
    for (String signal : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(signal),
          s -> {
            stopRequested.set(true);
            RoadmapSyncService running = service.get();
            if (running != null) {
              running.stop(CoordinatedShutdown.jvmExitReason());
            }
          });
    }
    try {
      service.set(RoadmapSyncService.start(settings));
    } catch (ServiceStartException e) {
      if (e.badConfiguration()) {
        System.err.println("configuration: " + e.getMessage());
        return EXIT_BAD_CONFIGURATION;
      }
      System.err.println("roadmap-sync: " + e.getMessage());
      return EXIT_CANNOT_START;
    } catch (DataDirInUseException e) {
      System.err.println("roadmap-sync: " + e.getMessage());
      return EXIT_CANNOT_START;
    }
    if (stopRequested.get()) {
      service.get().stop(CoordinatedShutdown.jvmExitReason());
    }
    service.get().whenStopped().toCompletableFuture().join();
    return 0;
  }
}
