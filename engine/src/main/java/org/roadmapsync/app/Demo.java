package org.roadmapsync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.roadmapsync.config.SettingsLoader;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code roadmap-sync demo}: a simulated GitHub, a sample roadmap on disk and the service between
 * them, all on 127.0.0.1. The samples are published through the service's own API, so the files
 * carry their GitHub numbers when {@link #start} returns. The simulator delivers signed webhooks to
 * the service, so GitHub-side edits arrive at once; polling every {@link #POLL_MINUTES} minutes is
 * the safety net.
 */
final class Demo implements AutoCloseable {

  static final String REPO = "demo/roadmap";
  static final String POLL_MINUTES = "0.5";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(Demo.class);

  /** One sample issue and the simulated GitHub issue it is linked to. */
  record Linked(String id, long number, Path file) {}

  private final ActorSystem<Void> system;
  private final GitHubSimulator sim;
  private final RoadmapSyncService service;
  private final Path dir;
  private final String token;
  private final String api;
  private final List<Linked> issues;

  /** {@code --git}: the teammate's working copy, whose pushes the service brings in. */
  private final Optional<Path> teammate;

  private Demo(
      ActorSystem<Void> system,
      GitHubSimulator sim,
      RoadmapSyncService service,
      Path dir,
      String token,
      List<Linked> issues,
      Optional<Path> teammate) {
    this.teammate = teammate;
    this.system = system;
    this.sim = sim;
    this.service = service;
    this.dir = dir;
    this.token = token;
    this.api = apiOf(service);
    this.issues = List.copyOf(issues);
  }

  /**
   * Prepares the folder, starts the simulator and the service, and links every sample; blocks until
   * done.
   */
  static Demo start(Path dir, int apiPort) {
    return start(dir, apiPort, false);
  }

  /**
   * @param git {@code demo --git}: the roadmap lives in a bare repository on disk ({@code
   *     team.git}), a teammate's working copy beside it ({@code teammate/}), and the service works
   *     on its own clone of it
   */
  static Demo start(Path dir, int apiPort, boolean git) {
    if (git) {
      DemoFolder.prepareGit(dir);
    } else {
      DemoFolder.prepare(dir);
    }
    // Valid only for this simulator; printed so the curl examples work.
    String token = "sim-" + UUID.randomUUID().toString().substring(0, 8);
    String webhookSecret = UUID.randomUUID().toString();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "roadmap-sync-demo");
    GitHubSimulator sim = null;
    RoadmapSyncService service = null;
    try {
      sim = GitHubSimulator.start(system, SimSettings.defaults(token, REPO));
      var settings =
          SettingsLoader.load(
              Map.of(
                  git ? "ROADMAP_GIT_REMOTE" : "ROADMAP_DIR",
                  git ? DemoFolder.remote(dir).toString() : DemoFolder.roadmap(dir).toString(),
                  "ROADMAP_SYNC_DATA_DIR",
                  DemoFolder.data(dir).toString(),
                  "ROADMAP_SYNC_HTTP_HOST",
                  "127.0.0.1",
                  "ROADMAP_SYNC_HTTP_PORT",
                  Integer.toString(apiPort),
                  "GITHUB_TOKEN",
                  token,
                  "ROADMAP_GITHUB_API_URL",
                  sim.baseUrl(),
                  "ROADMAP_GITHUB_REPO",
                  REPO,
                  "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES",
                  "0.5",
                  "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES",
                  POLL_MINUTES,
                  "GITHUB_WEBHOOK_SECRET",
                  webhookSecret),
              ConfigFactory.empty());
      service = RoadmapSyncService.start(settings);
      sim.control()
          .setWebhook(
              Optional.of(
                  SimSettings.WebhookTarget.reliable(
                      apiOf(service) + "/webhooks/github", webhookSecret)));
      List<Linked> linked = publishAll(system, apiOf(service), settings.roadmapDir());
      if (git) {
        // what the teammate edits: their own copy, once it has the service's commits of the links
        Path work = DemoFolder.teammate(dir);
        linked =
            linked.stream()
                .map(
                    l ->
                        new Linked(
                            l.id(),
                            l.number(),
                            DemoFolder.roadmap(work)
                                .resolve(settings.roadmapDir().relativize(l.file()))))
                .toList();
        for (Linked issue : linked) {
          awaitTrue(
              "the service to push the link of " + issue.id(),
              () -> pull(work, issue.file(), issue.number()));
        }
      }
      return new Demo(
          system,
          sim,
          service,
          dir,
          token,
          linked,
          git ? Optional.of(DemoFolder.teammate(dir)) : Optional.empty());
    } catch (RuntimeException e) {
      stop(system, sim, service);
      throw e;
    }
  }

  /** The teammate pulls; true once {@code file} of their copy carries the issue's number. */
  private static boolean pull(Path work, Path file, long number) {
    try (var git = org.eclipse.jgit.api.Git.open(work.toFile())) {
      git.pull().setRebase(true).call();
      return Files.isRegularFile(file) && read(file).contains("github_issue: " + number);
    } catch (IOException | org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IllegalStateException("demo: the teammate's pull failed: " + e.getMessage(), e);
    }
  }

  private static List<Linked> publishAll(ActorSystem<?> system, String api, Path roadmap) {
    awaitTrue(
        "the service to read the sample roadmap",
        () ->
            call(system, HttpRequest.GET(api + "/api/issues")).size() == DemoFolder.SAMPLES.size());
    List<Linked> linked = new ArrayList<>();
    for (String sample : DemoFolder.SAMPLES) {
      String id = DemoFolder.idOf(sample);
      long number =
          call(system, post(api + "/api/issues/" + id + "/publish")).path("githubIssue").asLong();
      Path file = roadmap.resolve(sample);
      awaitTrue(
          "issue " + id + " to carry its GitHub number",
          () -> read(file).contains("github_issue: " + number));
      linked.add(new Linked(id, number, file));
    }
    return linked;
  }

  List<Linked> issues() {
    return issues;
  }

  String api() {
    return api;
  }

  GitHubSimulator simulator() {
    return sim;
  }

  CompletionStage<Done> whenStopped() {
    return service.whenStopped();
  }

  /** What to try, for the console: every address is loopback, every GitHub in it a simulation. */
  String instructions() {
    return new DemoInstructions(sim.baseUrl(), token, api, dir, issues, teammate).text();
  }

  @Override
  public void close() {
    stop(system, sim, service);
  }

  private static void stop(
      ActorSystem<Void> system, GitHubSimulator sim, RoadmapSyncService service) {
    if (service != null) {
      service.stop(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
    }
    if (sim != null) {
      sim.stop();
    }
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }

  // ---- HTTP to the service (the demo's own client)

  private static String apiOf(RoadmapSyncService service) {
    return "http://127.0.0.1:" + service.address().getPort();
  }

  private static HttpRequest post(String url) {
    return HttpRequest.create(url).withMethod(HttpMethods.POST);
  }

  private static JsonNode call(ActorSystem<?> system, HttpRequest request) {
    try {
      HttpResponse response =
          Http.get(system).singleRequest(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
      String body =
          response
              .entity()
              .toStrict(10_000, system)
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS)
              .getData()
              .utf8String();
      if (!response.status().isSuccess()) {
        throw new IllegalStateException(
            request.getUri() + " answered " + response.status().intValue() + ": " + body);
      }
      return JSON.readTree(body);
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "demo: " + request.getUri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("demo interrupted", e);
    }
  }

  /** Polls on the command's own thread (never an actor's) until the condition holds. */
  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "demo: gave up waiting for " + what + " after " + WAIT.toSeconds() + " s");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("demo interrupted", e);
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
