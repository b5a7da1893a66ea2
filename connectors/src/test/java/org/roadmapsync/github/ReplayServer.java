package org.roadmapsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;

/**
 * Serves the exchanges of one recorded scenario ({@code
 * recorded/api.github.com/<scenario>/normalized-fixture.json}) in order over HTTP,
 * like @octokit/fixtures-server: each request must have the recorded method and path, the recorded
 * query parameters and, for writes, the recorded JSON body; {@code https://api.github.com} in
 * headers and bodies becomes this server's address so Link and Location lead back here. Mismatches
 * answer 500 and are kept.
 */
final class ReplayServer implements AutoCloseable {

  private static final Set<String> SKIPPED_HEADERS =
      Set.of("content-length", "content-type", "connection", "transfer-encoding", "date", "server");

  private final List<JsonNode> exchanges = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
  private final List<Map<String, String>> requestHeaders =
      Collections.synchronizedList(new ArrayList<>());
  private final Materializer materializer;
  private final ServerBinding binding;
  private final String base;

  ReplayServer(ActorSystem<?> system, String scenario) throws Exception {
    JsonNode recorded =
        GitHubJson.MAPPER.readTree(
            Fixtures.bytes(
                "github-fixtures/recorded/api.github.com/"
                    + scenario
                    + "/normalized-fixture.json"));
    recorded.forEach(exchanges::add);
    this.materializer = Materializer.matFromSystem(system);
    this.binding =
        Http.get(system)
            .newServerAt("127.0.0.1", 0)
            .bind(this::handle)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    this.base = "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  String baseUrl() {
    return base;
  }

  int served() {
    return next.get();
  }

  int recorded() {
    return exchanges.size();
  }

  List<String> mismatches() {
    return List.copyOf(mismatches);
  }

  List<Map<String, String>> requestHeaders() {
    return List.copyOf(requestHeaders);
  }

  private CompletionStage<HttpResponse> handle(HttpRequest request) {
    return request
        .entity()
        .toStrict(5_000, materializer)
        .thenApply(
            strict -> {
              Map<String, String> headers = new HashMap<>();
              for (HttpHeader h : request.getHeaders()) {
                headers.put(h.lowercaseName(), h.value());
              }
              requestHeaders.add(headers);
              int index = next.getAndIncrement();
              if (index >= exchanges.size()) {
                return mismatch(
                    "request "
                        + (index + 1)
                        + " beyond the "
                        + exchanges.size()
                        + " recorded: "
                        + describe(request));
              }
              JsonNode exchange = exchanges.get(index);
              String problem = compare(exchange, request, strict.getData().utf8String());
              return problem == null
                  ? respond(exchange)
                  : mismatch("request " + (index + 1) + ": " + problem);
            });
  }

  private String compare(JsonNode exchange, HttpRequest request, String body) {
    URI recorded = URI.create(exchange.path("path").asText());
    String method = request.method().value();
    if (!exchange.path("method").asText().equalsIgnoreCase(method)) {
      return "expected "
          + exchange.path("method").asText()
          + " "
          + recorded
          + ", got "
          + describe(request);
    }
    if (!recorded.getRawPath().equals(request.getUri().path())) {
      return "expected path " + recorded.getRawPath() + ", got " + describe(request);
    }
    Set<String> sent = Set.copyOf(List.of(request.getUri().rawQueryString().orElse("").split("&")));
    if (recorded.getRawQuery() != null
        && !sent.containsAll(List.of(recorded.getRawQuery().split("&")))) {
      return "expected query " + recorded.getRawQuery() + ", got " + describe(request);
    }
    JsonNode expectedBody = exchange.path("body");
    if (expectedBody.isObject()) {
      try {
        JsonNode sentBody = GitHubJson.MAPPER.readTree(body);
        if (!expectedBody.equals(sentBody)) {
          return "expected body " + expectedBody + ", got " + body;
        }
      } catch (IOException e) {
        return "body is not JSON: " + body;
      }
    }
    return null;
  }

  private HttpResponse respond(JsonNode exchange) {
    List<HttpHeader> headers = new ArrayList<>();
    exchange
        .path("headers")
        .fields()
        .forEachRemaining(
            h -> {
              if (!SKIPPED_HEADERS.contains(h.getKey())) {
                headers.add(RawHeader.create(h.getKey(), rewrite(h.getValue().asText())));
              }
            });
    HttpResponse response =
        HttpResponse.create().withStatus(exchange.path("status").asInt()).addHeaders(headers);
    JsonNode body = exchange.path("response");
    if (body.isTextual() && body.asText().isEmpty()) {
      return response;
    }
    byte[] bytes =
        rewrite(body.isTextual() ? body.asText() : body.toString())
            .getBytes(StandardCharsets.UTF_8);
    return response.withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, bytes));
  }

  private String rewrite(String text) {
    return text.replace("https://api.github.com", base);
  }

  private HttpResponse mismatch(String problem) {
    mismatches.add(problem);
    return HttpResponse.create()
        .withStatus(StatusCodes.INTERNAL_SERVER_ERROR)
        .withEntity(
            HttpEntities.create(
                ContentTypes.APPLICATION_JSON, "{\"message\":\"replay mismatch\"}"));
  }

  private static String describe(HttpRequest request) {
    return request.method().value()
        + " "
        + request.getUri().path()
        + request.getUri().rawQueryString().map(q -> "?" + q).orElse("");
  }

  @Override
  public void close() throws Exception {
    binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
