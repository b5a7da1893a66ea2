package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * Changes made through the client come back as the simulator's webhook deliveries to a Pekko HTTP
 * receiver, where {@link WebhookSignatureVerifier} accepts them and {@link WebhookEvents} types
 * them.
 */
class SimulatorWebhooksTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "simulator-webhooks",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
  private static final String TOKEN = "ghp_webhooks_test_token";
  private static final String SECRET = "hook-secret";
  private static final RepoRef REPO = RepoRef.parse("acme/roadmap");

  private record Delivery(String event, String deliveryId, String signature, byte[] body) {}

  private static final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
  private static final ServerBinding receiver = bindReceiver();
  private static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(TOKEN, REPO.toString())
              .withLimits(SimLimits.unlimited())
              .withAssignable("alice")
              .withWebhook(
                  SimSettings.WebhookTarget.reliable(
                      "http://127.0.0.1:" + receiver.localAddress().getPort() + "/webhooks/github",
                      SECRET)));

  private static ServerBinding bindReceiver() {
    Materializer materializer = Materializer.matFromSystem(testKit.system());
    try {
      return Http.get(testKit.system())
          .newServerAt("127.0.0.1", 0)
          .bind(
              (HttpRequest request) ->
                  request
                      .entity()
                      .toStrict(5_000, materializer)
                      .thenApply(
                          strict -> {
                            deliveries.add(
                                new Delivery(
                                    header(request, "X-GitHub-Event"),
                                    header(request, "X-GitHub-Delivery"),
                                    header(request, "X-Hub-Signature-256"),
                                    strict.getData().toArray()));
                            return HttpResponse.create().withStatus(202);
                          }))
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(HttpRequest request, String name) {
    return request.getHeader(name).map(HttpHeader::value).orElse(null);
  }

  @AfterAll
  static void stop() throws Exception {
    sim.stop();
    receiver.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The next delivery, verified and typed; fails after 10 s without one. */
  private static WebhookEvent next(WebhookSignatureVerifier verifier) throws InterruptedException {
    Delivery d = deliveries.poll(10, TimeUnit.SECONDS);
    assertNotNull(d, "no webhook delivery within 10 s");
    assertNotNull(d.deliveryId());
    assertEquals(new WebhookSignatureVerifier.Valid(1), verifier.verify(d.body(), d.signature()));
    return WebhookEvents.parse(d.event(), d.body());
  }

  @Test
  void clientChangesArriveAsVerifiedTypedEvents() throws Exception {
    WebhookSignatureVerifier verifier =
        new WebhookSignatureVerifier(List.of("next-secret", SECRET));
    GitHubClient client =
        new GitHubClient(testKit.system(), GitHubClientSettings.of(sim.baseUrl(), TOKEN), s -> {});

    await(client.createLabel(REPO, "type:bug", "d73a4a", null));
    WebhookEvent.LabelEvent label = assertInstanceOf(WebhookEvent.LabelEvent.class, next(verifier));
    assertEquals("created", label.action());
    assertEquals("type:bug", label.label().name());

    await(client.createMilestone(REPO, "v1.0", null));
    WebhookEvent.MilestoneEvent milestone =
        assertInstanceOf(WebhookEvent.MilestoneEvent.class, next(verifier));
    assertEquals("v1.0", milestone.milestone().title());

    Issue issue = await(client.createIssue(REPO, NewIssue.titled("From the client")));
    WebhookEvent.IssuesEvent opened =
        assertInstanceOf(WebhookEvent.IssuesEvent.class, next(verifier));
    assertEquals("opened", opened.action());
    assertEquals(issue.number(), opened.issue().number());
    assertEquals("acme/roadmap", opened.repository().fullName());

    await(client.updateIssue(REPO, issue.number(), IssuePatch.empty().withTitle("Renamed")));
    WebhookEvent.IssuesEvent edited =
        assertInstanceOf(WebhookEvent.IssuesEvent.class, next(verifier));
    assertEquals("edited", edited.action());
    assertEquals("From the client", edited.changes().path("title").path("from").asText());

    await(client.createComment(REPO, issue.number(), "a comment"));
    WebhookEvent.IssueCommentEvent comment =
        assertInstanceOf(WebhookEvent.IssueCommentEvent.class, next(verifier));
    assertEquals("a comment", comment.comment().body());

    await(client.createPullRequest(REPO, new NewPullRequest("PR", null, "feature", "main", true)));
    WebhookEvent.PullRequestEvent pull =
        assertInstanceOf(WebhookEvent.PullRequestEvent.class, next(verifier));
    assertEquals("opened", pull.action());
    assertTrue(pull.pullRequest().draft());

    sim.control().deleteIssue("admin", REPO.toString(), (int) issue.number());
    WebhookEvent.IssuesEvent deleted =
        assertInstanceOf(WebhookEvent.IssuesEvent.class, next(verifier));
    assertEquals("deleted", deleted.action());
    assertEquals(
        Optional.empty(),
        Optional.ofNullable(deliveries.poll(200, TimeUnit.MILLISECONDS)).map(Delivery::event),
        "nothing else was delivered");
  }
}
