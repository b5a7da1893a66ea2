package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/** A small test client over the Pekko HTTP client: real sockets, answers read whole. */
final class SimHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  private final ActorSystem<?> system;
  private final String base;
  private final String token;

  SimHttp(ActorSystem<?> system, String base, String token) {
    this.system = system;
    this.base = base;
    this.token = token;
  }

  record Answer(int status, List<HttpHeader> headers, String text) {
    Optional<String> header(String name) {
      return headers.stream()
          .filter(h -> h.name().equalsIgnoreCase(name))
          .map(HttpHeader::value)
          .findFirst();
    }

    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }

    int remaining() {
      return Integer.parseInt(header("x-ratelimit-remaining").orElseThrow());
    }
  }

  Answer get(String path, String... headers) {
    return send(HttpRequest.GET(url(path)), null, headers);
  }

  Answer post(String path, String body, String... headers) {
    return send(HttpRequest.POST(url(path)), body, headers);
  }

  Answer patch(String path, String body, String... headers) {
    return send(HttpRequest.create(url(path)).withMethod(HttpMethods.PATCH), body, headers);
  }

  Answer put(String path, String body, String... headers) {
    return send(HttpRequest.PUT(url(path)), body, headers);
  }

  Answer delete(String path, String... headers) {
    return send(HttpRequest.DELETE(url(path)), null, headers);
  }

  CompletionStage<Answer> sendAsync(HttpRequest request, String body, String... headers) {
    List<HttpHeader> h = new ArrayList<>();
    boolean customAuth = false;
    for (int i = 0; i < headers.length; i += 2) {
      h.add(RawHeader.create(headers[i], headers[i + 1]));
      customAuth |= headers[i].equalsIgnoreCase("Authorization");
    }
    if (!customAuth && token != null) h.add(RawHeader.create("Authorization", "token " + token));
    HttpRequest r = request.addHeaders(h);
    if (body != null)
      r = r.withEntity(ContentTypes.APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8));
    return Http.get(system)
        .singleRequest(r)
        .thenCompose(
            resp ->
                resp.entity()
                    .toStrict(5000, system)
                    .thenApply(
                        strict -> {
                          List<HttpHeader> all = list(resp);
                          // Pekko keeps these two on the entity, not among the headers; they are on
                          // the wire all the same
                          if (!strict.getData().isEmpty()) {
                            all.add(
                                RawHeader.create(
                                    "content-type", strict.getContentType().toString()));
                            all.add(
                                RawHeader.create(
                                    "content-length", Integer.toString(strict.getData().size())));
                          }
                          return new Answer(
                              resp.status().intValue(), all, strict.getData().utf8String());
                        }));
  }

  Answer send(HttpRequest request, String body, String... headers) {
    try {
      return sendAsync(request, body, headers).toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "request failed: " + request.method().value() + " " + request.getUri(), e);
    }
  }

  private static List<HttpHeader> list(HttpResponse resp) {
    List<HttpHeader> out = new ArrayList<>();
    resp.getHeaders().forEach(out::add);
    return out;
  }

  String url(String path) {
    return path.startsWith("http") ? path : base + path;
  }
}
