package org.roadmapsync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * The admin API of a running service, for the commands that talk to it ({@code import}, {@code
 * plan}, {@code publish}): JSON in and out, the admin token from {@code ROADMAP_SYNC_ADMIN_TOKEN}
 * sent as a bearer token and never printed. Blocking: a console command waits for its answer.
 */
final class ServiceClient implements AutoCloseable {

  /** An answer: HTTP status and JSON body. */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The API's error detail, or the body. */
    String detail() {
      return body.hasNonNull("detail") ? body.get("detail").asText() : body.toString();
    }
  }

  /** The service did not answer (not running there, or not a roadmap-sync service). */
  static final class Unreachable extends Exception {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String baseUrl;
  private final Optional<String> adminToken;
  private final ActorSystem<Void> system;

  ServiceClient(String baseUrl, Map<String, String> env) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.adminToken =
        Optional.ofNullable(env.get("ROADMAP_SYNC_ADMIN_TOKEN")).filter(t -> !t.isBlank());
    var config =
        // A console command: Pekko's own logging stays quiet, the output is the answer.
        ConfigFactory.parseString(
                "pekko.loglevel = OFF\npekko.stdout-loglevel = OFF\n"
                    + "pekko.loggers = [\"org.apache.pekko.event.Logging$DefaultLogger\"]\n"
                    + "pekko.logging-filter = \"org.apache.pekko.event.DefaultLoggingFilter\"\n"
                    + "pekko.http.client.connecting-timeout = 5s\n"
                    + "pekko.http.client.idle-timeout = 120s")
            .withFallback(ConfigFactory.load());
    this.system = ActorSystem.create(Behaviors.empty(), "roadmap-sync-client", config);
  }

  String url(String path) {
    return baseUrl + path;
  }

  Answer get(String path) throws Unreachable {
    return send(HttpRequest.GET(url(path)));
  }

  Answer post(String path, JsonNode body) throws Unreachable {
    return send(
        HttpRequest.create(url(path))
            .withMethod(HttpMethods.POST)
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString())));
  }

  private Answer send(HttpRequest request) throws Unreachable {
    HttpRequest authorized =
        adminToken
            .map(t -> request.addHeader(RawHeader.create("Authorization", "Bearer " + t)))
            .orElse(request);
    try {
      var response =
          Http.get(system)
              .singleRequest(authorized)
              .toCompletableFuture()
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      String text =
          response
              .entity()
              .toStrict(TIMEOUT.toMillis(), system)
              .toCompletableFuture()
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
              .getData()
              .utf8String();
      return new Answer(response.status().intValue(), JSON.readTree(text));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new Unreachable(
          "cannot reach roadmap-sync at " + baseUrl + ": " + cause.getMessage(), e);
    }
  }

  @Override
  public void close() {
    system.terminate();
  }
}
