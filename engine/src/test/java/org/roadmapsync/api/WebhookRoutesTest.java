package org.roadmapsync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.github.WebhookSignatureVerifier;
import org.roadmapsync.intake.WebhookIntake;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.MappingSettings;

/**
 * Webhooks when they cannot be taken: no secret configured, or sync not running. Both 503 with a
 * JSON reason.
 */
class WebhookRoutesTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("webhook-routes", ConfigFactory.load());
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static JsonNode post(Route route, int expectedStatus) throws Exception {
    ServerBinding binding =
        Http.get(testKit.system())
            .newServerAt("127.0.0.1", 0)
            .bind(route)
            .toCompletableFuture()
            .get();
    try {
      byte[] body = "{\"zen\":\"z\"}".getBytes();
      HttpResponse response =
          Http.get(testKit.system())
              .singleRequest(
                  HttpRequest.POST(
                          "http://127.0.0.1:"
                              + binding.localAddress().getPort()
                              + "/webhooks/github")
                      .addHeader(RawHeader.create("X-GitHub-Event", "ping"))
                      .addHeader(
                          RawHeader.create(
                              "X-Hub-Signature-256", WebhookSignatureVerifier.sign("s", body)))
                      .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)))
              .toCompletableFuture()
              .get();
      String text =
          response
              .entity()
              .toStrict(5_000, testKit.system())
              .toCompletableFuture()
              .get()
              .getData()
              .utf8String();
      assertEquals(expectedStatus, response.status().intValue(), text);
      return JSON.readTree(text);
    } finally {
      binding.unbind().toCompletableFuture().get();
    }
  }

  @Test
  void withoutASecretWebhooksAreRefusedWith503() throws Exception {
    var intake =
        new WebhookIntake(
            testKit.system(),
            Optional.empty(),
            testKit.createTestProbe().ref().unsafeUpcast(),
            new FieldMapping(MappingSettings.defaults()),
            null,
            id -> null);
    JsonNode answer = post(new WebhookRoutes(Optional.of(intake), null, JSON).route(), 503);
    assertThat(answer.path("detail").asText()).contains("GITHUB_WEBHOOK_SECRET");
    assertEquals("service_unavailable", answer.path("error").asText());
  }

  @Test
  void withoutSyncWebhooksAreRefusedWith503() throws Exception {
    JsonNode answer =
        post(new WebhookRoutes(Optional.empty(), "GITHUB_TOKEN is not set", JSON).route(), 503);
    assertThat(answer.path("detail").asText()).contains("GITHUB_TOKEN is not set");
  }

  @Test
  void theIntakeItselfRefusesWithoutASecret() throws Exception {
    var intake =
        new WebhookIntake(
            testKit.system(),
            Optional.empty(),
            testKit.createTestProbe().ref().unsafeUpcast(),
            new FieldMapping(MappingSettings.defaults()),
            null,
            id -> null);
    var verdict = intake.receive("ping", "d", "sha256=00", new byte[0]).toCompletableFuture().get();
    assertThat(verdict).isInstanceOf(WebhookIntake.Unavailable.class);
    assertThat(intake.configured()).isFalse();
  }
}
