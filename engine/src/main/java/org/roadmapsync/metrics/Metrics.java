package org.roadmapsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.roadmapsync.gateway.GatewayEvents;
import org.roadmapsync.git.GitEvents;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubRequest;
import org.roadmapsync.github.GitHubResponse;
import org.roadmapsync.github.GitHubTransport;
import org.roadmapsync.github.RateLimitListener;
import org.roadmapsync.github.RateLimitSnapshot;
import org.roadmapsync.health.GitHubHealth;
import org.roadmapsync.sync.SyncMetrics;
import org.roadmapsync.sync.SyncStatus;

/**
 * The service's metrics, scraped as Prometheus text at {@code GET /metrics}. Every series the issue
 * names is registered up front, so a dashboard sees zeros rather than gaps before the governor, the
 * queue or the webhook intake report anything. All methods are cheap and thread-safe: call them
 * from any actor or stage.
 */
public final class Metrics {

  /** How long the issue counts from the read table are reused between scrapes. */
  static final Duration ISSUE_COUNT_TTL = Duration.ofSeconds(2);

  /** Known label values, registered at zero so they show before the first event. */
  static final List<String> HOLD_REASONS =
      List.of("primary", "secondary", "content_creation", "low_quota");

  static final List<String> WEBHOOK_RESULTS =
      List.of(
          "accepted",
          "ignored",
          "duplicate",
          "ping",
          "bad_signature",
          "too_large",
          "malformed",
          "not_configured");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Clock clock;
  private final Map<String, AtomicLong> quotaRemaining = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> quotaLimit = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> issues = new ConcurrentHashMap<>();
  private final AtomicLong queueDepth = new AtomicLong();
  private final Timer roundLatency;
  private final Timer governorWait;
  private volatile Supplier<CompletionStage<Map<String, Long>>> issueCounts =
      () -> CompletableFuture.completedFuture(Map.of());
  private volatile CompletableFuture<Void> lastCount = CompletableFuture.completedFuture(null);
  private volatile Instant lastCountAt = Instant.EPOCH;
  private volatile Supplier<GitHubHealth> githubHealth =
      () -> GitHubHealth.notConfigured(Instant.EPOCH);

  public Metrics(Clock clock) {
    this.clock = clock;
    for (SyncStatus status : SyncStatus.values()) {
      AtomicLong count = new AtomicLong();
      issues.put(status.apiName(), count);
      Gauge.builder("roadmap.sync.issues", count, AtomicLong::get)
          .description("Roadmap issues by sync status (from the read table)")
          .tag("status", status.apiName())
          .register(registry);
    }
    roundLatency =
        Timer.builder("roadmap.sync.round.latency")
            .description("From an issue's sync round starting to both sides being in step")
            .serviceLevelObjectives(buckets())
            .register(registry);
    governorWait =
        Timer.builder("roadmap.sync.governor.wait")
            .description("How long requests waited for the rate-limit governor")
            .register(registry);
    HOLD_REASONS.forEach(reason -> holds(reason));
    WEBHOOK_RESULTS.forEach(result -> webhooks(result));
    retries("write");
    for (GitHubHealth.Status status : GitHubHealth.Status.values()) {
      Gauge.builder(
              "roadmap.sync.github.status", () -> githubHealth.get().status() == status ? 1 : 0)
          .description("GitHub's health as the monitor last saw it: 1 for the current status")
          .tag("status", status.name())
          .register(registry);
    }
    Gauge.builder(
            "roadmap.sync.github.consecutive.failures",
            () -> githubHealth.get().consecutiveFailures())
        .description("Failed GitHub health checks in a row")
        .register(registry);
    Gauge.builder("roadmap.sync.queue.depth", queueDepth, AtomicLong::get)
        .description("GitHub operations waiting in the queue")
        .register(registry);
  }

  // ---- GitHub traffic

  /**
   * Wraps the client's transport so every request is counted by kind and outcome: {@code
   * client.withTransport(metrics.countingTransport())}.
   */
  public UnaryOperator<GitHubTransport> countingTransport() {
    return inner ->
        request ->
            inner
                .execute(request)
                .whenComplete((response, error) -> request(request, response, error));
  }

  /** Keeps the quota of each resource from every response's rate-limit headers. */
  public RateLimitListener rateLimitListener() {
    return this::quota;
  }

  void request(GitHubRequest request, GitHubResponse response, Throwable error) {
    String outcome =
        error != null
            ? GitHubError.of(error).map(Metrics::errorName).orElse("other_failure")
            : response.notModified() ? "not_modified" : "ok";
    Counter.builder("roadmap.sync.github.requests")
        .description("Requests to GitHub by kind and outcome")
        .tag("kind", request.kind().name().toLowerCase(Locale.ROOT))
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  public void quota(RateLimitSnapshot snapshot) {
    gauge(
            quotaRemaining,
            "roadmap.sync.github.quota.remaining",
            "Requests left until the reset",
            snapshot.resource())
        .set(snapshot.remaining());
    gauge(
            quotaLimit,
            "roadmap.sync.github.quota.limit",
            "Requests allowed per window",
            snapshot.resource())
        .set(snapshot.limit());
  }

  // ---- sync

  /** For {@code SyncContext}: the issue entities report their round latency here. */
  public SyncMetrics syncMetrics() {
    return latency -> roundLatency.record(latency);
  }

  /** Where the issue counts come from: {@code IssueSyncRows::countByStatus}. */
  public void countIssuesWith(Supplier<CompletionStage<Map<String, Long>>> source) {
    this.issueCounts = source;
    this.lastCountAt = Instant.EPOCH;
  }

  /**
   * Where GitHub's health comes from: {@code roadmap_sync_github_status{status}} is 1 for the
   * current status, 0 for the others.
   */
  public void githubHealthFrom(Supplier<GitHubHealth> health) {
    this.githubHealth = health;
  }

  // ---- for the governor, the queue and the webhook intake

  /** The governor's and the queue's reports, into the series below. */
  public GatewayEvents gatewayEvents() {
    return new GatewayEvents() {
      public void hold(String reason) {
        governorHold(reason);
      }

      public void waited(Duration waited) {
        governorWait(waited);
      }

      public void retry(String kind) {
        Metrics.this.retry(kind);
      }

      public void queueDepth(int depth) {
        Metrics.this.queueDepth(depth);
      }
    };
  }

  /** The governor held requests back (reason: primary, secondary, content_creation, low_quota). */
  public void governorHold(String reason) {
    holds(reason).increment();
  }

  /** A request waited this long for the governor's permit. */
  public void governorWait(Duration waited) {
    governorWait.record(waited);
  }

  public void queueDepth(long depth) {
    queueDepth.set(depth);
  }

  /** An operation is retried (kind: read, write, ...). */
  public void retry(String kind) {
    retries(kind).increment();
  }

  /**
   * A webhook delivery was answered (result: one of {@link #WEBHOOK_RESULTS}, or another short
   * word).
   */
  public void webhookDelivery(String result) {
    webhooks(result).increment();
  }

  /**
   * An {@code issues} delivery was routed: to its {@code issue}'s entity, or not at all ({@code
   * unlinked}: no roadmap issue links it).
   */
  public void webhookRouted(String outcome) {
    Counter.builder("roadmap.sync.webhook.routed")
        .description("Issue webhooks by where they went")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /**
   * What the git-backed roadmap reports: {@code roadmap_sync_git_fetches_total{outcome}}, {@code
   * roadmap_sync_git_pushes_total{outcome}} (ok, non_fast_forward, refused, failed), {@code
   * roadmap_sync_git_rejected_pushes_total} (refused or not a fast-forward) and {@code
   * roadmap_sync_git_commits_total}.
   */
  public GitEvents gitEvents() {
    return new GitEvents() {
      @Override
      public void fetched(String outcome) {
        Counter.builder("roadmap.sync.git.fetches")
            .description("Fetches from the roadmap's git remote, by outcome")
            .tag("outcome", outcome)
            .register(registry)
            .increment();
      }

      @Override
      public void pushed(String outcome) {
        Counter.builder("roadmap.sync.git.pushes")
            .description("Pushes to the roadmap's git remote, by outcome")
            .tag("outcome", outcome)
            .register(registry)
            .increment();
        if (outcome.equals("refused") || outcome.equals("non_fast_forward")) {
          Counter.builder("roadmap.sync.git.rejected.pushes")
              .description("Pushes the roadmap's git remote rejected")
              .register(registry)
              .increment();
        }
      }

      @Override
      public void committed() {
        Counter.builder("roadmap.sync.git.commits")
            .description("Commits of the service's own roadmap writes")
            .register(registry)
            .increment();
      }
    };
  }

  // ---- scrape

  /** The Prometheus text, with issue counts at most {@link #ISSUE_COUNT_TTL} old. */
  public CompletionStage<String> scrape() {
    return refreshIssueCounts().handle((done, error) -> registry.scrape());
  }

  private CompletionStage<Void> refreshIssueCounts() {
    Instant now = clock.instant();
    if (lastCount.isDone() && Duration.between(lastCountAt, now).compareTo(ISSUE_COUNT_TTL) >= 0) {
      lastCountAt = now;
      lastCount =
          issueCounts
              .get()
              .toCompletableFuture()
              .thenAccept(
                  counts ->
                      issues.forEach(
                          (status, count) -> count.set(counts.getOrDefault(status, 0L))));
    }
    return lastCount;
  }

  private Counter holds(String reason) {
    return Counter.builder("roadmap.sync.governor.holds")
        .description("Times the rate-limit governor held requests back, by reason")
        .tag("reason", reason)
        .register(registry);
  }

  private Counter retries(String kind) {
    return Counter.builder("roadmap.sync.retries")
        .description("Operations retried after a retryable failure")
        .tag("kind", kind)
        .register(registry);
  }

  private Counter webhooks(String result) {
    return Counter.builder("roadmap.sync.webhook.deliveries")
        .description("Webhook deliveries by result")
        .tag("result", result)
        .register(registry);
  }

  private AtomicLong gauge(
      Map<String, AtomicLong> gauges, String name, String description, String resource) {
    return gauges.computeIfAbsent(
        resource == null ? "core" : resource,
        r -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder(name, value, AtomicLong::get)
              .description(description)
              .tag("resource", r)
              .register(registry);
          return value;
        });
  }

  /** {@code SecondaryRateLimited} → {@code secondary_rate_limited}. */
  static String errorName(GitHubError error) {
    return error
        .getClass()
        .getSimpleName()
        .replaceAll("([a-z])([A-Z])", "$1_$2")
        .toLowerCase(Locale.ROOT);
  }

  private static Duration[] buckets() {
    return new Duration[] {
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5)
    };
  }
}
