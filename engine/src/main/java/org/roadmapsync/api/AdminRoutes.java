package org.roadmapsync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.roadmapsync.config.Secret;
import org.roadmapsync.health.HealthService;
import org.roadmapsync.metrics.Metrics;
import org.roadmapsync.sync.SyncService;

/**
 * The admin HTTP API: {@code /health} and {@code /metrics} open to all, {@code /api/*} behind the
 * admin token when one is set; the dashboard's page ({@code /}) and files open to all, outside the
 * token check (its calls of {@code /api/*} send the token).
 */
public final class AdminRoutes extends AllDirectives {

  private static final String BEARER = "Bearer ";

  /** Prometheus' text exposition format 0.0.4, the one every scraper understands. */
  private static final ContentType.WithCharset PROMETHEUS_TEXT =
      ContentTypes.create(
          MediaTypes.customWithOpenCharset("text", "plain", Map.of("version", "0.0.4"), false),
          HttpCharsets.UTF_8);

  private final HealthService health;
  private final Metrics metrics;
  private final Optional<Secret> adminToken;
  private final ObjectMapper mapper;
  private final JsonErrors errors;
  private final Route api;
  private final Route git;
  private final Route webhooks;
  private final DashboardRoutes dashboard = new DashboardRoutes();

  /**
   * @param sync the sync engine, or the reason it is not running (answered as 503 on {@code
   *     /api/*})
   * @param scheduling {@code /api/sync} (GET) and {@code /api/auto-sync}, when sync runs
   * @param webhooks {@code /webhooks/github}, outside {@code /api}: GitHub signs its deliveries
   *     instead
   * @param pulls {@code /api/pulls} and {@code /api/approvals}, when sync runs
   * @param onboarding {@code /api/import}, when sync runs
   * @param locations the GitHub web page and roadmap file of each issue, for the issue rows
   */
  public AdminRoutes(
      HealthService health,
      Optional<Secret> adminToken,
      ObjectMapper mapper,
      Optional<SyncService> sync,
      Optional<String> defaultRepo,
      String whyNoSync,
      Metrics metrics,
      Optional<Route> scheduling,
      Optional<Route> webhooks,
      Optional<Route> pulls,
      Optional<Route> onboarding,
      IssueLocations locations) {
    this(
        health,
        adminToken,
        mapper,
        sync,
        defaultRepo,
        whyNoSync,
        metrics,
        scheduling,
        webhooks,
        pulls,
        onboarding,
        locations,
        new GitRoutes(Optional.empty(), mapper).route());
  }

  /**
   * @param git {@code GET /api/git} ({@link GitRoutes}): answered whether sync runs or not
   */
  public AdminRoutes(
      HealthService health,
      Optional<Secret> adminToken,
      ObjectMapper mapper,
      Optional<SyncService> sync,
      Optional<String> defaultRepo,
      String whyNoSync,
      Metrics metrics,
      Optional<Route> scheduling,
      Optional<Route> webhooks,
      Optional<Route> pulls,
      Optional<Route> onboarding,
      IssueLocations locations,
      Route git) {
    this.git = git;
    this.health = health;
    this.metrics = metrics;
    this.adminToken = adminToken;
    this.mapper = mapper;
    this.errors = new JsonErrors(mapper);
    // sync runs without writing (no token, read-only): what would write says why it cannot
    Optional<String> writesOff =
        sync.isPresent() ? Optional.ofNullable(whyNoSync) : Optional.empty();
    this.api =
        sync.map(
                s ->
                    concat(
                        new IssueRoutes(s, defaultRepo, mapper, writesOff, locations).route(),
                        scheduling.orElseGet(
                            () -> refusedWithoutWrites(writesOff, "sync", "auto-sync")),
                        pulls.orElseGet(
                            () -> refusedWithoutWrites(writesOff, "pulls", "approvals")),
                        onboarding.orElseGet(
                            () -> refusedWithoutWrites(writesOff, "import", "publish", "plan"))))
            .orElseGet(
                () ->
                    complete(
                        errors.response(
                            StatusCodes.SERVICE_UNAVAILABLE, "sync is not running: " + whyNoSync)));
    this.webhooks = webhooks.orElseGet(this::reject);
  }

  /**
   * 503 with the reason on {@code paths} when sync may not write, else not found (the route was not
   * started).
   */
  private Route refusedWithoutWrites(Optional<String> writesOff, String... paths) {
    if (writesOff.isEmpty()) {
      return reject();
    }
    List<Route> routes = new ArrayList<>();
    for (String path : paths) {
      routes.add(
          pathPrefix(
              path,
              () -> complete(errors.response(StatusCodes.SERVICE_UNAVAILABLE, writesOff.get()))));
    }
    return concat(routes.get(0), routes.subList(1, routes.size()).toArray(Route[]::new));
  }

  public Route route() {
    return handleExceptions(
        errors.exceptions(),
        () ->
            handleRejections(
                errors.rejections(),
                () ->
                    concat(
                        path("health", () -> get(this::health)),
                        path("metrics", () -> get(this::metrics)),
                        webhooks,
                        pathPrefix("api", () -> authorized(() -> concat(git, api))),
                        // the page and its files: open, and last (a browser's unknown page)
                        dashboard.route())));
  }

  private Route health() {
    return onSuccess(
        health.report(),
        report ->
            complete(
                report.up() ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE,
                report,
                Jackson.marshaller(mapper)));
  }

  /** Prometheus text; open like {@code /health}: it carries counts, never secrets. */
  private Route metrics() {
    return onSuccess(
        metrics.scrape(), text -> complete(HttpEntities.create(PROMETHEUS_TEXT, text)));
  }

  private Route api() {
    return api;
  }

  private Route authorized(Supplier<Route> inner) {
    if (adminToken.isEmpty()) {
      return inner.get();
    }
    Secret token = adminToken.get();
    return optionalHeaderValueByName(
        "Authorization",
        header -> {
          boolean ok =
              header
                  .filter(h -> h.startsWith(BEARER))
                  .map(h -> token.matches(h.substring(BEARER.length())))
                  .orElse(false);
          if (ok) {
            return inner.get();
          }
          HttpHeader challenge =
              WWWAuthenticate.create(HttpChallenge.create("Bearer", "roadmap-sync"));
          return respondWithHeader(
              challenge,
              () ->
                  complete(
                      errors.response(
                          StatusCodes.UNAUTHORIZED,
                          header.isEmpty()
                              ? "this API needs Authorization: Bearer <ROADMAP_SYNC_ADMIN_TOKEN>"
                              : "the admin token given is not the one configured")));
        });
  }
}
