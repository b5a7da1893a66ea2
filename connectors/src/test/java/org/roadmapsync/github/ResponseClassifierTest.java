package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseClassifierTest {

  private static final Map<String, String> JSON =
      Map.of("content-type", "application/json; charset=utf-8");

  private static GitHubError classify(int status, Map<String, String> extra, String body) {
    Map<String, String> headers = new HashMap<>(JSON);
    headers.putAll(extra);
    return ResponseClassifier.classify(
            status, headers, body.getBytes(StandardCharsets.UTF_8), "/repos/o/r/issues/1")
        .orElseThrow();
  }

  private static Map<String, String> rate(String remaining) {
    return Map.of(
        "x-ratelimit-limit",
        "5000",
        "x-ratelimit-remaining",
        remaining,
        "x-ratelimit-reset",
        "1700000000");
  }

  @Test
  void successAndNotModifiedAreNoErrors() {
    assertTrue(ResponseClassifier.classify(200, JSON, new byte[0], "/").isEmpty());
    assertTrue(ResponseClassifier.classify(204, JSON, new byte[0], "/").isEmpty());
    assertTrue(ResponseClassifier.classify(304, JSON, new byte[0], "/").isEmpty());
  }

  @Test
  void unauthorized() {
    GitHubError e = classify(401, Map.of(), "{\"message\":\"Bad credentials\"}");
    assertEquals(new GitHubError.Unauthorized("Bad credentials"), e);
    assertFalse(e.retryable());
  }

  @Test
  void forbiddenForMissingScopesComparesAcceptedWithGranted() {
    GitHubError e =
        classify(
            403,
            Map.of("x-accepted-oauth-scopes", "repo, public_repo", "x-oauth-scopes", "gist, user"),
            "{\"message\":\"Resource not accessible by integration\"}");
    GitHubError.Forbidden f = assertInstanceOf(GitHubError.Forbidden.class, e);
    assertTrue(f.missingScopes());
    assertFalse(f.retryable());
    assertTrue(f.describe().contains("lacks"));
  }

  @Test
  void forbiddenWithTheRightScopeIsNotAMissingScope() {
    GitHubError.Forbidden f =
        assertInstanceOf(
            GitHubError.Forbidden.class,
            classify(
                403,
                Map.of("x-accepted-oauth-scopes", "repo", "x-oauth-scopes", "repo"),
                "{\"message\":\"no\"}"));
    assertFalse(f.missingScopes());
  }

  @Test
  void primaryRateLimitWhenNothingRemains() {
    GitHubError e =
        classify(403, rate("0"), "{\"message\":\"API rate limit exceeded for user ID 1.\"}");
    assertEquals(new GitHubError.PrimaryRateLimited(Instant.ofEpochSecond(1700000000), "core"), e);
    assertTrue(e.retryable());
    assertInstanceOf(GitHubError.PrimaryRateLimited.class, classify(429, rate("0"), "{}"));
  }

  @Test
  void secondaryRateLimitWithRetryAfter() {
    GitHubError e =
        classify(
            403,
            Map.of("retry-after", "30"),
            "{\"message\":\"You have exceeded a secondary rate limit.\"}");
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        assertInstanceOf(GitHubError.SecondaryRateLimited.class, e).retryAfter());
    assertTrue(e.retryable());
  }

  @Test
  void secondaryRateLimitWithoutRetryAfterWaitsAMinute() {
    GitHubError.SecondaryRateLimited e =
        assertInstanceOf(
            GitHubError.SecondaryRateLimited.class,
            classify(
                403,
                rate("4000"),
                "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes.\"}"));
    assertTrue(e.retryAfter().isEmpty());
    assertEquals(Duration.ofSeconds(60), e.waitAtLeast());
    assertInstanceOf(GitHubError.SecondaryRateLimited.class, classify(429, Map.of(), "{}"));
  }

  @Test
  void notFoundGoneAndMoved() {
    assertEquals(
        new GitHubError.NotFound("/repos/o/r/issues/1"),
        classify(404, Map.of(), "{\"message\":\"Not Found\"}"));
    assertEquals(
        new GitHubError.Gone("/repos/o/r/issues/1"),
        classify(410, Map.of(), "{\"message\":\"This issue was deleted\"}"));
    assertEquals(
        new GitHubError.Moved(301, URI.create("https://api.github.com/repositories/2/issues/7")),
        classify(
            301,
            Map.of("location", "https://api.github.com/repositories/2/issues/7"),
            "{\"message\":\"Moved Permanently\"}"));
  }

  @Test
  void validationCarriesFieldErrorsIncludingPlainStrings() {
    GitHubError.Validation v =
        assertInstanceOf(
            GitHubError.Validation.class,
            classify(
                422,
                Map.of(),
                "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Label\",\"code\":\"invalid\",\"field\":\"color\"},"
                    + "\"title is too long\"]}"));
    assertEquals(
        List.of(
            new GitHubError.FieldError("Label", "color", "invalid", null),
            new GitHubError.FieldError(null, null, null, "title is too long")),
        v.errors());
    assertFalse(v.retryable());
  }

  @Test
  void serverErrorsIncludingProxyHtmlPagesAreRetryable() {
    GitHubError e =
        classify(502, Map.of("content-type", "text/html"), "<html><body>Bad Gateway</body></html>");
    assertEquals(new GitHubError.ServerError(502, "(HTML page, probably from a proxy)"), e);
    assertTrue(e.retryable());
    assertInstanceOf(GitHubError.ServerError.class, classify(500, Map.of(), "not json at all {"));
  }

  @Test
  void otherClientErrorsAreRejected() {
    assertEquals(
        new GitHubError.Rejected(405, "Pull Request is not mergeable"),
        classify(405, Map.of(), "{\"message\":\"Pull Request is not mergeable\"}"));
  }

  @Test
  void retryAfterAlsoReadsHttpDates() {
    assertTrue(
        ResponseClassifier.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT").orElseThrow().isZero());
    assertTrue(ResponseClassifier.retryAfter("soon").isEmpty());
  }
}
