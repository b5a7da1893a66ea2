package org.roadmapsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubException;
import org.roadmapsync.github.GitHubJson;
import org.roadmapsync.github.GitHubResponse;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * The recovery actor against the simulator over HTTP, with a receiver standing in for the intake:
 * what it reads, what it asks GitHub to send again (and what not), what it reports, and that a
 * crash neither stops it nor makes it ask twice.
 */
class DeliveryRecoveryTest {

  static final ActorTestKit testKit = ActorTestKit.create("recovery", ConfigFactory.load());
  static final String TOKEN = "recovery-token";
  static final RepoRef REPO = RepoRef.parse("octo/recovery");
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String ATTEMPTS =
      "POST /repos/{o}/{r}/hooks/{hook_id}/deliveries/{delivery_id}/attempts";
  static final String DELIVERIES = "GET /repos/{o}/{r}/hooks/{hook_id}/deliveries";
  static final String HOOKS = "GET /repos/{o}/{r}/hooks";

  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(TOKEN, REPO.toString()).withLimits(SimLimits.unlimited()));

  /** What the stand-in intake answers, and the guids it got (each test has its own probe). */
  static final AtomicInteger answer = new AtomicInteger(202);

  static final AtomicReference<TestProbe<String>> probe = new AtomicReference<>();
  static final ServerBinding receiver =
      Http.get(testKit.system())
          .newServerAt("127.0.0.1", 0)
          .bindSync(
              (HttpRequest request) -> {
                request.discardEntityBytes(testKit.system());
                probe
                    .get()
                    .ref()
                    .tell(request.getHeader("X-GitHub-Delivery").orElseThrow().value());
                return HttpResponse.create().withStatus(answer.get());
              })
          .toCompletableFuture()
          .join();

  static final String URL =
      "http://127.0.0.1:" + receiver.localAddress().getPort() + DeliveryRecovery.WEBHOOK_PATH;

  TestProbe<String> received;
  GitHubClient client;
  final AtomicReference<DeliveryRecovery.Memory> memory =
      new AtomicReference<>(DeliveryRecovery.Memory.EMPTY);
  final AtomicReference<DeliveryRecovery.Report> report =
      new AtomicReference<>(DeliveryRecovery.Report.pending());
  ActorRef<DeliveryRecovery.Command> recovery;

  @AfterAll
  static void stop() {
    receiver.unbind().toCompletableFuture().join();
    sim.stop();
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void reset() {
    received = testKit.createTestProbe();
    probe.set(received);
    answer.set(202);
    sim.control().reset();
    sim.control().setWebhook(Optional.of(SimSettings.WebhookTarget.reliable(URL, "s")));
    client =
        new GitHubClient(testKit.system(), GitHubClientSettings.of(sim.baseUrl(), TOKEN), s -> {});
  }

  @AfterEach
  void stopRecovery() {
    if (recovery != null) {
      testKit.stop(recovery);
    }
  }

  // ---- helpers

  DeliveryRecovery.Wiring wiring(
      Function<RepoRef, Optional<Long>> configured,
      Supplier<Predicate<String>> taken,
      CompletionStage<?> ready) {
    return wiring(client, configured, taken, ready);
  }

  static DeliveryRecovery.Wiring wiring(
      GitHubClient client,
      Function<RepoRef, Optional<Long>> configured,
      Supplier<Predicate<String>> taken,
      CompletionStage<?> ready) {
    return new DeliveryRecovery.Wiring(
        List.of(REPO),
        configured,
        client,
        true,
        () -> CompletableFuture.supplyAsync(taken::get),
        ready,
        Clock.systemUTC());
  }

  void start(DeliveryRecovery.Wiring wiring) {
    recovery = testKit.spawn(DeliveryRecovery.create(wiring, memory, report));
  }

  static Function<RepoRef, Optional<Long>> none() {
    return repo -> Optional.empty();
  }

  static Supplier<Predicate<String>> nothingTaken() {
    return () -> guid -> false;
  }

  static CompletionStage<Object> now() {
    return CompletableFuture.completedFuture(null);
  }

  /** Opens {@code count} issues; each delivery is answered {@code status}; their guids. */
  List<String> changes(int count, int status) {
    answer.set(status);
    List<String> guids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sim.control()
          .createIssueAs(
              "octocat",
              REPO.toString(),
              GitHubJson.MAPPER.createObjectNode().put("title", "c" + i));
      guids.add(received.receiveMessage(WAIT));
    }
    // recorded once the answer is in; a late one of an earlier test must not count
    received.awaitAssert(
        WAIT,
        () -> {
          List<String> recorded = new ArrayList<>();
          sim.control()
              .hookDeliveries(REPO.toString())
              .forEach(d -> recorded.add(d.path("guid").asText()));
          assertThat(recorded).containsAll(guids);
          return null;
        });
    answer.set(202);
    return guids;
  }

  static long requests(String route) {
    long sum = 0;
    JsonNode byRoute = sim.control().stats().path("requests");
    for (var it = byRoute.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (name.startsWith(route + " ")) sum += byRoute.path(name).asLong();
    }
    return sum;
  }

  DeliveryRecovery.Report awaitPass(Predicate<DeliveryRecovery.Report> done) {
    return testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              DeliveryRecovery.Report r = report.get();
              assertThat(done.test(r)).as("report %s", r).isTrue();
              return r;
            });
  }

  static boolean finished(DeliveryRecovery.Report r) {
    return r.lastRecoveryAt() != null;
  }

  DeliveryRecovery.RepositoryReport repository(DeliveryRecovery.Report r) {
    return r.repositories().get(REPO.toString());
  }

  long hookId() {
    return client.listHooks(REPO).toCompletableFuture().join().get(0).id();
  }

  // ---- scenarios

  @Test
  void atStartEachMissedDeliveryIsAskedForOnceAndArrivesWithItsGuid() {
    List<String> missed = changes(2, 503);
    changes(1, 202);

    start(wiring(none(), nothingTaken(), now()));

    Set<String> again =
        new HashSet<>(List.of(received.receiveMessage(WAIT), received.receiveMessage(WAIT)));
    assertEquals(new HashSet<>(missed), again, "the two failed ones, with their X-GitHub-Delivery");
    DeliveryRecovery.Report r = awaitPass(DeliveryRecoveryTest::finished);
    assertEquals("UP", r.status());
    assertNull(r.reason());
    assertThat(r.gapRecovery())
        .startsWith("on: hook ")
        .contains(REPO.toString())
        .endsWith("(found)");
    assertEquals(2, repository(r).missed());
    assertEquals(2, repository(r).redeliveriesAsked());
    assertEquals(2, requests(ATTEMPTS));
    assertEquals(1, requests(HOOKS), "the hook list, once");
    assertEquals(1, requests(DELIVERIES), "one page of deliveries");

    // a gap later: everything arrived, nothing is asked for, the hook is not looked for again
    received.awaitAssert(
        WAIT,
        () -> {
          List<String> redelivered = new ArrayList<>();
          sim.control()
              .hookDeliveries(REPO.toString())
              .forEach(
                  d -> {
                    if (d.path("redelivery").asBoolean() && d.path("status_code").asInt() == 202) {
                      redelivered.add(d.path("guid").asText());
                    }
                  });
          assertThat(redelivered).containsExactlyInAnyOrderElementsOf(missed);
          return null;
        });
    recovery.tell(new DeliveryRecovery.Recover("GitHub answers again"));
    awaitPass(rep -> "GitHub answers again".equals(rep.lastRecoveryCause()));
    assertEquals(2, requests(ATTEMPTS));
    assertEquals(1, requests(HOOKS));
    assertEquals(2, requests(DELIVERIES));
    assertEquals(0, repository(report.get()).missed());
  }

  @Test
  void whatTheIntakeAlreadyTookIsNotAskedFor() {
    List<String> missed = changes(2, 500);
    String took = missed.get(0);

    start(wiring(none(), () -> took::equals, now()));

    assertEquals(missed.get(1), received.receiveMessage(WAIT));
    DeliveryRecovery.Report r = awaitPass(DeliveryRecoveryTest::finished);
    assertEquals(1, repository(r).redeliveriesAsked());
    assertEquals(1, requests(ATTEMPTS));
  }

  @Test
  void nothingIsAskedBeforeTheServiceCanTakeIt() {
    changes(1, 500);
    CompletableFuture<Object> bound = new CompletableFuture<>();

    start(wiring(none(), nothingTaken(), bound));

    received.expectNoMessage(Duration.ofMillis(500));
    assertEquals(0, sim.control().stats().path("requests_total").asLong());
    assertEquals("UNKNOWN", report.get().status());
    bound.complete(null);
    received.receiveMessage(WAIT);
    assertEquals("UP", awaitPass(DeliveryRecoveryTest::finished).status());
  }

  @Test
  void aConfiguredHookIsReadWithoutListingTheHooks() {
    changes(1, 502);
    long hook = hookId();
    long listings = requests(HOOKS);

    start(wiring(repo -> Optional.of(hook), nothingTaken(), now()));

    received.receiveMessage(WAIT);
    DeliveryRecovery.Report r = awaitPass(DeliveryRecoveryTest::finished);
    assertThat(r.gapRecovery()).endsWith("(configured)");
    assertEquals(hook, repository(r).hookId());
    assertEquals(listings, requests(HOOKS));
  }

  @Test
  void aConfiguredHookThatDoesNotExistTurnsItOffWithTheReason() {
    start(wiring(repo -> Optional.of(42L), nothingTaken(), now()));

    DeliveryRecovery.Report r = awaitPass(DeliveryRecoveryTest::finished);
    assertEquals("DEGRADED", r.status());
    assertThat(r.reason())
        .startsWith("off: hook 42 of " + REPO + " (configured) cannot be read (404")
        .endsWith("polling covers the gap");
    assertEquals(0, requests(ATTEMPTS));
  }

  @Test
  void withoutAHookItSaysWhyAndAsksForNothing() {
    changes(1, 500);
    sim.control().setWebhook(Optional.empty());

    start(wiring(none(), nothingTaken(), now()));

    DeliveryRecovery.Report r = awaitPass(DeliveryRecoveryTest::finished);
    assertEquals("DEGRADED", r.status());
    assertEquals(
        "off: no hook found for "
            + REPO
            + " (none delivers to …/webhooks/github); polling covers the gap",
        r.gapRecovery());
    assertEquals(r.gapRecovery(), r.reason());
    assertEquals(0, requests(DELIVERIES));
    assertEquals(0, requests(ATTEMPTS));
  }

  @Test
  void aTokenThatMayNotReadTheHooksTurnsItOffWithTheReason() {
    sim.control().setTokenScopes("public_repo");

    start(wiring(none(), nothingTaken(), now()));

    assertThat(awaitPass(DeliveryRecoveryTest::finished).reason())
        .contains("the token may not read the hooks of " + REPO)
        .contains("admin:repo_hook");
    assertEquals(0, requests(DELIVERIES));
  }

  @Test
  void aDeliveryPastGitHubsThreeDaysIsNotAskedFor() {
    changes(1, 500);
    sim.control().advanceClock(DeliveryRecovery.REDELIVERY_WINDOW.plusHours(1));
    changes(1, 500);

    start(wiring(none(), nothingTaken(), now()));

    received.receiveMessage(WAIT);
    DeliveryRecovery.Report r = awaitPass(DeliveryRecoveryTest::finished);
    assertEquals(1, repository(r).redeliveriesAsked(), "only the recent one");
    assertEquals(1, requests(ATTEMPTS));
    assertEquals(1, repository(r).missed(), "the old one is past the window");
    received.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void aCrashRestartsItAndThePassIsDoneOnce() {
    List<String> missed = changes(1, 500);
    AtomicInteger crashes = new AtomicInteger(1);
    Supplier<Predicate<String>> flaky =
        () ->
            guid -> {
              if (crashes.getAndDecrement() > 0) {
                throw new IllegalStateException("simulated crash while planning");
              }
              return false;
            };

    start(wiring(none(), flaky, now()));

    assertEquals(missed.get(0), received.receiveMessage(WAIT), "asked for after the restart");
    assertEquals("UP", awaitPass(DeliveryRecoveryTest::finished).status());
    assertThat(crashes.get()).as("it did crash").isLessThan(0);
    assertEquals(1, requests(ATTEMPTS));
  }

  @Test
  void whatWasAskedForOutlivesARestartEvenWhenTheRedeliveryFailedToo() {
    changes(1, 500);
    answer.set(503); // the redelivery fails as well
    start(wiring(none(), nothingTaken(), now()));
    received.receiveMessage(WAIT);
    awaitPass(DeliveryRecoveryTest::finished);
    testKit.stop(recovery);

    // a new incarnation with the same memory (what the supervisor's restart keeps)
    report.set(DeliveryRecovery.Report.pending());
    start(wiring(none(), nothingTaken(), now()));
    awaitPass(DeliveryRecoveryTest::finished);

    assertEquals(1, requests(ATTEMPTS), "asked for once, however often it failed");
    assertThat(memory.get().asked()).hasSize(1);
  }

  @Test
  void twoHooksDeliveringHereAreAGuessAndA5xxIsTriedAfterTheNextGap() {
    AtomicInteger hooksCalls = new AtomicInteger();
    GitHubClient stub =
        new GitHubClient(
            request -> {
              if (request.target().endsWith("/hooks?per_page=100")
                  && hooksCalls.incrementAndGet() == 1) {
                return CompletableFuture.completedFuture(
                    json(
                        "[{\"id\":1,\"active\":true,\"config\":{\"url\":\"https://a.example/webhooks/github\"}},"
                            + "{\"id\":2,\"active\":true,\"config\":{\"url\":\"https://b.example/webhooks/github/\"}},"
                            + "{\"id\":3,\"active\":false,\"config\":{\"url\":\"https://c.example/webhooks/github\"}}]"));
              }
              return CompletableFuture.failedFuture(
                  new GitHubException(new GitHubError.ServerError(502, "Bad Gateway")));
            });

    start(wiring(stub, none(), nothingTaken(), now()));

    assertThat(awaitPass(DeliveryRecoveryTest::finished).reason())
        .startsWith("off: 2 hooks of " + REPO + " deliver to …/webhooks/github (1, 2)")
        .contains("ROADMAP_GITHUB_HOOK_ID");
    recovery.tell(new DeliveryRecovery.Recover("gap"));
    DeliveryRecovery.Report failed = awaitPass(r -> "gap".equals(r.lastRecoveryCause()));
    assertEquals("DEGRADED", failed.status());
    assertThat(failed.gapRecovery()).startsWith("failed: the webhooks of " + REPO);
    assertThat(repository(failed).lastError()).contains("502");
  }

  @Test
  void gapsDuringAPassMakeOneMorePassAfterIt() {
    CompletableFuture<GitHubResponse> firstListing = new CompletableFuture<>();
    AtomicInteger listings = new AtomicInteger();
    GitHubClient stub =
        new GitHubClient(
            request ->
                listings.incrementAndGet() == 1
                    ? firstListing
                    : CompletableFuture.completedFuture(json("[]")));

    start(wiring(stub, none(), nothingTaken(), now()));
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertEquals(1, listings.get());
              return null;
            });
    recovery.tell(new DeliveryRecovery.Recover("first gap"));
    recovery.tell(new DeliveryRecovery.Recover("second gap"));
    firstListing.complete(json("[]"));

    awaitPass(r -> "second gap".equals(r.lastRecoveryCause()));
    assertEquals(2, listings.get(), "the start's pass, then one for both gaps");
  }

  @Test
  void withoutAWebhookSecretNothingIsAskedAndTheReportSaysSo() {
    var handleReport = new AtomicReference<>(DeliveryRecovery.Report.notConfigured());
    var off =
        new DeliveryRecovery.Wiring(
            List.of(REPO),
            none(),
            client,
            false,
            () -> now().thenApply(x -> g -> false),
            now(),
            Clock.systemUTC());
    recovery = testKit.spawn(DeliveryRecovery.create(off, memory, handleReport));
    recovery.tell(new DeliveryRecovery.Recover("gap"));
    received.expectNoMessage(Duration.ofMillis(300));
    assertEquals(0, sim.control().stats().path("requests_total").asLong());
    assertEquals("NOT_CONFIGURED", handleReport.get().status());
    assertThat(handleReport.get().reason()).contains("GITHUB_WEBHOOK_SECRET");
  }

  static GitHubResponse json(String body) {
    return new GitHubResponse(
        200,
        Map.of("content-type", ContentTypes.APPLICATION_JSON.toString()),
        body.getBytes(StandardCharsets.UTF_8),
        false,
        "https://api.github.com/repos/octo/recovery/hooks");
  }
}
