package org.roadmapsync.github;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * A successful answer (2xx, or 304 served from the ETag cache) as the transport hands it to the
 * client.
 *
 * @param headers response headers, names lower-cased, first value of each
 * @param notModified true when GitHub answered 304: {@code body} then comes from the cache (empty
 *     when the caller's ETag was not in the cache)
 * @param url the absolute URL that was requested (the ETag cache key, the base for pagination)
 */
public record GitHubResponse(
    int status, Map<String, String> headers, byte[] body, boolean notModified, String url) {

  public GitHubResponse {
    headers = Map.copyOf(headers);
  }

  public Optional<String> header(String lowerCaseName) {
    return Optional.ofNullable(headers.get(lowerCaseName));
  }

  public Optional<String> etag() {
    return header("etag");
  }

  /** The {@code Date} header: the time by the server's clock, when it sent one that parses. */
  public Optional<Instant> date() {
    return header("date")
        .flatMap(
            value -> {
              try {
                return Optional.of(
                    ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
              } catch (DateTimeParseException e) {
                return Optional.empty();
              }
            });
  }

  public Optional<RateLimitSnapshot> rateLimit() {
    return RateLimitHeaders.parse(headers);
  }

  /**
   * The parsed {@code Link} header; a malformed one throws a {@link GitHubException} with {@link
   * GitHubError.BrokenLink}.
   */
  public LinkHeader link() {
    return LinkHeader.parse(headers.get("link"));
  }
}
