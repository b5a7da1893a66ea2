package org.roadmapsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.sim.FaultRule;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.MappingSettings;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.SyncField;

/**
 * The governor and the operation queue in front of the simulator, over HTTP, with its limits and
 * faults.
 */
class GatewayOverSimulatorTest {

  private static final ActorTestKit kit =
      ActorTestKit.create(
          "gateway-sim",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
  private static final String TOKEN = "ghp_gateway_test";
  private static final String REPO = "octo/gateway";
  private static final String PATCH = "PATCH /repos/{o}/{r}/issues/{n} ";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AtomicInteger names = new AtomicInteger();
  private static GitHubSimulator sim;

  private final FieldMapping mapping = new FieldMapping(MappingSettings.defaults());

  @BeforeAll
  static void start() {
    sim = GitHubSimulator.start(kit.system(), SimSettings.defaults(TOKEN, REPO));
  }

  @AfterAll
  static void stop() {
    sim.stop();
    kit.shutdownTestKit();
  }

  @BeforeEach
  void freshSimulator() {
    sim.control().reset();
    sim.control().clearFaults();
    sim.control().setClockSpeed(1);
  }

  @AfterEach
  void normalClock() {
    sim.control().setClockSpeed(1);
  }

  private GitHubGateway gateway(PacingLimits limits, RetryPolicy retry) {
    int n = names.incrementAndGet();
    GitHubGateway.Spawner spawner =
        new GitHubGateway.Spawner() {
          @Override
          public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
            return kit.spawn(behavior, name + "-" + n);
          }
        };
    return GitHubGateway.start(
        spawner,
        kit.system(),
        GitHubClientSettings.of(sim.baseUrl(), TOKEN),
        mapping,
        limits,
        retry,
        Clock.systemUTC());
  }

  private static RetryPolicy retry(int attempts) {
    return new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), attempts);
  }

  private static <T> T join(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private CompletionStage<RemoteSnapshot> retitle(GitHubGateway gateway, int number, String title) {
    return gateway
        .port()
        .push(
            new IssueLink(REPO, number),
            "id" + number,
            ControlledPort.fields(title),
            Set.of(SyncField.TITLE));
  }

  private static long count(String key) {
    return sim.control().stats().path("requests").path(key).asLong(0);
  }

  private static JsonNode violations() {
    return sim.control().stats().path("violations");
  }

  private static RateLimitGovernor.State governorState(GitHubGateway gateway) {
    return gateway.governorState(kit.scheduler(), WAIT).toCompletableFuture().join();
  }

  @Test
  void aWriteSucceedsOnItsFourthAttemptAfterThreeInjected502s() throws Exception {
    sim.control().seedIssues(REPO, 1);
    GitHubGateway gateway = gateway(PacingLimits.github().scaled(60), retry(4));
    sim.control().injectFault(FaultRule.status("PATCH", ".*/issues/\\d+", 3, 502));
    assertEquals(
        "fourth time lucky", join(retitle(gateway, 1, "fourth time lucky")).fields().title());
    assertEquals(3, count(PATCH + "502"));
    assertEquals(1, count(PATCH + "200"));
    assertEquals("fourth time lucky", sim.control().issue(REPO, 1).path("title").asText());
    OperationQueue.State queue = join(gateway.queueState(kit.scheduler(), WAIT));
    assertEquals(3, queue.retries());
    assertEquals(0, queue.failed());
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 404, 410, 422})
  void nonRetryableErrorsFailAtOnceAfterOneAttempt(int status) throws Exception {
    sim.control().seedIssues(REPO, 1);
    GitHubGateway gateway = gateway(PacingLimits.github().scaled(60), retry(5));
    sim.control().injectFault(FaultRule.status("PATCH", ".*/issues/\\d+", 5, status));
    CompletableFuture<RemoteSnapshot> push = retitle(gateway, 1, "refused").toCompletableFuture();
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> push.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    GitHubError error = GitHubError.of(failure).orElseThrow();
    Class<?> expected =
        switch (status) {
          case 401 -> GitHubError.Unauthorized.class;
          case 404 -> GitHubError.NotFound.class;
          case 410 -> GitHubError.Gone.class;
          default -> GitHubError.Validation.class;
        };
    assertInstanceOf(expected, error);
    assertEquals(1, count(PATCH + status), "exactly one attempt");
    assertEquals(1, sim.control().stats().path("faults_injected").asLong());
  }

  @Test
  void writesAreSerialSpacedAndInsideCompressedWindowsWithoutViolations() throws Exception {
    int issues = 45;
    sim.control().seedIssues(REPO, issues);
    sim.control()
        .setLimits(
            SimLimits.github().withWrites(20, 200).withMinWriteSpacing(Duration.ofSeconds(1)));
    sim.control().setClockSpeed(60);
    GitHubGateway gateway = gateway(PacingLimits.github().withWrites(20, 200).scaled(60), retry(3));
    Instant simStart = sim.control().clock().now();
    List<CompletableFuture<RemoteSnapshot>> pushes = new ArrayList<>();
    for (int i = 1; i <= issues; i++) {
      pushes.add(retitle(gateway, i, "paced " + i).toCompletableFuture());
    }
    CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Duration simElapsed = Duration.between(simStart, sim.control().clock().now());
    JsonNode v = violations();
    assertEquals(0, v.path("write_spacing").asLong(), v.toString());
    assertEquals(0, v.path("concurrency").asLong(), v.toString());
    assertEquals(0, v.path("writes_per_minute").asLong(), v.toString());
    assertEquals(0, v.path("writes_per_hour").asLong(), v.toString());
    assertEquals(issues, count(PATCH + "200"));
    assertEquals(0, count(PATCH + "403"));
    // 20 writes a minute: the 21st and 41st wait for the window, so at least two simulated minutes
    // pass.
    assertThat(simElapsed).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    assertThat(governorState(gateway).waits()).isPositive();
  }

  @Test
  void aSpentPrimaryQuotaHoldsRequestsUntilTheReset() throws Exception {
    sim.control().seedIssues(REPO, 5);
    // Three requests per simulated two minutes = two real seconds.
    sim.control().setLimits(SimLimits.unlimited().withPrimary(3, Duration.ofMinutes(2)));
    sim.control().setClockSpeed(60);
    GitHubGateway gateway = gateway(PacingLimits.github().scaled(60), retry(2));
    for (int i = 1; i <= 3; i++) {
      join(gateway.port().fetch(new IssueLink(REPO, i)));
    }
    CompletableFuture<RemoteSnapshot> fourth =
        gateway.port().fetch(new IssueLink(REPO, 4)).toCompletableFuture();
    TestProbe<Object> poll = kit.createTestProbe();
    Instant holdUntil =
        poll.awaitAssert(
            WAIT,
            () -> {
              RateLimitGovernor.State s = governorState(gateway);
              assertThat(s.pacing().primaryHolds()).containsKey("core");
              assertEquals(0, s.pacing().quota().get("core").remaining());
              return s.pacing().primaryHolds().get("core");
            });
    assertEquals(4, join(fourth).link().number());
    assertThat(Instant.now()).isAfterOrEqualTo(holdUntil);
    join(gateway.port().fetch(new IssueLink(REPO, 5)));
    assertEquals(
        0, violations().path("primary").asLong(), "never asked GitHub while the quota was spent");
    assertEquals(5, count("GET /repos/{o}/{r}/issues/{n} 200"));
  }

  @Test
  void aSecondaryLimitWithoutRetryAfterHoldsSixtySimulatedSeconds() throws Exception {
    sim.control().seedIssues(REPO, 2);
    // The simulator wants 30 s between writes and names no wait; the governor is told nothing of
    // the spacing.
    sim.control()
        .setLimits(
            SimLimits.unlimited()
                .withMinWriteSpacing(Duration.ofSeconds(30))
                .withRetryAfter(false, Duration.ofSeconds(60)));
    sim.control().setClockSpeed(60);
    GitHubGateway gateway =
        gateway(PacingLimits.github().withWriteSpacing(Duration.ZERO).scaled(60), retry(4));
    join(retitle(gateway, 1, "first"));
    Instant before = sim.control().clock().now();
    assertEquals("second", join(retitle(gateway, 2, "second")).fields().title());
    Duration held = Duration.between(before, sim.control().clock().now());
    assertThat(held).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    assertEquals(
        1,
        violations().path("write_spacing").asLong(),
        "one secondary limit hit, then the governor held");
    assertEquals(1, count(PATCH + "403"));
    assertEquals(2, count(PATCH + "200"));
    assertEquals(1, governorState(gateway).pacing().holds());
  }
}
