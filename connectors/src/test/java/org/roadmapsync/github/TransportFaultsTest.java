package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.RepoRef;

/**
 * What a real network and proxies can do to responses, produced by a small Pekko HTTP server (and,
 * for a body cut short or a dropped connection, a raw Pekko TCP listener): every case must end as a
 * typed {@link GitHubError}.
 */
class TransportFaultsTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "transport-faults",
          ConfigFactory.parseString("pekko.loglevel = ERROR").withFallback(ConfigFactory.load()));
  private static final String ISSUE =
      "{\"id\":7,\"number\":1,\"title\":\"One\",\"state\":\"open\",\"labels\":[],"
          + "\"updated_at\":\"2026-01-02T03:04:05Z\"}";
  private static final AtomicInteger fullAnswers = new AtomicInteger();
  private static final AtomicInteger notModifiedAnswers = new AtomicInteger();
  private static final AtomicInteger foreignRequests = new AtomicInteger();
  private static ServerBinding server;
  private static ServerBinding foreign;
  private static String base;

  private final List<RateLimitSnapshot> snapshots = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Http http = Http.get(testKit.system());
    foreign =
        http.newServerAt("127.0.0.1", 0)
            .bindSync(
                request -> {
                  foreignRequests.incrementAndGet();
                  return HttpResponse.create()
                      .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, "[]"));
                })
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    server =
        http.newServerAt("127.0.0.1", 0)
            .bind(TransportFaultsTest::handle)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.localAddress().getPort();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static HttpResponse json(int status, String body) {
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body))
        .addHeader(RawHeader.create("x-ratelimit-limit", "5000"))
        .addHeader(RawHeader.create("x-ratelimit-remaining", "4321"))
        .addHeader(RawHeader.create("x-ratelimit-reset", "1700000000"));
  }

  private static CompletionStage<HttpResponse> handle(HttpRequest request) {
    String path = request.getUri().path();
    String query = request.getUri().rawQueryString().orElse("");
    Optional<String> ifNoneMatch = request.getHeader("if-none-match").map(h -> h.value());
    HttpResponse response =
        switch (path) {
          case "/malformed" -> json(200, "{\"id\": 1, \"title\": ");
          case "/html" ->
              HttpResponse.create()
                  .withEntity(
                      HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, "<html>Sign in</html>"));
          case "/html502" ->
              HttpResponse.create()
                  .withStatus(502)
                  .withEntity(
                      HttpEntities.create(
                          ContentTypes.TEXT_HTML_UTF8, "<html><h1>502 Bad Gateway</h1></html>"));
          case "/huge" ->
              HttpResponse.create()
                  .withEntity(
                      HttpEntities.createChunked(
                          ContentTypes.APPLICATION_JSON,
                          Source.repeat(ByteString.fromArray(new byte[1024 * 1024])).take(27)));
          case "/brokenlink" ->
              json(200, "[]")
                  .addHeader(RawHeader.create("link", "<" + base + "/x?page=2; rel=\"next\""));
          case "/foreignlink" ->
              json(200, "[]")
                  .addHeader(
                      RawHeader.create(
                          "link",
                          "<http://127.0.0.1:"
                              + foreign.localAddress().getPort()
                              + "/steal?page=2>; rel=\"next\""));
          case "/loop" ->
              json(200, "[]")
                  .addHeader(RawHeader.create("link", "<" + base + "/loop>; rel=\"next\""));
          case "/repos/o/r/issues/1" -> conditional(ifNoneMatch, "\"v1\"", ISSUE);
          case "/repos/o/r/issues" ->
              query.contains("page=2")
                  ? conditional(
                      ifNoneMatch,
                      "\"p2\"",
                      "[" + ISSUE.replace("\"number\":1", "\"number\":2") + "]")
                  : conditional(ifNoneMatch, "\"p1\"", "[" + ISSUE + "]")
                      .addHeader(
                          RawHeader.create(
                              "link",
                              "<" + base + "/repos/o/r/issues?state=all&page=2>; rel=\"next\""));
          case "/slow" -> null;
          case "/scopes" ->
              json(403, "{\"message\":\"Resource not accessible by personal access token\"}")
                  .addHeader(RawHeader.create("x-accepted-oauth-scopes", "repo"))
                  .addHeader(RawHeader.create("x-oauth-scopes", "gist, read:user"));
          default -> json(404, "{\"message\":\"Not Found\"}");
        };
    if (response == null) {
      return CompletableFuture.supplyAsync(
          () -> json(200, "{}"), CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
    }
    return CompletableFuture.completedFuture(response);
  }

  private static HttpResponse conditional(Optional<String> ifNoneMatch, String etag, String body) {
    if (ifNoneMatch.filter(etag::equals).isPresent()) {
      notModifiedAnswers.incrementAndGet();
      return HttpResponse.create()
          .withStatus(304)
          .addHeader(RawHeader.create("etag", etag))
          .addHeader(RawHeader.create("x-ratelimit-limit", "5000"))
          .addHeader(RawHeader.create("x-ratelimit-remaining", "4321"))
          .addHeader(RawHeader.create("x-ratelimit-reset", "1700000000"));
    }
    fullAnswers.incrementAndGet();
    return json(200, body).addHeader(RawHeader.create("etag", etag));
  }

  private GitHubClient client(String url) {
    return client(url, Duration.ofSeconds(15));
  }

  private GitHubClient client(String url, Duration responseTimeout) {
    return new GitHubClient(
        testKit.system(),
        GitHubClientSettings.of(url, "test-token")
            .withTimeouts(Duration.ofSeconds(5), responseTimeout),
        snapshots::add);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static GitHubError failureOf(CompletionStage<?> stage) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(stage));
    return GitHubError.of(e).orElseThrow(() -> new AssertionError("untyped failure", e.getCause()));
  }

  private GitHubError getFailure(String path) {
    return failureOf(
        client(base)
            .execute(GitHubRequest.get(path))
            .thenApply(r -> GitHubClient.decode(r, Issue.class)));
  }

  @Test
  void malformedJsonIsAMalformedResponse() {
    GitHubError.MalformedResponse e =
        assertInstanceOf(GitHubError.MalformedResponse.class, getFailure("/malformed"));
    assertEquals(200, e.status());
    assertTrue(e.detail().contains("invalid JSON"), e.detail());
  }

  @Test
  void htmlPagesFromProxies() {
    assertInstanceOf(GitHubError.MalformedResponse.class, getFailure("/html"));
    GitHubError e = getFailure("/html502");
    assertEquals(new GitHubError.ServerError(502, "(HTML page, probably from a proxy)"), e);
    assertTrue(e.retryable());
  }

  @Test
  void bodiesOver25MegabytesAreRefused() {
    GitHubError e = getFailure("/huge");
    assertEquals(new GitHubError.ResponseTooLarge(25L * 1024 * 1024), e);
    assertFalse(e.retryable());
  }

  @Test
  void brokenLinkHeadersAndLoopsAreTypedErrors() {
    GitHubClient client = client(base);
    assertInstanceOf(
        GitHubError.BrokenLink.class,
        failureOf(
            client.paginate(
                GitHubRequest.get("/brokenlink"),
                new com.fasterxml.jackson.core.type.TypeReference<List<Issue>>() {})));
    GitHubError.BrokenLink loop =
        assertInstanceOf(
            GitHubError.BrokenLink.class,
            failureOf(
                client.paginate(
                    GitHubRequest.get("/loop"),
                    new com.fasterxml.jackson.core.type.TypeReference<List<Issue>>() {})));
    assertTrue(loop.reason().contains("loops"));
  }

  @Test
  void aLinkToAnotherHostIsNotFollowedSoTheTokenStaysHome() {
    GitHubError.BrokenLink e =
        assertInstanceOf(
            GitHubError.BrokenLink.class,
            failureOf(
                client(base)
                    .paginate(
                        GitHubRequest.get("/foreignlink"),
                        new com.fasterxml.jackson.core.type.TypeReference<List<Issue>>() {})));
    assertTrue(e.reason().contains("points away"));
    assertEquals(0, foreignRequests.get());
  }

  @Test
  void forbiddenForMissingScopes() {
    GitHubError.Forbidden e = assertInstanceOf(GitHubError.Forbidden.class, getFailure("/scopes"));
    assertTrue(e.missingScopes());
    assertEquals(java.util.Set.of("gist", "read:user"), e.tokenScopes());
    assertFalse(e.retryable());
  }

  @Test
  void aSlowServerIsATimeout() {
    GitHubError e =
        failureOf(client(base, Duration.ofMillis(700)).execute(GitHubRequest.get("/slow")));
    assertEquals(new GitHubError.Timeout("response", Duration.ofMillis(700)), e);
    assertTrue(e.retryable());
  }

  @Test
  void conditionalGetIsServedFromTheCacheOn304() throws Exception {
    GitHubClient client = client(base);
    int fullBefore = fullAnswers.get();
    int notModifiedBefore = notModifiedAnswers.get();
    Fetched<Issue> first = await(client.getIssue(new RepoRef("o", "r"), 1));
    Fetched<Issue> second = await(client.getIssue(new RepoRef("o", "r"), 1));
    assertFalse(first.notModified());
    assertTrue(second.notModified());
    assertEquals(first.value(), second.value());
    assertEquals("One", second.value().title());
    assertEquals(fullBefore + 1, fullAnswers.get());
    assertEquals(notModifiedBefore + 1, notModifiedAnswers.get());
    assertEquals(2, snapshots.size(), "the 304's rate-limit headers reach the listener too");
  }

  @Test
  void listingReportsNotModifiedAndKeepsItemsFromTheCache() throws Exception {
    GitHubClient client = client(base);
    IssueQuery all = new IssueQuery("all", null, null, null, null);
    Listing<Issue> first = await(client.listIssues(new RepoRef("o", "r"), all, Optional.empty()));
    assertEquals(List.of(1L, 2L), first.items().stream().map(Issue::number).toList());
    assertFalse(first.notModified());
    assertEquals(Optional.of("\"p1\""), first.etag());
    Listing<Issue> again = await(client.listIssues(new RepoRef("o", "r"), all, Optional.empty()));
    assertTrue(again.notModified());
    assertEquals(first.items(), again.items());
    assertEquals(2, again.pages());

    // an ETag kept across a restart: a fresh client has no cached body, the poll is still free
    Listing<Issue> afterRestart =
        await(client(base).listIssues(new RepoRef("o", "r"), all, Optional.of("\"p1\"")));
    assertTrue(afterRestart.notModified());
    assertEquals(Optional.of("\"p1\""), afterRestart.etag());
  }

  @Test
  void aBodyCutShortIsConnectionFailed() throws Exception {
    String raw =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\": 1, \"title\": \"cut";
    try (RawTcp tcp = new RawTcp(Source.single(ByteString.fromString(raw)))) {
      GitHubError e = failureOf(client(tcp.url()).execute(GitHubRequest.get("/truncated")));
      GitHubError.ConnectionFailed failed = assertInstanceOf(GitHubError.ConnectionFailed.class, e);
      assertTrue(failed.message().contains("cut short"), failed.message());
      assertTrue(e.retryable());
    }
  }

  @Test
  void aDroppedConnectionIsConnectionFailed() throws Exception {
    try (RawTcp tcp = new RawTcp(Source.empty())) {
      GitHubError e = failureOf(client(tcp.url()).execute(GitHubRequest.get("/dropped")));
      assertInstanceOf(GitHubError.ConnectionFailed.class, e);
      assertTrue(e.retryable());
    }
  }

  @Test
  void nobodyListeningIsConnectionFailed() throws Exception {
    String url;
    try (RawTcp tcp = new RawTcp(Source.empty())) {
      url = tcp.url();
    }
    assertInstanceOf(
        GitHubError.ConnectionFailed.class,
        failureOf(client(url).execute(GitHubRequest.get("/x"))));
  }

  /**
   * A TCP listener that answers every connection with fixed bytes and closes: what no HTTP server
   * would do.
   */
  private static final class RawTcp implements AutoCloseable {
    private final Tcp.ServerBinding binding;

    RawTcp(Source<ByteString, ?> answer) throws Exception {
      binding =
          Tcp.get(testKit.system())
              .bind("127.0.0.1", 0)
              .to(
                  Sink.foreach(
                      connection ->
                          connection.handleWith(
                              Flow.fromSinkAndSourceCoupled(Sink.ignore(), answer),
                              testKit.system())))
              .run(testKit.system())
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
    }

    String url() {
      return "http://127.0.0.1:" + binding.localAddress().getPort();
    }

    @Override
    public void close() throws Exception {
      binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
