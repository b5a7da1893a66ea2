package org.roadmapsync.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.Settings;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubException;

class RetryPolicyTest {

  private final RetryPolicy retry =
      RetryPolicy.of(new Settings.Retry(Duration.ofSeconds(1), Duration.ofSeconds(10), 6));
  private final GitHubException serverError =
      new GitHubException(new GitHubError.ServerError(502, "bad gateway"));

  @Test
  void backoffDoublesUpToTheCapWithJitterInTheUpperHalf() {
    long[] full = {1, 2, 4, 8, 10};
    for (int next = 2; next <= 6; next++) {
      Duration cap = Duration.ofSeconds(full[next - 2]);
      assertEquals(Optional.of(cap.dividedBy(2)), retry.delayBefore(next, serverError, () -> 0.0));
      Duration high =
          retry.delayBefore(next, new CompletionException(serverError), () -> 0.999).orElseThrow();
      assertTrue(
          high.compareTo(cap) < 0 && high.compareTo(cap.multipliedBy(9).dividedBy(10)) > 0,
          high.toString());
    }
  }

  @Test
  void noAttemptAfterTheLast() {
    assertEquals(Optional.empty(), retry.delayBefore(7, serverError, () -> 0.5));
  }

  @Test
  void nonRetryableErrorsAndBugsFailAtOnce() {
    for (GitHubError error :
        List.of(
            new GitHubError.Unauthorized("bad credentials"),
            new GitHubError.NotFound("/x"),
            new GitHubError.Gone("/x"),
            new GitHubError.Validation("invalid", List.of()),
            new GitHubError.Forbidden("no", java.util.Set.of("repo"), java.util.Set.of()))) {
      assertEquals(
          Optional.empty(),
          retry.delayBefore(2, new GitHubException(error), () -> 0.5),
          error.describe());
    }
    assertEquals(
        Optional.empty(), retry.delayBefore(2, new IllegalStateException("bug"), () -> 0.5));
  }

  @Test
  void rateLimitsAreRetried() {
    var secondary =
        new GitHubException(new GitHubError.SecondaryRateLimited(Optional.empty(), "secondary"));
    assertTrue(retry.delayBefore(2, secondary, () -> 0.5).isPresent());
  }

  @Test
  void nonsenseIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
  }
}
