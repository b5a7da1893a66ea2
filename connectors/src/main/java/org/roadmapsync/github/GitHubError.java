package org.roadmapsync.github;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Everything that can go wrong talking to GitHub, as types. Each says whether repeating the same
 * request later can succeed ({@link #retryable()}); the rate-limit types also say when. Failed
 * {@code CompletionStage}s of the client complete with a {@link GitHubException} carrying one of
 * these; {@link #of(Throwable)} digs it out. In a cluster the rate-limit governor hears of them
 * from other nodes, so the concrete type travels with the value.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "@type")
public sealed interface GitHubError {

  boolean retryable();

  /** One line for logs and the admin API; never contains the token. */
  String describe();

  /** 401: token missing, wrong or revoked. */
  record Unauthorized(String message) implements GitHubError {
    public boolean retryable() {
      return false;
    }

    public String describe() {
      return "401 unauthorized: " + message;
    }
  }

  /**
   * A GitHub App's installation would not give a token (the exchange answered 401, 403 or 404): it
   * was uninstalled or suspended, or the App's ID or key is wrong. Nothing works until someone
   * fixes it, like a revoked personal token.
   *
   * @param installation its id, or {@code of owner/name} while it is looked for
   */
  record InstallationRefused(String installation, int status, String message)
      implements GitHubError {
    public boolean retryable() {
      return false;
    }

    public String describe() {
      return "the GitHub App installation "
          + installation
          + " gives no token ("
          + status
          + " "
          + message
          + "): uninstalled, suspended, or the App's ID or key is wrong";
    }
  }

  /**
   * 403 that is not a rate limit. When GitHub names the scopes that would do ({@code
   * X-Accepted-OAuth-Scopes}) and the token has none of them ({@code X-OAuth-Scopes}), {@link
   * #missingScopes()} is true.
   */
  record Forbidden(String message, Set<String> acceptedScopes, Set<String> tokenScopes)
      implements GitHubError {
    public Forbidden {
      acceptedScopes = Set.copyOf(acceptedScopes);
      tokenScopes = Set.copyOf(tokenScopes);
    }

    public boolean missingScopes() {
      return !acceptedScopes.isEmpty() && acceptedScopes.stream().noneMatch(tokenScopes::contains);
    }

    public boolean retryable() {
      return false;
    }

    public String describe() {
      return missingScopes()
          ? "403 forbidden: token lacks any of the scopes "
              + acceptedScopes
              + " (has "
              + tokenScopes
              + ")"
          : "403 forbidden: " + message;
    }
  }

  /** 403/429 with {@code x-ratelimit-remaining: 0}: nothing until {@code resetAt}. */
  record PrimaryRateLimited(Instant resetAt, String resource) implements GitHubError {
    public boolean retryable() {
      return true;
    }

    public String describe() {
      return "primary rate limit of '" + resource + "' spent until " + resetAt;
    }
  }

  /**
   * 403/429 for a secondary limit; GitHub may leave out {@code retry-after} (then wait at least 60
   * s).
   */
  record SecondaryRateLimited(Optional<Duration> retryAfter, String message)
      implements GitHubError {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    public Duration waitAtLeast() {
      return retryAfter.orElse(DEFAULT_WAIT);
    }

    public boolean retryable() {
      return true;
    }

    public String describe() {
      return "secondary rate limit, retry after "
          + retryAfter.map(Duration::toString).orElse("unspecified")
          + ": "
          + message;
    }
  }

  /** 404: does not exist or the token may not see it. */
  record NotFound(String path) implements GitHubError {
    public boolean retryable() {
      return false;
    }

    public String describe() {
      return "404 not found: " + path;
    }
  }

  /** 410: deleted (an issue) or disabled (issues of a repository). */
  record Gone(String path) implements GitHubError {
    public boolean retryable() {
      return false;
    }

    public String describe() {
      return "410 gone: " + path;
    }
  }

  /**
   * 301/302/307/308: moved, e.g. a transferred issue or a renamed repository; {@code location} is
   * the new URL.
   */
  record Moved(int status, URI location) implements GitHubError {
    public boolean retryable() {
      return false;
    }

    public String describe() {
      return status + " moved to " + location;
    }
  }

  /** 422: the request was understood and refused; {@code errors} says which field and why. */
  record Validation(String message, List<FieldError> errors) implements GitHubError {
    public Validation {
      errors = List.copyOf(errors);
    }

    public boolean retryable() {
      return false;
    }

    public String describe() {
      return "422 " + message + " " + errors;
    }
  }

  /**
   * One entry of a 422's {@code errors}; {@code code} is e.g. {@code invalid}, {@code
   * missing_field}, {@code already_exists}.
   */
  record FieldError(String resource, String field, String code, String message) {}

  /** Another 4xx the client has no better name for (e.g. 405 not mergeable, 409 conflict). */
  record Rejected(int status, String message) implements GitHubError {
    public boolean retryable() {
      return false;
    }

    public String describe() {
      return status + " rejected: " + message;
    }
  }

  /** 5xx, including HTML error pages of proxies in front of GitHub. */
  record ServerError(int status, String message) implements GitHubError {
    public boolean retryable() {
      return true;
    }

    public String describe() {
      return status + " server error: " + message;
    }
  }

  /** No (complete) answer within the configured connect or response timeout. */
  record Timeout(String what, Duration after) implements GitHubError {
    public boolean retryable() {
      return true;
    }

    public String describe() {
      return what + " timed out after " + after;
    }
  }

  /**
   * The connection could not be made, or broke before a complete response (a body cut short
   * included).
   */
  record ConnectionFailed(String message) implements GitHubError {
    public boolean retryable() {
      return true;
    }

    public String describe() {
      return "connection failed: " + message;
    }
  }

  /**
   * A complete response that cannot be used: malformed JSON, HTML where JSON was expected, no body
   * where one was needed.
   */
  record MalformedResponse(int status, String detail) implements GitHubError {
    public boolean retryable() {
      return true;
    }

    public String describe() {
      return "malformed response (" + status + "): " + detail;
    }
  }

  /** A body above the limit (25 MB by default); asking again would give the same. */
  record ResponseTooLarge(long limitBytes) implements GitHubError {
    public boolean retryable() {
      return false;
    }

    public String describe() {
      return "response body larger than " + limitBytes + " bytes";
    }
  }

  /**
   * A {@code Link} header that cannot be parsed or that points away from the configured API host.
   */
  record BrokenLink(String header, String reason) implements GitHubError {
    public boolean retryable() {
      return false;
    }

    public String describe() {
      return "broken Link header (" + reason + "): " + header;
    }
  }

  /** The typed error inside a failure of one of the client's stages, if it is one. */
  static Optional<GitHubError> of(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof GitHubException e ? Optional.of(e.error()) : Optional.empty();
  }

  /**
   * One line for any failure, for logs, the admin API and the console: GitHub's typed description
   * when it is one, else the message of the root cause (its class name when it has none); null for
   * no failure.
   */
  static String describe(Throwable failure) {
    if (failure == null) {
      return null;
    }
    Optional<GitHubError> gitHub = of(failure);
    if (gitHub.isPresent()) {
      return gitHub.get().describe();
    }
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
