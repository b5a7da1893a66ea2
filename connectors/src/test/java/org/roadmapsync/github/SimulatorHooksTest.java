package org.roadmapsync.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * The webhook calls of the client against the simulator: the repository's hooks, the deliveries of
 * GitHub's redelivery window (pages followed only as far as the window goes, by GitHub's clock),
 * and a redelivery.
 */
class SimulatorHooksTest {

  static final ActorTestKit testKit =
      ActorTestKit.create(
          "simulator-hooks",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
  static final String TOKEN = "ghp_hooks_client_token";
  static final RepoRef REPO = RepoRef.parse("acme/hooks");
  static final Duration WINDOW = Duration.ofDays(3);
  static final String DELIVERIES_ROUTE = "GET /repos/{o}/{r}/hooks/{hook_id}/deliveries";

  /** The X-GitHub-Delivery of every request the receiver got. */
  static final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  static final ServerBinding receiver =
      Http.get(testKit.system())
          .newServerAt("127.0.0.1", 0)
          .bindSync(
              (HttpRequest request) -> {
                request.discardEntityBytes(testKit.system());
                received.add(request.getHeader("X-GitHub-Delivery").orElseThrow().value());
                return HttpResponse.create().withStatus(202);
              })
          .toCompletableFuture()
          .join();

  static final String URL =
      "http://127.0.0.1:" + receiver.localAddress().getPort() + "/webhooks/github";

  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(TOKEN, REPO.toString()).withLimits(SimLimits.unlimited()));

  private GitHubClient client;

  @AfterAll
  static void stop() {
    receiver.unbind().toCompletableFuture().join();
    sim.stop();
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void reset() {
    sim.control().reset();
    sim.control().setWebhook(Optional.of(SimSettings.WebhookTarget.reliable(URL, "s")));
    received.clear();
    client =
        new GitHubClient(testKit.system(), GitHubClientSettings.of(sim.baseUrl(), TOKEN), s -> {});
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static long requests(String route) {
    return sim.control().stats().path("requests").path(route).asLong(0);
  }

  /** Opens {@code count} issues as another user and waits until each delivery is recorded. */
  static void deliveries(int count) throws InterruptedException {
    int before = sim.control().hookDeliveries(REPO.toString()).size();
    for (int i = 0; i < count; i++) {
      sim.control()
          .createIssueAs(
              "octocat",
              REPO.toString(),
              GitHubJson.MAPPER.createObjectNode().put("title", "change " + i));
    }
    for (int i = 0; i < count; i++) {
      assertTrue(received.poll(10, TimeUnit.SECONDS) != null, "delivery " + i + " arrived");
    }
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              assertEquals(before + count, sim.control().hookDeliveries(REPO.toString()).size());
              return null;
            });
  }

  long hookId() throws Exception {
    List<Hook> hooks = await(client.listHooks(REPO));
    assertEquals(1, hooks.size());
    return hooks.get(0).id();
  }

  @Test
  void theRepositorysHookIsListedWithItsUrl() throws Exception {
    Hook hook = await(client.listHooks(REPO)).get(0);
    assertEquals(URL, hook.config().url());
    assertEquals("json", hook.config().contentType());
    assertTrue(hook.active());
    assertEquals(List.of("*"), hook.events());
    assertThat(hook.createdAt()).isNotNull();

    sim.control().setWebhook(Optional.empty());
    assertEquals(List.of(), await(client.listHooks(REPO)));
  }

  @Test
  void deliveriesAreReadNewestFirstAcrossPagesAndTheListingIsConditional() throws Exception {
    long hook = hookId();
    deliveries(105);

    RecentDeliveries recent = await(client.listRecentHookDeliveries(REPO, hook, WINDOW));
    assertEquals(105, recent.deliveries().size());
    assertEquals(2, recent.pages(), "100 a page, the cursor followed");
    assertFalse(recent.notModified());
    assertThat(recent.deliveries().stream().map(HookDelivery::id))
        .isSortedAccordingTo((a, b) -> Long.compare(b, a))
        .doesNotHaveDuplicates();
    HookDelivery newest = recent.deliveries().get(0);
    assertEquals("issues", newest.event());
    assertEquals("opened", newest.action());
    assertEquals(202, newest.statusCode());
    assertTrue(newest.succeeded());
    assertFalse(newest.redelivery());
    assertThat(newest.guid()).isNotBlank();

    long quota = sim.control().stats().path("quota_spent").asLong();
    RecentDeliveries again = await(client.listRecentHookDeliveries(REPO, hook, WINDOW));
    assertTrue(again.notModified(), "nothing delivered since: 304s");
    assertEquals(105, again.deliveries().size(), "from the ETag cache");
    assertEquals(quota, sim.control().stats().path("quota_spent").asLong());
  }

  @Test
  void pagesStopAtTheWindowByGitHubsClock() throws Exception {
    long hook = hookId();
    deliveries(110);
    sim.control().advanceClock(WINDOW.plusHours(1));
    deliveries(5);
    long before = requests(DELIVERIES_ROUTE + " 200");

    RecentDeliveries recent = await(client.listRecentHookDeliveries(REPO, hook, WINDOW));

    assertEquals(5, recent.deliveries().size(), "only the last three days");
    assertEquals(1, recent.pages(), "the first page already reaches past the window");
    assertEquals(before + 1, requests(DELIVERIES_ROUTE + " 200"));
    assertThat(recent.asOf())
        .as("now is GitHub's (the simulated) clock, not this machine's")
        .isAfter(Instant.now().plus(WINDOW));
  }

  @Test
  void aDeliveryIsSentAgainWithItsGuid() throws Exception {
    long hook = hookId();
    deliveries(1);
    HookDelivery first =
        await(client.listRecentHookDeliveries(REPO, hook, WINDOW)).deliveries().get(0);

    await(client.redeliverHookDelivery(REPO, hook, first.id()));

    assertEquals(first.guid(), received.poll(10, TimeUnit.SECONDS));
    // recorded before the next test resets the simulator
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              assertEquals(2, sim.control().hookDeliveries(REPO.toString()).size());
              return null;
            });
    var failure =
        assertThrows(
            ExecutionException.class,
            () -> await(client.redeliverHookDelivery(REPO, hook, first.id() + 1000)));
    assertInstanceOf(GitHubError.NotFound.class, GitHubError.of(failure).orElseThrow());
  }

  @Test
  void aTokenThatMayNotManageHooksGetsNotFound() {
    sim.control().setTokenScopes("public_repo");
    var failure = assertThrows(ExecutionException.class, () -> await(client.listHooks(REPO)));
    assertInstanceOf(GitHubError.NotFound.class, GitHubError.of(failure).orElseThrow());
  }
}
