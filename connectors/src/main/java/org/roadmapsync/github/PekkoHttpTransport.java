package org.roadmapsync.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.model.headers.ProductVersion;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.UserAgent;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.StreamTcpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network end of the connector: Pekko HTTP's pooled client, GitHub's headers, the ETag cache,
 * the rate-limit listener, size and time limits, and the mapping of every failure to a {@link
 * GitHubError}. The pool never retries by itself (max-retries 0): retrying is the governor's
 * decision, and a silent retry would spend quota twice.
 */
final class PekkoHttpTransport implements GitHubTransport {

  private static final Logger log = LoggerFactory.getLogger(PekkoHttpTransport.class);

  private final GitHubClientSettings settings;
  private final RateLimitListener listener;
  private final EtagCache cache;
  private final Http http;
  private final Materializer materializer;
  private final ConnectionPoolSettings pool;
  private final URI base;
  private final LoggingAdapter pekkoLog;

  PekkoHttpTransport(
      ActorSystem<?> system,
      GitHubClientSettings settings,
      RateLimitListener listener,
      EtagCache cache) {
    this.settings = settings;
    this.listener = listener;
    this.cache = cache;
    this.http = Http.get(system);
    this.materializer = Materializer.matFromSystem(system);
    this.base = settings.baseUrl();
    this.pekkoLog = Adapter.toClassic(system).log();
    ClientConnectionSettings defaults = ClientConnectionSettings.create(system.settings().config());
    ClientConnectionSettings connection =
        defaults
            // the parser's own cap (8 MB by default) would otherwise win over the entity size limit
            // below
            .withParserSettings(
                defaults.getParserSettings().withMaxContentLength(settings.maxBodyBytes()))
            .withConnectingTimeout(settings.connectTimeout())
            .withIdleTimeout(settings.responseTimeout().plusSeconds(30))
            .withUserAgentHeader(
                Optional.of(
                    UserAgent.create(
                        ProductVersion.create("roadmap-sync", settings.userAgentVersion()))));
    this.pool =
        ConnectionPoolSettings.create(system.settings().config())
            .withMaxRetries(0)
            .withConnectionSettings(connection);
  }

  @Override
  public CompletionStage<GitHubResponse> execute(GitHubRequest request) {
    String url;
    try {
      url = resolve(request.target());
    } catch (GitHubException e) {
      return CompletableFuture.failedFuture(e);
    }
    return send(request, url, true);
  }

  /**
   * Waits for the credentials' token, then sends. A 401 to a token the credentials can renew (an
   * installation token GitHub no longer takes) renews it and sends once more: GitHub did nothing
   * with the refused request, so sending it again is safe.
   */
  private CompletionStage<GitHubResponse> send(GitHubRequest request, String url, boolean retry) {
    GitHubCredentials credentials = settings.credentials();
    return credentials
        .token()
        .thenCompose(
            token ->
                sendWith(request, url, token)
                    .exceptionallyCompose(
                        failure -> {
                          boolean refused =
                              GitHubError.of(failure)
                                  .filter(GitHubError.Unauthorized.class::isInstance)
                                  .isPresent();
                          if (retry && refused && credentials.refused(token)) {
                            log.info(
                                "GitHub refused the token on {} {}: renewing it and sending again",
                                request.method(),
                                pathOf(url));
                            return send(request, url, false);
                          }
                          return CompletableFuture.failedFuture(failure);
                        }));
  }

  private CompletionStage<GitHubResponse> sendWith(
      GitHubRequest request, String url, GitHubToken token) {
    String identity = settings.credentials().cacheKey();
    Optional<EtagCache.Entry> cached =
        request.conditional() ? cache.get(identity, url) : Optional.empty();
    Optional<String> ifNoneMatch =
        request.conditional()
            ? cached.map(EtagCache.Entry::etag).or(request::etag)
            : Optional.empty();
    HttpRequest httpRequest;
    try {
      httpRequest = toHttp(request, url, ifNoneMatch, token);
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("request body is not JSON-writable", e));
    }
    long timeoutMillis = settings.responseTimeout().toMillis();
    CompletableFuture<GitHubResponse> result =
        http.singleRequest(httpRequest, http.defaultClientHttpsContext(), pool, pekkoLog)
            .thenCompose(
                response ->
                    readBody(response, timeoutMillis)
                        .thenApply(
                            body -> complete(request, url, response, body, cached, identity)))
            .toCompletableFuture()
            .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
    return result.exceptionallyCompose(
        failure -> CompletableFuture.failedFuture(translate(failure)));
  }

  /**
   * Relative targets hang under the base URL; absolute ones (from Link headers) must stay on its
   * host.
   */
  private String resolve(String target) {
    if (target.startsWith("/")) {
      return base + target;
    }
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new GitHubException(new GitHubError.BrokenLink(target, "not a URI"));
    }
    boolean sameOrigin =
        uri.isAbsolute()
            && base.getScheme().equalsIgnoreCase(uri.getScheme())
            && base.getHost().equalsIgnoreCase(uri.getHost())
            && port(base) == port(uri);
    if (!sameOrigin) {
      // following it would send the token to another host
      throw new GitHubException(new GitHubError.BrokenLink(target, "points away from " + base));
    }
    return uri.toString();
  }

  private static int port(URI uri) {
    return uri.getPort() != -1
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private HttpRequest toHttp(
      GitHubRequest request, String url, Optional<String> ifNoneMatch, GitHubToken token)
      throws JsonProcessingException {
    HttpRequest http =
        HttpRequest.create(url)
            .withMethod(
                switch (request.method()) {
                  case GET -> HttpMethods.GET;
                  case POST -> HttpMethods.POST;
                  case PATCH -> HttpMethods.PATCH;
                  case PUT -> HttpMethods.PUT;
                  case DELETE -> HttpMethods.DELETE;
                })
            .addHeader(RawHeader.create("Accept", "application/vnd.github+json"))
            .addHeader(RawHeader.create("X-GitHub-Api-Version", "2022-11-28"))
            .addHeader(Authorization.oauth2(token.reveal()));
    if (ifNoneMatch.isPresent()) {
      http = http.addHeader(RawHeader.create("If-None-Match", ifNoneMatch.get()));
    }
    if (request.body() != null) {
      http =
          http.withEntity(
              HttpEntities.create(
                  ContentTypes.APPLICATION_JSON,
                  GitHubJson.MAPPER.writeValueAsBytes(request.body())));
    } else if (request.method() == GitHubRequest.Method.PUT) {
      http = http.withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, new byte[0]));
    }
    return http;
  }

  private CompletionStage<ReadBody> readBody(HttpResponse response, long timeoutMillis) {
    return response
        .entity()
        .withSizeLimit(settings.maxBodyBytes())
        .toStrict(timeoutMillis, materializer)
        .thenApply(strict -> new ReadBody(headers(response), strict.getData().toArray()))
        .exceptionally(
            failure -> {
              throw new CompletionException(
                  translateBodyFailure(response.status().intValue(), failure));
            });
  }

  private record ReadBody(Map<String, String> headers, byte[] bytes) {}

  private GitHubResponse complete(
      GitHubRequest request,
      String url,
      HttpResponse response,
      ReadBody body,
      Optional<EtagCache.Entry> cached,
      String identity) {
    int status = response.status().intValue();
    Map<String, String> headers = body.headers();
    if (status != 401) {
      // a 401 carries the anonymous budget (60 an hour), not the token's: the governor would
      // starve every request for an hour after a revoked installation token was renewed
      RateLimitHeaders.parse(headers).ifPresent(this::notifyListener);
    }
    if (status == 304) {
      Map<String, String> withLink = new HashMap<>(headers);
      cached.map(EtagCache.Entry::link).ifPresent(link -> withLink.putIfAbsent("link", link));
      return new GitHubResponse(
          304, withLink, cached.map(EtagCache.Entry::body).orElse(new byte[0]), true, url);
    }
    Optional<GitHubError> error =
        ResponseClassifier.classify(status, headers, body.bytes(), pathOf(url));
    if (error.isPresent()) {
      log.debug("GitHub {} {} -> {}", request.method(), pathOf(url), error.get().describe());
      throw new GitHubException(error.get());
    }
    if (request.method() == GitHubRequest.Method.GET && headers.containsKey("etag")) {
      cache.put(
          identity,
          url,
          new EtagCache.Entry(headers.get("etag"), body.bytes(), headers.get("link")));
    }
    return new GitHubResponse(status, headers, body.bytes(), false, url);
  }

  private void notifyListener(RateLimitSnapshot snapshot) {
    try {
      listener.onRateLimit(snapshot);
    } catch (RuntimeException e) {
      log.warn("rate-limit listener failed; ignoring", e);
    }
  }

  private static Map<String, String> headers(HttpResponse response) {
    Map<String, String> headers = new HashMap<>();
    for (HttpHeader header : response.getHeaders()) {
      headers.putIfAbsent(header.lowercaseName(), header.value());
    }
    headers.put("content-type", response.entity().getContentType().toString());
    return headers;
  }

  private static String pathOf(String url) {
    return URI.create(url).getRawPath();
  }

  private GitHubException translateBodyFailure(int status, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof EntityStreamSizeException
        || String.valueOf(cause.getMessage()).contains("longer than the maximum")) {
      return new GitHubException(new GitHubError.ResponseTooLarge(settings.maxBodyBytes()));
    }
    if (cause instanceof TimeoutException) {
      return new GitHubException(
          new GitHubError.Timeout("reading the response body", settings.responseTimeout()));
    }
    // a body cut short (Content-Length not reached, chunked stream aborted) means the connection
    // broke mid-response
    return new GitHubException(
        new GitHubError.ConnectionFailed(
            "response "
                + status
                + " cut short ("
                + cause.getClass().getSimpleName()
                + ": "
                + cause.getMessage()
                + ")"));
  }

  private RuntimeException translate(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof GitHubException e) {
      return e;
    }
    if (cause instanceof TimeoutException) {
      return new GitHubException(new GitHubError.Timeout("response", settings.responseTimeout()));
    }
    String message = String.valueOf(cause.getMessage());
    if (cause instanceof StreamTcpException
        && message.toLowerCase(Locale.ROOT).contains("timeout")) {
      return new GitHubException(new GitHubError.Timeout("connect", settings.connectTimeout()));
    }
    if (cause instanceof IllegalArgumentException e) {
      return e;
    }
    return new GitHubException(
        new GitHubError.ConnectionFailed(cause.getClass().getSimpleName() + ": " + message));
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
