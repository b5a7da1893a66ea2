package org.roadmapsync.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.github.NewPullRequest;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * One repository's pull-request poller against the simulator, with the lifecycles as a record of
 * what each was shown. Polls are asked for one at a time ({@code Tick}); a tick is only taken when
 * the poll before it ended, which is how the test knows a poll is over.
 */
class PullRequestPollerTest {

  private static final ActorTestKit testKit = ActorTestKit.create("PullRequestPollerTest");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String TOKEN = "poller-token";
  private static final RepoRef REPO = RepoRef.parse("octo/polled");
  private static final GitHubSimulator github =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(TOKEN, REPO.toString()).withLimits(SimLimits.unlimited()));

  /** What a lifecycle was shown: null means "read your pull request". */
  record Shown(String issueId, PullSnapshot seen) {}

  private final List<Shown> shown = new CopyOnWriteArrayList<>();
  private final Map<Long, String> unfinished = new ConcurrentHashMap<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final AtomicInteger polls = new AtomicInteger();
  private GitHubClient client;
  private ActorRef<PullRequestPoller.Command> poller;

  @AfterAll
  static void stop() {
    github.stop();
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void start() {
    github.control().reset();
    client =
        new GitHubClient(
            testKit.system(), GitHubClientSettings.of(github.baseUrl(), TOKEN), snapshot -> {});
    PullRequestPoller.Lifecycles lifecycles =
        new PullRequestPoller.Lifecycles() {
          @Override
          public CompletionStage<Map<Long, String>> unfinishedIn(String repo) {
            polls.incrementAndGet();
            return CompletableFuture.completedFuture(Map.copyOf(unfinished));
          }

          @Override
          public CompletionStage<Done> changed(String issueId, PullSnapshot seen) {
            if (failing.contains(issueId)) {
              return CompletableFuture.failedFuture(new IllegalStateException("asleep"));
            }
            shown.add(new Shown(issueId, seen));
            return CompletableFuture.completedFuture(Done.getInstance());
          }
        };
    poller =
        testKit.spawn(
            PullRequestPoller.create(
                REPO,
                new PullRequestPoller.Wiring(
                    client,
                    lifecycles,
                    Duration.ofHours(1),
                    false,
                    CompletableFuture.completedFuture(Done.getInstance()))));
  }

  /**
   * Starts a poll; the one before it has ended when this returns. Assertions below hold whether or
   * not the poll started last has ended.
   */
  private void poll() {
    int before = polls.get();
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              poller.tell(PullRequestPoller.Tick.INSTANCE);
              assertThat(polls.get()).isGreaterThan(before);
              return null;
            });
  }

  /** A poll, and (by starting the next) the end of it. */
  private void pollToTheEnd() {
    poll();
    poll();
  }

  private long open(String branch) throws Exception {
    return client
        .createPullRequest(REPO, new NewPullRequest("Title", "Body", branch, "main", true))
        .toCompletableFuture()
        .get()
        .number();
  }

  private static long listings(int status) {
    return github
        .control()
        .stats()
        .path("requests")
        .path("GET /repos/{o}/{r}/pulls " + status)
        .asLong(0);
  }

  private static long quota() {
    return github.control().stats().path("quota_spent").asLong();
  }

  private static void close(long number) {
    github
        .control()
        .editPullAs(
            "dave",
            REPO.toString(),
            (int) number,
            new ObjectMapper().createObjectNode().put("state", "closed"));
  }

  @Test
  void withoutAnUnfinishedPullRequestNothingIsRead() {
    pollToTheEnd();
    assertEquals(0, listings(200) + listings(304));
  }

  @Test
  void theFirstPollShowsEachUnfinishedPullRequestThenIdlePollsAreFree304s() throws Exception {
    long first = open("feature/a");
    long second = open("feature/b");
    open("feature/not-ours");
    unfinished.put(first, "a");
    unfinished.put(second, "b");

    pollToTheEnd();
    assertThat(shown)
        .extracting(Shown::issueId, s -> s.seen().number())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", first),
            org.assertj.core.groups.Tuple.tuple("b", second));
    long quota = quota();
    long idle = listings(304);
    pollToTheEnd();
    assertThat(shown).hasSize(2);
    assertThat(listings(304)).isGreaterThan(idle);
    assertEquals(quota, quota(), "idle polls spend no quota");
  }

  @Test
  void aChangeIsShownToItsLifecycleAloneAndAShowingNotTakenIsRepeated() throws Exception {
    long first = open("feature/a");
    long second = open("feature/b");
    unfinished.put(first, "a");
    unfinished.put(second, "b");
    pollToTheEnd();
    // a later change elsewhere moves the watermark past both (a listing shows again what changed
    // within a few seconds before the newest change it saw)
    github.control().advanceClock(Duration.ofMinutes(1));
    open("feature/elsewhere");
    pollToTheEnd();
    shown.clear();

    github.control().advanceClock(Duration.ofMinutes(1));
    close(second);
    failing.add("b");
    pollToTheEnd();
    assertThat(shown).isEmpty();

    failing.clear();
    pollToTheEnd();
    assertThat(shown).hasSize(1);
    assertEquals("b", shown.get(0).issueId());
    assertEquals("closed", shown.get(0).seen().apiState());
    pollToTheEnd();
    assertThat(shown).hasSize(1);
  }

  @Test
  void aPullRequestBeyondWhatTheListingReadIsAskedToBeReadOnItsOwn() throws Exception {
    long oldest = open("feature/0");
    for (int i = 1; i <= 100; i++) {
      open("feature/" + i);
    }
    long newest = open("feature/101");
    unfinished.put(newest, "new");

    long quota = quota();
    pollToTheEnd();
    assertEquals(quota + 1, quota(), "one page: it had the one unfinished pull request");
    assertThat(shown).hasSize(1);
    assertEquals("new", shown.get(0).issueId());
    assertEquals(newest, shown.get(0).seen().number());

    unfinished.put(oldest, "old"); // e.g. adopted, or shown in the read table only now
    pollToTheEnd();
    assertEquals(quota + 1, quota(), "nothing changed: a 304");
    assertThat(shown).hasSize(2);
    assertEquals("old", shown.get(1).issueId());
    assertNull(shown.get(1).seen(), "not in the part of the listing read: to be read on its own");
  }
}
