package org.roadmapsync.sim;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitHub stand-in on a real socket: REST under {@link #baseUrl()}, control under {@code /_sim/},
 * webhooks to the configured URL. Start one per test class; {@link #control()} drives it from Java.
 */
public final class GitHubSimulator {
  private static final Logger log = LoggerFactory.getLogger(GitHubSimulator.class);

  private final ServerBinding binding;
  private final SimControl control;
  private final WebhookDispatcher webhooks;
  private final String baseUrl;

  private GitHubSimulator(
      ServerBinding binding, SimControl control, WebhookDispatcher webhooks, String baseUrl) {
    this.binding = binding;
    this.control = control;
    this.webhooks = webhooks;
    this.baseUrl = baseUrl;
  }

  /** Binds and waits for the binding (at most 10 s). */
  public static GitHubSimulator start(ActorSystem<?> system, SimSettings settings) {
    try {
      return startAsync(system, settings).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "GitHub simulator could not bind "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException("GitHub simulator did not start: " + e, e);
    }
  }

  public static CompletionStage<GitHubSimulator> startAsync(
      ActorSystem<?> system, SimSettings settings) {
    var classic = system.classicSystem();
    SimClock clock = new SimClock(settings.clockSpeed());
    SimStats stats = new SimStats();
    AtomicReference<SimLimits> limits = new AtomicReference<>(settings.limits());
    PrimaryLimiter primary = new PrimaryLimiter(settings.limits());
    SecondaryLimiter secondary = new SecondaryLimiter(settings.limits());
    FaultInjector faults = new FaultInjector();
    SimHooks hooks = new SimHooks(clock, settings.webhook());
    WebhookDispatcher webhooks = new WebhookDispatcher(classic, hooks, clock, stats);
    AtomicReference<String> root = new AtomicReference<>();
    GitHubShapes json = new GitHubShapes(root::get);
    SimData data = new SimData(clock, json, hooks);
    data.assignable.addAll(settings.assignableLogins());
    settings.repos().forEach(r -> data.addRepo(RepoName.parse(r)));
    SimStore store = new SimStore(data, webhooks);
    Optional<SimApp> app = settings.app().map(a -> new SimApp(a, clock));
    FrontDoor front =
        new FrontDoor(settings, limits, clock, primary, secondary, faults, stats, classic, app);
    SimControl control =
        new SimControl(
            settings, store, clock, limits, primary, secondary, faults, stats, hooks, app);
    Route route =
        new Routes()
            .all(new ControlRoutes(control).route(), new ApiRoutes(store, front, json).route());
    return Http.get(classic)
        .newServerAt(settings.host(), settings.port())
        .bind(route)
        .thenApply(
            binding -> {
              String base = "http://" + settings.host() + ":" + binding.localAddress().getPort();
              root.set(base);
              log.info("GitHub simulator listening on {} for {}", base, settings.repos());
              return new GitHubSimulator(binding, control, webhooks, base);
            });
  }

  /** The API root, like {@code https://api.github.com}: REST paths follow directly. */
  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public SimControl control() {
    return control;
  }

  /** Unbinds, lets requests in flight finish (at most 5 s), and stops webhook delivery. */
  public void stop() {
    try {
      stopAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("GitHub simulator did not stop cleanly: {}", e.toString());
    }
  }

  public CompletionStage<Done> stopAsync() {
    return binding
        .terminate(Duration.ofSeconds(5))
        .handle(
            (terminated, error) -> {
              webhooks.stop();
              return Done.getInstance();
            });
  }

  private static final class Routes extends AllDirectives {
    Route all(Route control, Route api) {
      return concat(control, api);
    }
  }
}
