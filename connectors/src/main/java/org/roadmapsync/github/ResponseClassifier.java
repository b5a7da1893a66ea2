package org.roadmapsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what a non-success status means, from the status, the headers and GitHub's JSON error
 * body (or a proxy's HTML page). Pure, so every branch has a unit test.
 */
public final class ResponseClassifier {

  private ResponseClassifier() {}

  /** Empty for 2xx and 304; the error otherwise. {@code headers} names are lower-cased. */
  public static Optional<GitHubError> classify(
      int status, Map<String, String> headers, byte[] body, String path) {
    if ((status >= 200 && status < 300) || status == 304) {
      return Optional.empty();
    }
    ErrorBody error = ErrorBody.read(headers, body);
    Optional<RateLimitSnapshot> rate = RateLimitHeaders.parse(headers);
    if (status == 403 || status == 429) {
      Optional<GitHubError> limited = rateLimited(status, headers, error.message(), rate);
      if (limited.isPresent()) {
        return limited;
      }
    }
    return Optional.of(
        switch (status) {
          case 401 -> new GitHubError.Unauthorized(error.message());
          case 403 ->
              new GitHubError.Forbidden(
                  error.message(),
                  OAuthScopes.parse(headers.get("x-accepted-oauth-scopes")),
                  OAuthScopes.parse(headers.get("x-oauth-scopes")));
          case 404 -> new GitHubError.NotFound(path);
          case 410 -> new GitHubError.Gone(path);
          case 301, 302, 303, 307, 308 -> moved(status, headers, path);
          case 422 -> new GitHubError.Validation(error.message(), error.fieldErrors());
          default ->
              status >= 500
                  ? new GitHubError.ServerError(status, error.message())
                  : new GitHubError.Rejected(status, error.message());
        });
  }

  private static Optional<GitHubError> rateLimited(
      int status, Map<String, String> headers, String message, Optional<RateLimitSnapshot> rate) {
    Optional<Duration> retryAfter = retryAfter(headers.get("retry-after"));
    boolean secondaryMessage = message.toLowerCase(Locale.ROOT).contains("secondary rate limit");
    if (rate.isPresent() && rate.get().exhausted() && !secondaryMessage) {
      return Optional.of(
          new GitHubError.PrimaryRateLimited(rate.get().resetAt(), rate.get().resource()));
    }
    if (retryAfter.isPresent() || secondaryMessage || status == 429) {
      return Optional.of(new GitHubError.SecondaryRateLimited(retryAfter, message));
    }
    return Optional.empty();
  }

  /** {@code Retry-After} as delta-seconds (what GitHub sends) or an HTTP date. */
  static Optional<Duration> retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static GitHubError moved(int status, Map<String, String> headers, String path) {
    String location = headers.get("location");
    try {
      return new GitHubError.Moved(status, location == null ? null : new URI(location.trim()));
    } catch (URISyntaxException e) {
      return new GitHubError.MalformedResponse(
          status, "unreadable Location header on a redirect of " + path);
    }
  }

  /**
   * GitHub's error JSON {@code {"message", "errors": [...], "documentation_url"}}, or what can be
   * made of a non-JSON body.
   */
  record ErrorBody(String message, List<GitHubError.FieldError> fieldErrors) {

    static ErrorBody read(Map<String, String> headers, byte[] body) {
      String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
      if (body == null || body.length == 0) {
        return new ErrorBody("(empty body)", List.of());
      }
      if (contentType.contains("html")) {
        return new ErrorBody("(HTML page, probably from a proxy)", List.of());
      }
      try {
        JsonNode json = GitHubJson.MAPPER.readTree(body);
        if (json == null || !json.isObject()) {
          return new ErrorBody("(unexpected error body)", List.of());
        }
        String message = json.path("message").asText("(no message)");
        List<GitHubError.FieldError> errors = new ArrayList<>();
        for (JsonNode e : json.path("errors")) {
          errors.add(
              e.isTextual()
                  ? new GitHubError.FieldError(null, null, null, e.asText())
                  : new GitHubError.FieldError(
                      text(e, "resource"), text(e, "field"), text(e, "code"), text(e, "message")));
        }
        return new ErrorBody(message, errors);
      } catch (IOException e) {
        return new ErrorBody("(unreadable error body)", List.of());
      }
    }

    private static String text(JsonNode node, String field) {
      JsonNode value = node.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }
  }
}
