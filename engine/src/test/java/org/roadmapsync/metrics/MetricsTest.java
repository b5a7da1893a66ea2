package org.roadmapsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubException;
import org.roadmapsync.github.GitHubRequest;
import org.roadmapsync.github.GitHubResponse;
import org.roadmapsync.github.GitHubTransport;
import org.roadmapsync.github.RateLimitSnapshot;
import org.roadmapsync.health.GitHubHealth;

/**
 * The facade's series as the other parts of the engine will feed them, read back from the
 * Prometheus text.
 */
class MetricsTest {

  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  private static String scrape(Metrics metrics) {
    return metrics.scrape().toCompletableFuture().join();
  }

  @Test
  void governorQueueRetryAndWebhookSeriesCountWhatTheyAreTold() {
    Metrics metrics = new Metrics(Clock.fixed(T0, ZoneOffset.UTC));
    metrics.governorHold("secondary");
    metrics.governorHold("secondary");
    metrics.governorWait(Duration.ofMillis(1500));
    metrics.queueDepth(7);
    metrics.retry("write");
    metrics.webhookDelivery("duplicate");
    metrics.webhookDelivery("something_new");
    metrics.githubHealthFrom(
        () ->
            new GitHubHealth(
                GitHubHealth.Status.DOWN,
                false,
                true,
                java.util.List.of(),
                null,
                null,
                "connection failed",
                3,
                T0));
    String text = scrape(metrics);
    assertThat(text)
        .contains("roadmap_sync_github_status{status=\"DOWN\"} 1.0")
        .contains("roadmap_sync_github_status{status=\"UP\"} 0.0")
        .contains("roadmap_sync_github_consecutive_failures 3.0")
        .contains("roadmap_sync_governor_holds_total{reason=\"secondary\"} 2.0")
        .contains("roadmap_sync_governor_holds_total{reason=\"primary\"} 0.0")
        .contains("roadmap_sync_governor_wait_seconds_count 1")
        .contains("roadmap_sync_governor_wait_seconds_sum 1.5")
        .contains("roadmap_sync_queue_depth 7.0")
        .contains("roadmap_sync_retries_total{kind=\"write\"} 1.0")
        .contains("roadmap_sync_webhook_deliveries_total{result=\"duplicate\"} 1.0")
        .contains("roadmap_sync_webhook_deliveries_total{result=\"something_new\"} 1.0");
  }

  @Test
  void requestsAreCountedByKindAndOutcomeAndQuotaByResource() {
    Metrics metrics = new Metrics(Clock.systemUTC());
    GitHubTransport answers =
        request ->
            request.target().contains("fail")
                ? CompletableFuture.failedFuture(
                    new GitHubException(
                        new GitHubError.SecondaryRateLimited(Optional.empty(), "slow")))
                : CompletableFuture.completedFuture(
                    new GitHubResponse(
                        request.target().contains("etag") ? 304 : 200,
                        Map.of(),
                        new byte[0],
                        request.target().contains("etag"),
                        "http://x" + request.target()));
    GitHubTransport counted = metrics.countingTransport().apply(answers);
    counted.execute(GitHubRequest.get("/a"));
    counted.execute(GitHubRequest.conditionalGet("/etag", Optional.empty()));
    counted.execute(GitHubRequest.write(GitHubRequest.Method.PATCH, "/fail", null));
    metrics.rateLimitListener().onRateLimit(new RateLimitSnapshot(30, 12, 18, T0, "search"));
    String text = scrape(metrics);
    assertThat(text)
        .contains("roadmap_sync_github_requests_total{kind=\"read\",outcome=\"ok\"} 1.0")
        .contains("roadmap_sync_github_requests_total{kind=\"read\",outcome=\"not_modified\"} 1.0")
        .contains(
            "roadmap_sync_github_requests_total{kind=\"write\",outcome=\"secondary_rate_limited\"} 1.0")
        .contains("roadmap_sync_github_quota_remaining{resource=\"search\"} 12.0")
        .contains("roadmap_sync_github_quota_limit{resource=\"search\"} 30.0");
    assertEquals("connection_failed", Metrics.errorName(new GitHubError.ConnectionFailed("x")));
  }

  @Test
  void issueCountsAreReadAtMostEveryFewSecondsAndAFailedReadKeepsTheScrapeWorking() {
    AtomicInteger reads = new AtomicInteger();
    Instant[] now = {T0};
    Clock clock =
        new Clock() {
          public Instant instant() {
            return now[0];
          }

          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    Metrics metrics = new Metrics(clock);
    metrics.countIssuesWith(
        () -> {
          reads.incrementAndGet();
          return CompletableFuture.completedFuture(Map.of("synced", 4L, "error", 1L));
        });
    String text = scrape(metrics);
    assertThat(text)
        .contains("roadmap_sync_issues{status=\"synced\"} 4.0")
        .contains("roadmap_sync_issues{status=\"pending\"} 0.0");
    scrape(metrics);
    assertEquals(1, reads.get(), "cached within " + Metrics.ISSUE_COUNT_TTL);
    now[0] = T0.plus(Metrics.ISSUE_COUNT_TTL);
    metrics.countIssuesWith(
        () -> CompletableFuture.failedFuture(new IllegalStateException("database gone")));
    assertThat(scrape(metrics)).contains("roadmap_sync_issues{status=\"synced\"} 4.0");
  }
}
