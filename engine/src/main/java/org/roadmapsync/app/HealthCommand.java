package org.roadmapsync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.roadmapsync.github.GitHubError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints a running service's health the way {@code roadmap health} prints its checks: one line per
 * check, then the overall status. Exit 0 when UP, 1 when not, 2 when the service cannot be reached.
 */
@Command(
    name = "health",
    description = "Print the running service's health.",
    mixinStandardHelpOptions = true)
public final class HealthCommand implements Callable<Integer> {

  static final int EXIT_UP = 0;
  static final int EXIT_NOT_UP = 1;
  static final int EXIT_UNREACHABLE = 2;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Option(
      names = "--url",
      description =
          "Base URL of the service (default: http://127.0.0.1:7480, or ROADMAP_SYNC_HTTP_HOST/PORT).")
  String url = defaultUrl(System.getenv());

  @Option(names = "--json", description = "Print the health document as JSON.")
  boolean json;

  PrintStream out = System.out;
  PrintStream err = System.err;

  static String defaultUrl(Map<String, String> env) {
    String host = env.getOrDefault("ROADMAP_SYNC_HTTP_HOST", "127.0.0.1");
    if (host.equals("0.0.0.0") || host.isBlank()) {
      host = "127.0.0.1";
    }
    return "http://" + host + ":" + env.getOrDefault("ROADMAP_SYNC_HTTP_PORT", "7480");
  }

  @Override
  public Integer call() {
    String healthUrl = url.replaceAll("/+$", "") + "/health";
    var config =
        // A console command: Pekko's own logging stays quiet, the output is the checks.
        ConfigFactory.parseString(
                "pekko.loglevel = OFF\npekko.stdout-loglevel = OFF\n"
                    + "pekko.loggers = [\"org.apache.pekko.event.Logging$DefaultLogger\"]\n"
                    + "pekko.logging-filter = \"org.apache.pekko.event.DefaultLoggingFilter\"\n"
                    + "pekko.http.client.connecting-timeout = 5s")
            .withFallback(ConfigFactory.load());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "roadmap-sync-health", config);
    try {
      String body =
          Http.get(system)
              .singleRequest(HttpRequest.GET(healthUrl))
              .thenCompose(r -> r.entity().toStrict(TIMEOUT.toMillis(), system))
              .toCompletableFuture()
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
              .getData()
              .utf8String();
      JsonNode health = new ObjectMapper().readTree(body);
      if (!health.hasNonNull("status")) {
        err.println("❌ " + healthUrl + " did not answer like a roadmap-sync service");
        return EXIT_UNREACHABLE;
      }
      if (json) {
        out.println(health.toPrettyString());
      } else {
        printChecks(health);
      }
      return "UP".equals(health.path("status").asText()) ? EXIT_UP : EXIT_NOT_UP;
    } catch (Exception e) {
      err.println("❌ cannot reach roadmap-sync at " + healthUrl + ": " + GitHubError.describe(e));
      return EXIT_UNREACHABLE;
    } finally {
      system.terminate();
    }
  }

  private void printChecks(JsonNode health) {
    for (Iterator<Map.Entry<String, JsonNode>> it = health.path("components").fields();
        it.hasNext(); ) {
      var component = it.next();
      out.println(line(component.getKey(), component.getValue()));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = health.path("infrastructure").fields();
        it.hasNext(); ) {
      var dependency = it.next();
      out.println(line(dependency.getKey(), dependency.getValue()));
    }
    out.println();
    out.println("Overall Status: " + health.path("status").asText());
  }

  static String line(String name, JsonNode check) {
    String status = check.path("status").asText("UNKNOWN");
    String icon =
        switch (status) {
          case "UP" -> "✅";
          case "DOWN" -> "❌";
          default -> "⚠️";
        };
    StringBuilder detail = new StringBuilder();
    if (check.hasNonNull("issueFiles")) {
      detail
          .append(check.get("issueFiles").asLong())
          .append(" issue files in ")
          .append(check.path("path").asText());
    } else if (check.hasNonNull("roundTripMs")) {
      detail.append("round trip ").append(check.get("roundTripMs").asLong()).append(" ms");
    } else if (check.hasNonNull("app")) {
      JsonNode app = check.get("app");
      detail.append("as GitHub App ").append(app.path("appId").asText());
      if (app.hasNonNull("installationId")) {
        detail.append(", installation ").append(app.get("installationId").asText());
      }
      if (app.hasNonNull("tokenExpiresAt")) {
        detail.append(", token until ").append(app.get("tokenExpiresAt").asText());
      }
    }
    String reason =
        check.hasNonNull("reason")
            ? check.get("reason").asText()
            : check.path("lastError").asText("");
    if (!reason.isEmpty()) {
      detail.append(detail.length() > 0 ? "; " : "").append(reason);
    }
    return icon + " " + name + ": " + status + (detail.length() > 0 ? " (" + detail + ")" : "");
  }
}
