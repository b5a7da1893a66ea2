package org.roadmapsync.github;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach GitHub. {@code baseUrl} is {@code https://api.github.com}, a GitHub Enterprise API
 * root ({@code https://ghe.example.com/api/v3}) or the simulator; {@code credentials} give each
 * request its token (a personal one, or a GitHub App's installation tokens), never shown by {@link
 * #toString()}.
 *
 * @param userAgentVersion goes into {@code User-Agent: roadmap-sync/<version>}
 * @param maxBodyBytes larger response bodies fail with {@link GitHubError.ResponseTooLarge}
 * @param etagCacheEntries how many response bodies the ETag cache keeps
 */
public record GitHubClientSettings(
    URI baseUrl,
    GitHubCredentials credentials,
    Duration connectTimeout,
    Duration responseTimeout,
    String userAgentVersion,
    long maxBodyBytes,
    int etagCacheEntries) {

  public static final String GITHUB_API = "https://api.github.com";
  public static final long DEFAULT_MAX_BODY_BYTES = 25L * 1024 * 1024;

  public GitHubClientSettings {
    if (baseUrl == null
        || !baseUrl.isAbsolute()
        || baseUrl.getHost() == null
        || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
      throw new IllegalArgumentException(
          "GitHub API URL must be an absolute http(s) URL, got: " + baseUrl);
    }
    String path = baseUrl.getPath() == null ? "" : baseUrl.getPath();
    baseUrl =
        URI.create(
            baseUrl.getScheme()
                + "://"
                + baseUrl.getRawAuthority()
                + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
    if (credentials == null) {
      throw new IllegalArgumentException("GitHub credentials are required");
    }
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || responseTimeout.isNegative()
        || responseTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxBodyBytes <= 0 || etagCacheEntries < 0) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be positive and etagCacheEntries not negative");
    }
  }

  /** Defaults: 10 s to connect, 30 s for a whole response, 25 MB bodies, 10,000 cached bodies. */
  public static GitHubClientSettings of(String baseUrl, String token) {
    return of(baseUrl, GitHubCredentials.of(new GitHubToken(token)));
  }

  /** The same defaults with other credentials, e.g. a GitHub App's installation tokens. */
  public static GitHubClientSettings of(String baseUrl, GitHubCredentials credentials) {
    return new GitHubClientSettings(
        URI.create(baseUrl),
        credentials,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        defaultVersion(),
        DEFAULT_MAX_BODY_BYTES,
        10_000);
  }

  // the jar manifest's version when packaged; a fixed one when run from classes (tests, IDE)
  private static String defaultVersion() {
    String version = GitHubClientSettings.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "0.1.0-SNAPSHOT" : version;
  }

  public GitHubClientSettings withTimeouts(Duration connect, Duration response) {
    return new GitHubClientSettings(
        baseUrl, credentials, connect, response, userAgentVersion, maxBodyBytes, etagCacheEntries);
  }

  public GitHubClientSettings withMaxBodyBytes(long max) {
    return new GitHubClientSettings(
        baseUrl,
        credentials,
        connectTimeout,
        responseTimeout,
        userAgentVersion,
        max,
        etagCacheEntries);
  }

  /** The same connection settings with other credentials (the App's JWT for the exchange). */
  public GitHubClientSettings withCredentials(GitHubCredentials other) {
    return new GitHubClientSettings(
        baseUrl,
        other,
        connectTimeout,
        responseTimeout,
        userAgentVersion,
        maxBodyBytes,
        etagCacheEntries);
  }

  public GitHubClientSettings withUserAgentVersion(String version) {
    return new GitHubClientSettings(
        baseUrl,
        credentials,
        connectTimeout,
        responseTimeout,
        version,
        maxBodyBytes,
        etagCacheEntries);
  }
}
