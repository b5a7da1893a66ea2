package org.roadmapsync.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.DateTime;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Date;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.javadsl.Source;

/**
 * What every API request goes through, in GitHub's order: play-dead and injected faults,
 * credentials, concurrency, the primary limit, write limits; then the endpoint; then ETag/304 and
 * the rate-limit headers. A 304 and {@code /rate_limit} spend no quota.
 */
final class FrontDoor {
  private static final Pattern HOOKS_PATH = Pattern.compile("/repos/[^/]+/[^/]+/hooks(?:/.*)?");
  private static final Pattern ISSUE_PATH =
      Pattern.compile("/repos/([^/]+/[^/]+)/(?:issues|pulls)/(\\d+)(?:/.*)?");
  private static final String SECONDARY_MESSAGE =
      "You have exceeded a secondary rate limit. Please wait a few minutes "
          + "before you try again. If you reach out to GitHub Support for help, please include the request ID %s.";

  /** Headers api.github.com sends on every answer; clients and proxies may rely on them. */
  private static final Map<String, String> STATIC_HEADERS =
      Map.of(
          "access-control-allow-origin", "*",
          "content-security-policy", "default-src 'none'",
          "strict-transport-security", "max-age=31536000; includeSubdomains; preload",
          "x-frame-options", "deny",
          "x-content-type-options", "nosniff",
          "x-xss-protection", "0",
          "referrer-policy", "origin-when-cross-origin, strict-origin-when-cross-origin",
          "vary", "Accept, Authorization, Cookie, X-GitHub-OTP");

  private final SimSettings settings;
  private final AtomicReference<SimLimits> limits;
  private final SimClock clock;
  private final PrimaryLimiter primary;
  private final SecondaryLimiter secondary;
  private final FaultInjector faults;
  private final SimStats stats;
  private final ActorSystem system;
  private final Optional<SimApp> app;
  private final AtomicLong requestIds = new AtomicLong();
  private final AtomicInteger appRequests = new AtomicInteger();

  FrontDoor(
      SimSettings settings,
      AtomicReference<SimLimits> limits,
      SimClock clock,
      PrimaryLimiter primary,
      SecondaryLimiter secondary,
      FaultInjector faults,
      SimStats stats,
      ActorSystem system,
      Optional<SimApp> app) {
    this.settings = settings;
    this.app = app;
    this.limits = limits;
    this.clock = clock;
    this.primary = primary;
    this.secondary = secondary;
    this.faults = faults;
    this.stats = stats;
    this.system = system;
  }

  /**
   * Endpoint code: reads or changes the store and answers, or throws {@link GitHubErrorResponse}.
   */
  interface Endpoint {
    SimResponse handle(Call call);
  }

  CompletionStage<HttpResponse> serve(
      String route,
      HttpRequest request,
      Map<String, String> params,
      String body,
      Endpoint endpoint) {
    String method = request.method().value();
    String path = request.getUri().path();
    if (faults.dead()) return CompletableFuture.completedFuture(dropped());
    Optional<FaultRule> fault = faults.take(method, path);
    if (fault.isPresent()) stats.fault();
    if (fault.map(FaultRule::drop).orElse(false))
      return CompletableFuture.completedFuture(dropped());
    String requestId = String.format("%04X:%08X", 0x51, requestIds.incrementAndGet());
    if (!authenticated(request)) {
      stats.request(route, 401);
      SimResponse r = SimResponse.message(401, "Bad credentials");
      return CompletableFuture.completedFuture(render(r, anonymousQuota(), requestId, request));
    }
    Optional<SecondaryLimiter.Violation> crowd = secondary.enter();
    if (crowd.isPresent()) {
      return CompletableFuture.completedFuture(
          secondaryViolation(route, crowd.get(), requestId, request));
    }
    Duration latency = fault.map(FaultRule::latency).orElse(Duration.ZERO);
    if (fault.map(FaultRule::answerLate).orElse(false)) {
      HttpResponse done =
          admitted(route, request, method, path, params, body, endpoint, fault, requestId);
      return Patterns.after(
              latency,
              system.scheduler(),
              system.dispatcher(),
              () -> CompletableFuture.completedFuture(done))
          .whenComplete((r, e) -> secondary.leave());
    }
    CompletionStage<HttpResponse> answer =
        latency.isZero()
            ? CompletableFuture.completedFuture(
                admitted(route, request, method, path, params, body, endpoint, fault, requestId))
            : Patterns.after(
                latency,
                system.scheduler(),
                system.dispatcher(),
                () ->
                    CompletableFuture.completedFuture(
                        admitted(
                            route, request, method, path, params, body, endpoint, fault,
                            requestId)));
    return answer.whenComplete((r, e) -> secondary.leave());
  }

  private HttpResponse admitted(
      String route,
      HttpRequest request,
      String method,
      String path,
      Map<String, String> params,
      String body,
      Endpoint endpoint,
      Optional<FaultRule> fault,
      String requestId) {
    Instant now = clock.now();
    boolean free = route.equals("GET /rate_limit");
    if (fault.flatMap(FaultRule::status).isPresent()) {
      int status = fault.get().status().get();
      stats.request(route, status);
      HttpResponse plain =
          render(
              SimResponse.message(status, status >= 500 ? "Server Error" : "Injected fault"),
              primary.quota(now),
              requestId,
              request);
      return FaultBodies.apply(fault.get().body(), plain);
    }
    if (!free && primary.exhausted(now)) {
      stats.violation("primary");
      stats.request(route, limits.get().exhaustedStatus());
      SimResponse r =
          SimResponse.message(
              limits.get().exhaustedStatus(),
              "API rate limit exceeded for user ID "
                  + GitHubShapes.userId(settings.login())
                  + ". If you reach out to GitHub Support for help, please include the request ID "
                  + requestId
                  + ".");
      return render(r, primary.quota(now), requestId, request);
    }
    boolean write = !method.equals("GET") && !method.equals("HEAD");
    boolean hooks = HOOKS_PATH.matcher(path).matches();
    if (hooks && !(write ? faults.mayWriteHooks() : faults.mayReadHooks())) {
      // GitHub hides the hooks of a repository from a token that may not manage them
      stats.request(route, 404);
      return render(
          SimResponse.error(GitHubErrorResponse.notFound()),
          primary.quota(now),
          requestId,
          request);
    }
    if (write && !hooks && path.startsWith("/repos/") && !faults.mayWriteRepos()) {
      stats.request(route, 403);
      return render(
          SimResponse.message(403, "Resource not accessible by personal access token"),
          primary.quota(now),
          requestId,
          request);
    }
    if (write) {
      Optional<SecondaryLimiter.Violation> v = secondary.admitWrite(now);
      if (v.isPresent()) return secondaryViolation(route, v.get(), requestId, request);
    }
    SimResponse response;
    try {
      response = endpoint.handle(new Call(settings.login(), params, body));
    } catch (GitHubErrorResponse e) {
      response = SimResponse.error(e);
    }
    if (response.status() < 300 && response.body() != null) {
      String etag = etag(response);
      if (method.equals("GET") && matches(request, etag)) {
        stats.request(route, 304);
        return render(
            new SimResponse(304, null, List.of(Map.entry("ETag", etag))),
            primary.quota(now),
            requestId,
            request);
      }
      response = response.withHeader("ETag", etag);
    }
    if (!free) {
      primary.charge(now);
      stats.quotaSpent();
    }
    if (write && response.status() < 300) countIssueWrite(path);
    stats.request(route, response.status());
    HttpResponse rendered = render(response, primary.quota(now), requestId, request);
    return fault.isPresent() ? FaultBodies.apply(fault.get().body(), rendered) : rendered;
  }

  private HttpResponse secondaryViolation(
      String route, SecondaryLimiter.Violation v, String requestId, HttpRequest request) {
    stats.violation(v.kind().name());
    stats.request(route, 403);
    SimResponse r = SimResponse.message(403, String.format(SECONDARY_MESSAGE, requestId));
    if (limits.get().sendRetryAfter()) {
      long seconds = Math.max(1, (clock.toReal(v.waitFor()).toMillis() + 999) / 1000);
      r = r.withHeader("Retry-After", Long.toString(seconds));
    }
    return render(r, primary.quota(clock.now()), requestId, request);
  }

  private void countIssueWrite(String path) {
    Matcher m = ISSUE_PATH.matcher(path);
    if (m.matches()) stats.issueWrite(m.group(1), Integer.parseInt(m.group(2)));
  }

  /** The personal token, or one of the App's installation tokens while it lives. */
  private boolean authenticated(HttpRequest request) {
    if (faults.tokenRevoked()) return false;
    Optional<String> token = credential(request);
    if (token.isEmpty()) return false;
    byte[] given = token.get().getBytes(StandardCharsets.UTF_8);
    if (MessageDigest.isEqual(given, settings.token().getBytes(StandardCharsets.UTF_8)))
      return true;
    return app.map(a -> a.check(token.get()) == SimApp.TokenCheck.VALID).orElse(false);
  }

  /** What follows {@code token} or {@code Bearer} in the Authorization header. */
  private static Optional<String> credential(HttpRequest request) {
    Optional<String> header = request.getHeader("Authorization").map(HttpHeader::value);
    if (header.isEmpty()) return Optional.empty();
    String value = header.get().trim();
    int space = value.indexOf(' ');
    if (space < 0) return Optional.empty();
    String scheme = value.substring(0, space);
    if (!scheme.equalsIgnoreCase("token") && !scheme.equalsIgnoreCase("bearer"))
      return Optional.empty();
    return Optional.of(value.substring(space + 1).trim());
  }

  /**
   * The App's own endpoints: authenticated by its JWT (never a token), refused with GitHub's 401
   * message, and metered on the App's budget, not the installation's: a client that mixed the two
   * would budget by the wrong limit. Injected faults apply as anywhere.
   */
  CompletionStage<HttpResponse> serveApp(
      String route,
      HttpRequest request,
      java.util.function.Function<SimApp, SimResponse> endpoint) {
    if (faults.dead()) return CompletableFuture.completedFuture(dropped());
    String requestId = String.format("%04X:%08X", 0x51, requestIds.incrementAndGet());
    PrimaryLimiter.Quota quota =
        new PrimaryLimiter.Quota(
            APP_LIMIT, appRequests.incrementAndGet(), clock.now().plus(Duration.ofHours(1)));
    if (app.isEmpty()) {
      stats.request(route, 404);
      return CompletableFuture.completedFuture(
          render(SimResponse.error(GitHubErrorResponse.notFound()), quota, requestId, request));
    }
    Optional<FaultRule> fault = faults.take(request.method().value(), request.getUri().path());
    if (fault.flatMap(FaultRule::status).isPresent()) {
      stats.fault();
      int status = fault.get().status().get();
      stats.request(route, status);
      return CompletableFuture.completedFuture(
          render(
              SimResponse.message(status, status >= 500 ? "Server Error" : "Injected fault"),
              quota,
              requestId,
              request));
    }
    Optional<String> problem =
        credential(request)
            .map(jwt -> app.get().jwtProblem(jwt))
            .orElse(Optional.of(AppJwtVerifier.UNDECODABLE));
    SimResponse response =
        problem.isPresent() ? SimResponse.message(401, problem.get()) : endpoint.apply(app.get());
    stats.request(route, response.status());
    return CompletableFuture.completedFuture(render(response, quota, requestId, request));
  }

  /** A GitHub App's own hourly budget (its JWT requests), apart from its installations'. */
  static final int APP_LIMIT = 5000;

  private PrimaryLimiter.Quota anonymousQuota() {
    return new PrimaryLimiter.Quota(60, 1, clock.now().plus(Duration.ofHours(1)));
  }

  /** The ETag is a hash of the body, so any change a client could see changes it. */
  static String etag(SimResponse response) {
    try {
      byte[] bytes = GitHubShapes.MAPPER.writeValueAsBytes(response.body());
      return "\""
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
          + "\"";
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean matches(HttpRequest request, String etag) {
    return request
        .getHeader("If-None-Match")
        .map(
            h -> {
              for (String tag : h.value().split(",")) {
                String t = tag.trim();
                if (t.startsWith("W/")) t = t.substring(2);
                if (t.equals("*") || t.equals(etag)) return true;
              }
              return false;
            })
        .orElse(false);
  }

  /** The body of {@code GET /rate_limit}. */
  ObjectNode rateLimitBody() {
    PrimaryLimiter.Quota q = primary.quota(clock.now());
    var body = GitHubShapes.MAPPER.createObjectNode();
    var resources = body.putObject("resources");
    resources.set("core", rate(q.limit(), q.remaining(), q.used(), resetEpoch(q), "core"));
    long hour = Instant.now().plusSeconds(3600).getEpochSecond();
    resources.set(
        "search", rate(30, 30, 0, Instant.now().plusSeconds(60).getEpochSecond(), "search"));
    resources.set("graphql", rate(5000, 5000, 0, hour, "graphql"));
    body.set("rate", rate(q.limit(), q.remaining(), q.used(), resetEpoch(q), "core"));
    return body;
  }

  private static ObjectNode rate(int limit, int remaining, int used, long reset, String resource) {
    return GitHubShapes.MAPPER
        .createObjectNode()
        .put("limit", limit)
        .put("remaining", remaining)
        .put("reset", reset)
        .put("used", used)
        .put("resource", resource);
  }

  /** Reset as a client must read it: real epoch seconds, however fast the simulated clock runs. */
  private long resetEpoch(PrimaryLimiter.Quota quota) {
    Duration untilReset = Duration.between(clock.now(), quota.reset());
    Instant real =
        Instant.now().plus(clock.toReal(untilReset.isNegative() ? Duration.ZERO : untilReset));
    return real.getEpochSecond() + (real.getNano() > 0 ? 1 : 0);
  }

  private HttpResponse render(
      SimResponse r, PrimaryLimiter.Quota quota, String requestId, HttpRequest request) {
    List<HttpHeader> headers = new ArrayList<>();
    // GitHub's clock, which decides e.g. which deliveries are still within the redelivery window
    headers.add(Date.create(DateTime.create(clock.now().toEpochMilli())));
    long resetEpoch = resetEpoch(quota);
    headers.add(RawHeader.create("x-ratelimit-limit", Integer.toString(quota.limit())));
    headers.add(RawHeader.create("x-ratelimit-remaining", Integer.toString(quota.remaining())));
    headers.add(RawHeader.create("x-ratelimit-used", Integer.toString(quota.used())));
    headers.add(RawHeader.create("x-ratelimit-reset", Long.toString(resetEpoch)));
    headers.add(RawHeader.create("x-ratelimit-resource", "core"));
    headers.add(RawHeader.create("x-github-media-type", "github.v3; format=json"));
    headers.add(RawHeader.create("x-github-request-id", requestId));
    headers.add(RawHeader.create("x-oauth-scopes", faults.scopes()));
    headers.add(RawHeader.create("x-accepted-oauth-scopes", "repo"));
    headers.add(
        RawHeader.create(
            "access-control-expose-headers",
            "ETag, Link, Location, Retry-After, X-GitHub-OTP, "
                + "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, "
                + "X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-Request-Id"));
    if (r.status() < 400)
      headers.add(RawHeader.create("cache-control", "private, max-age=60, s-maxage=60"));
    STATIC_HEADERS.forEach((name, value) -> headers.add(RawHeader.create(name, value)));
    r.headers().forEach(h -> headers.add(RawHeader.create(h.getKey(), h.getValue())));
    HttpResponse response = HttpResponse.create().withStatus(r.status()).addHeaders(headers);
    if (r.body() == null) return response;
    try {
      return response.withEntity(
          ContentTypes.APPLICATION_JSON, GitHubShapes.MAPPER.writeValueAsBytes(r.body()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Headers go out, then the connection breaks before the body: as close to a cut cable as a route
   * can get.
   */
  static HttpResponse dropped() {
    return HttpResponse.create()
        .withEntity(
            HttpEntities.create(
                ContentTypes.APPLICATION_JSON,
                1024,
                Source.failed(
                    new SimulatedFailure(
                        "connection dropped on purpose by the GitHub simulator"))));
  }
}
