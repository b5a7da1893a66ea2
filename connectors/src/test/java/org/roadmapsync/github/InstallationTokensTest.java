package org.roadmapsync.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.AppPrivateKey;
import org.roadmapsync.config.GitHubApp;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * A GitHub App's installation tokens against the simulator over real HTTP: the exchange, the
 * installation found from the repository, renewal before expiry under steady load (simulated clock
 * compressed so a token lives two seconds), renewal after a 401, and a refused installation.
 */
class InstallationTokensTest {

  static final ActorTestKit testKit =
      ActorTestKit.create(
          "installation-tokens",
          ConfigFactory.parseString("pekko.loglevel = ERROR").withFallback(ConfigFactory.load()));
  static final long APP_ID = 777;
  static final AppPrivateKey KEY = AppPrivateKey.fromPem(AppJwtTest.newPem());
  static final RepoRef REPO = RepoRef.parse("acme/roadmap");
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults("ghp_personal", REPO.toString())
              .withLimits(SimLimits.unlimited())
              .withApp(SimSettings.App.of(APP_ID, KEY.publicKey())));
  static final long INSTALLATION = SimSettings.App.DEFAULT_INSTALLATION_ID;

  @AfterAll
  static void stop() {
    sim.stop();
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void reset() {
    sim.control().reset();
    sim.control().clock().setSpeed(1);
  }

  private static InstallationTokens tokens(AppPrivateKey key, Optional<Long> installation) {
    return InstallationTokens.of(
        testKit.system(),
        GitHubClientSettings.of(sim.baseUrl(), "unused")
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15)),
        new GitHubApp(APP_ID, key, installation),
        Optional.of(REPO),
        Clock.systemUTC());
  }

  private static GitHubClient client(InstallationTokens tokens) {
    return client(tokens, RateLimitListener.NONE);
  }

  private static GitHubClient client(InstallationTokens tokens, RateLimitListener listener) {
    return new GitHubClient(
        testKit.system(),
        GitHubClientSettings.of(sim.baseUrl(), tokens)
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15)),
        listener);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static GitHubError failureOf(CompletionStage<?> stage) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(stage));
    return GitHubError.of(e).orElseThrow(() -> new AssertionError("not a GitHub error", e));
  }

  private static int appFigure(String name) {
    return sim.control().app().get(name).asInt();
  }

  @Test
  void oneExchangeServesEveryRequestUntilRenewalIsDue() throws Exception {
    InstallationTokens tokens = tokens(KEY, Optional.of(INSTALLATION));
    GitHubClient client = client(tokens);
    List<CompletableFuture<Repository>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(client.repository(REPO).toCompletableFuture());
    }
    for (var call : calls) {
      assertEquals("acme/roadmap", await(call).fullName());
    }
    assertEquals(1, appFigure("exchanges"), "requests waiting together share one exchange");
    var status = tokens.status();
    assertEquals(Optional.of(INSTALLATION), status.installationId());
    assertThat(status.tokenExpiresAt().orElseThrow())
        .isAfter(Instant.now().plus(Duration.ofMinutes(58)));
  }

  @Test
  void withoutAnInstallationIdItIsFoundFromTheRepository() throws Exception {
    InstallationTokens tokens = tokens(KEY, Optional.empty());
    assertEquals(Optional.empty(), tokens.status().installationId());
    await(client(tokens).repository(REPO));
    assertEquals(Optional.of(INSTALLATION), tokens.status().installationId());
    assertThat(tokens.cacheKey()).isEqualTo("app:777:installation:acme/roadmap");
  }

  @Test
  void tokensAreRenewedBeforeTheyExpireWithoutAFailedRequest() throws Exception {
    // an hour of simulated time in two real seconds: a token lives two seconds
    sim.control().clock().setSpeed(1800);
    InstallationTokens tokens = tokens(KEY, Optional.of(INSTALLATION));
    GitHubClient client = client(tokens);
    AtomicInteger ok = new AtomicInteger();
    List<Throwable> failures = new ArrayList<>();
    Instant end = Instant.now().plusSeconds(8); // four lifetimes
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    for (int worker = 0; worker < 4; worker++) {
      loops.add(
          CompletableFuture.runAsync(
              () -> {
                while (Instant.now().isBefore(end)) {
                  try {
                    client.repository(REPO).toCompletableFuture().get(15, TimeUnit.SECONDS);
                    ok.incrementAndGet();
                  } catch (Exception e) {
                    synchronized (failures) {
                      failures.add(e);
                    }
                  }
                }
              }));
    }
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertThat(failures).isEmpty();
    assertThat(ok.get()).isGreaterThan(100);
    assertThat(appFigure("exchanges")).as("one per lifetime at least").isGreaterThanOrEqualTo(4);
    assertEquals(0, appFigure("expired_token_requests"), "no request carried an expired token");
  }

  @Test
  void aTokenGitHubRefusesEarlyIsRenewedAndTheRequestSentAgain() throws Exception {
    InstallationTokens tokens = tokens(KEY, Optional.of(INSTALLATION));
    List<RateLimitSnapshot> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    GitHubClient client = client(tokens, seen::add);
    await(client.repository(REPO));
    // suspended and restored: GitHub revoked the tokens, the installation gives new ones
    sim.control().setInstallation("suspended");
    sim.control().setInstallation("active");
    assertEquals("acme/roadmap", await(client.repository(REPO)).fullName());
    assertEquals(2, appFigure("exchanges"));
    assertEquals(1, appFigure("expired_token_requests"), "the one refused request");
    // the 401's headers are the anonymous budget (60): the governor must not budget by them
    assertThat(seen).isNotEmpty().allSatisfy(s -> assertThat(s.limit()).isNotEqualTo(60));
  }

  @Test
  void aRevokedInstallationFailsRequestsWithGitHubsReason() throws Exception {
    InstallationTokens tokens = tokens(KEY, Optional.of(INSTALLATION));
    GitHubClient client = client(tokens);
    await(client.repository(REPO));
    sim.control().setInstallation("deleted");
    GitHubError error = failureOf(client.repository(REPO));
    var refused = assertInstanceOf(GitHubError.InstallationRefused.class, error);
    assertEquals(404, refused.status());
    assertThat(error.describe())
        .isEqualTo(
            "the GitHub App installation 4242 gives no token (404 Not Found): uninstalled,"
                + " suspended, or the App's ID or key is wrong");
    assertThat(error.retryable()).isFalse();

    sim.control().setInstallation("suspended");
    assertThat(failureOf(client.repository(REPO)).describe())
        .contains("(403 This installation has been suspended)");
    sim.control().setInstallation("active");
    assertEquals("acme/roadmap", await(client.repository(REPO)).fullName(), "it heals by itself");
  }

  @Test
  void aKeyGitHubDoesNotKnowIsRefusedWithItsMessage() {
    InstallationTokens tokens =
        tokens(AppPrivateKey.fromPem(AppJwtTest.newPem()), Optional.of(INSTALLATION));
    GitHubError error = failureOf(client(tokens).repository(REPO));
    assertThat(error.describe()).contains("(401 A JSON web token could not be decoded)");
    InstallationTokens lookup =
        tokens(AppPrivateKey.fromPem(AppJwtTest.newPem()), Optional.empty());
    assertThat(failureOf(client(lookup).repository(REPO)).describe())
        .startsWith("the GitHub App installation of acme/roadmap gives no token (401");
  }
}
