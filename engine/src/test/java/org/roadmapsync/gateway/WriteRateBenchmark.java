package org.roadmapsync.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.GitHubPort;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.MappingSettings;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.SyncField;
import org.roadmapsync.sync.Trigger;

/**
 * 1,000 local edits pushed through the operation queue and the governor to the simulator under
 * compressed secondary limits (30 writes a minute, 1,800 an hour, 1 s apart, in simulated time
 * running 20× faster): the achieved write rate as a share of the allowed rate, and the simulator's
 * limit violations.
 *
 * <pre>./mvnw -q -pl engine -am test-compile exec:java -Dconnectors.benchmarks.skip=true
 *     -Dexec.mainClass=org.roadmapsync.gateway.WriteRateBenchmark -Dexec.classpathScope=test</pre>
 *
 * Optional arguments: edits, clock speed.
 */
public final class WriteRateBenchmark {

  private static final String TOKEN = "benchmark-token";
  private static final String REPO = "bench/writes";
  private static final int PER_MINUTE = 30;
  private static final int PER_HOUR = 1800;
  private static final Duration SPACING = Duration.ofSeconds(1);

  private WriteRateBenchmark() {}

  public static void main(String[] args) throws Exception {
    int edits = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    double speed = args.length > 1 ? Double.parseDouble(args[1]) : 20;
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(),
            "write-rate-benchmark",
            ConfigFactory.parseString("pekko.loglevel = WARNING")
                .withFallback(ConfigFactory.load()));
    GitHubSimulator sim = GitHubSimulator.start(system, SimSettings.defaults(TOKEN, REPO));
    try {
      sim.control().seedIssues(REPO, edits);
      sim.control()
          .setLimits(
              SimLimits.github().withWrites(PER_MINUTE, PER_HOUR).withMinWriteSpacing(SPACING));
      sim.control().setClockSpeed(speed);
      GitHubGateway gateway =
          GitHubGateway.start(
              new GitHubGateway.Spawner() {
                @Override
                public <T> org.apache.pekko.actor.typed.ActorRef<T> spawn(
                    org.apache.pekko.actor.typed.Behavior<T> behavior, String name) {
                  return system.systemActorOf(
                      behavior, name, org.apache.pekko.actor.typed.Props.empty());
                }
              },
              system,
              GitHubClientSettings.of(sim.baseUrl(), TOKEN),
              new FieldMapping(MappingSettings.defaults()),
              PacingLimits.github()
                  .withWrites(PER_MINUTE, PER_HOUR)
                  .withWriteSpacing(SPACING)
                  .scaled(speed),
              new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100), 5),
              Clock.systemUTC());
      GitHubPort watcher = gateway.port().forTrigger(Trigger.WATCH);

      Instant simStart = sim.control().clock().now();
      long realStart = System.nanoTime();
      List<CompletableFuture<RemoteSnapshot>> pushes = new ArrayList<>();
      for (int i = 1; i <= edits; i++) {
        pushes.add(
            watcher
                .push(
                    new IssueLink(REPO, i),
                    "bench" + i,
                    ControlledPort.fields("edited " + i),
                    Set.of(SyncField.TITLE))
                .toCompletableFuture());
      }
      CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
      Duration simElapsed = Duration.between(simStart, sim.control().clock().now());
      Duration realElapsed = Duration.ofNanos(System.nanoTime() - realStart);

      JsonNode stats = sim.control().stats();
      double allowedPerMinute =
          Math.min(Math.min(PER_MINUTE, PER_HOUR / 60.0), 60.0 / SPACING.toSeconds());
      double achievedPerMinute = edits / (simElapsed.toMillis() / 60_000.0);
      // The first minute may be used in full at once, so the best possible time is (edits -
      // perMinute) / rate.
      double bestMinutes = Math.max(0, edits - PER_MINUTE) / allowedPerMinute;
      System.out.printf(
          "edits pushed:           %d (PATCH 200: %d, PATCH 403: %d)%n",
          edits,
          stats.path("requests").path("PATCH /repos/{o}/{r}/issues/{n} 200").asLong(),
          stats.path("requests").path("PATCH /repos/{o}/{r}/issues/{n} 403").asLong());
      System.out.printf(
          "limits (simulated time): %d writes/min, %d writes/h, %d s apart; clock %.0fx%n",
          PER_MINUTE, PER_HOUR, SPACING.toSeconds(), speed);
      System.out.printf(
          "simulated time:         %.1f min (real %.1f s)%n",
          simElapsed.toMillis() / 60_000.0, realElapsed.toMillis() / 1000.0);
      System.out.printf(
          "achieved write rate:    %.2f/min of %.2f/min allowed = %.1f %%%n",
          achievedPerMinute, allowedPerMinute, 100 * achievedPerMinute / allowedPerMinute);
      System.out.printf(
          "vs best possible time:  %.1f %% (best %.1f min)%n",
          100 * bestMinutes / (simElapsed.toMillis() / 60_000.0), bestMinutes);
      System.out.printf("violations:             %s%n", stats.path("violations"));
      System.out.printf("max concurrency seen:   %d%n", stats.path("max_concurrency").asLong());
    } finally {
      sim.stop();
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
