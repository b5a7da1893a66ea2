package org.roadmapsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.testkit.javadsl.TestEntityRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.sim.FaultRule;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;
import org.roadmapsync.sync.EntityTestConfig;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.LinkDirectory;
import org.roadmapsync.sync.LinkIndex;
import org.roadmapsync.sync.MappingSettings;
import org.roadmapsync.sync.Trigger;

/**
 * One poller against the simulator over HTTP, its entities stood in for by an actor that records
 * what it is told. Polls are started by hand (auto-sync off) so each request can be checked: its
 * URL, its status, what reached the entities, and the watermark after a restart.
 */
class RepositoryPollerTest {

  private static final String TOKEN = "poll-token";
  private static final ActorTestKit testKit =
      ActorTestKit.create("poller", EntityTestConfig.config());
  private static final GitHubSimulator github =
      GitHubSimulator.start(
          testKit.system(), SimSettings.defaults(TOKEN, "o/first", "o/restart", "o/faults"));
  private static final FieldMapping MAPPING = new FieldMapping(MappingSettings.defaults());

  @AfterAll
  static void stop() {
    github.stop();
    testKit.shutdownTestKit();
  }

  /** A request the poller made and how GitHub answered. */
  record Call(String url, int status) {}

  /**
   * Links every odd issue number to roadmap issue {@code r<number>} (the read table's part; no
   * database here).
   */
  static final class OddLinks extends LinkDirectory {
    OddLinks(LinkIndex index) {
      super(null, null, index);
    }

    @Override
    public CompletionStage<Map<Long, String>> linksOf(String repo) {
      return CompletableFuture.completedFuture(
          LongStream.rangeClosed(1, 1_000)
              .filter(n -> n % 2 == 1)
              .boxed()
              .collect(Collectors.toMap(n -> n, n -> "r" + n)));
    }
  }

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final TestProbe<IssueSyncEntity.ObserveRemote> observed = testKit.createTestProbe();
  private final TestProbe<String> released = testKit.createTestProbe();
  private final LinkIndex index = new LinkIndex();

  private GitHubClient client() {
    GitHubClient plain =
        new GitHubClient(
            testKit.system(), GitHubClientSettings.of(github.baseUrl(), TOKEN), s -> {});
    return plain.withTransport(
        inner ->
            request ->
                inner
                    .execute(request)
                    .whenComplete(
                        (response, error) ->
                            calls.add(
                                new Call(
                                    request.target(), response == null ? -1 : response.status()))));
  }

  private Function<String, EntityRef<IssueSyncEntity.Command>> entities() {
    ActorRef<IssueSyncEntity.Command> stand =
        testKit.spawn(
            Behaviors.receiveMessage(
                command -> {
                  if (command instanceof IssueSyncEntity.ObserveRemote o) {
                    observed.ref().tell(o);
                    o.replyTo().tell(StatusReply.ack());
                  }
                  return Behaviors.same();
                }));
    Map<String, ActorRef<IssueSyncEntity.Command>> byId =
        new java.util.concurrent.ConcurrentHashMap<>();
    return id ->
        TestEntityRef.of(
            IssueSyncEntity.ENTITY_KEY,
            id,
            byId.computeIfAbsent(
                id,
                key ->
                    testKit.spawn(
                        Behaviors.<IssueSyncEntity.Command>receiveMessage(
                            command -> {
                              if (command instanceof IssueSyncEntity.ListingEnded) {
                                released.ref().tell(key);
                              } else {
                                stand.tell(command);
                              }
                              return Behaviors.same();
                            }))));
  }

  private ActorRef<RepositoryPoller.Command> poller(String repo) {
    var wiring =
        new RepositoryPoller.Wiring(
            client(),
            MAPPING,
            new OddLinks(index),
            entities(),
            Optional::empty,
            Duration.ofHours(1),
            false,
            Clock.systemUTC(),
            CompletableFuture.completedFuture(Done.getInstance()));
    return testKit.spawn(RepositoryPoller.create(RepoRef.parse(repo), wiring));
  }

  /** Starts a poll and waits for its run to end. */
  private SyncRun.Progress poll(ActorRef<RepositoryPoller.Command> poller) {
    int before = calls.size();
    poller.tell(RepositoryPoller.Tick.INSTANCE);
    TestProbe<SyncRun.Progress> progress = testKit.createTestProbe();
    return progress.awaitAssert(
        Duration.ofSeconds(20),
        () -> {
          poller.tell(new RepositoryPoller.GetProgress(progress.ref()));
          SyncRun.Progress p = progress.receiveMessage();
          assertThat(calls.size()).isGreaterThan(before);
          assertThat(p.finishedAt()).isNotNull();
          return p;
        });
  }

  @Test
  void theFirstPollReadsEveryPageAndIdlePollsRepeatOneUrlAnswered304() {
    github.control().seedIssues("o/first", 150);
    var poller = poller("o/first");

    SyncRun.Progress first = poll(poller);
    assertEquals(SyncRun.FINISHED, first.state());
    assertEquals(75, first.total(), "the odd, linked half of 150 issues");
    assertEquals(75, first.done());
    List<IssueSyncEntity.ObserveRemote> seen = observed.receiveSeveralMessages(75);
    assertThat(seen)
        .allMatch(o -> o.trigger() == Trigger.POLL && o.remote().link().number() % 2 == 1);
    assertThat(calls).hasSize(2).allMatch(c -> c.status() == 200 && !c.url().contains("since="));

    int secondFrom = calls.size();
    // since = watermark − 5 s lists the newest issues once more; the entities are not told twice
    assertEquals(0, poll(poller).total());
    List<String> pollUrls =
        calls.subList(secondFrom, calls.size()).stream().map(Call::url).toList();
    assertThat(pollUrls.get(0))
        .contains("since=")
        .contains("state=all")
        .contains("sort=updated")
        .contains("direction=asc");
    long quota = github.control().stats().path("quota_spent").asLong();
    for (int i = 0; i < 3; i++) {
      int from = calls.size();
      SyncRun.Progress idle = poll(poller);
      assertEquals(0, idle.total());
      // every page asked again with its ETag: the same URLs, all 304
      assertEquals(pollUrls, calls.subList(from, calls.size()).stream().map(Call::url).toList());
      assertThat(calls.subList(from, calls.size())).allMatch(c -> c.status() == 304);
    }
    assertEquals(quota, github.control().stats().path("quota_spent").asLong(), "304s are free");
    observed.expectNoMessage(Duration.ofMillis(200));

    github.control().editIssueAs("octocat", "o/first", 101, "{\"title\":\"Changed\"}");
    github.control().editIssueAs("octocat", "o/first", 102, "{\"title\":\"Changed, not linked\"}");
    SyncRun.Progress changed = poll(poller);
    assertEquals(1, changed.total());
    IssueSyncEntity.ObserveRemote change = observed.receiveMessage();
    assertEquals(101, change.remote().link().number());
    assertEquals("Changed", change.remote().fields().title());
  }

  @Test
  void anEditInTheSameSecondAsTheLastListedOneStillReachesItsEntity() {
    github.control().setClockSpeed(1e-9); // GitHub's clock stands still: every updated_at is equal
    try {
      github.control().seedIssues("o/same-second", 1);
      var poller = poller("o/same-second");
      poll(poller);
      observed.receiveMessage();
      github.control().editIssueAs("octocat", "o/same-second", 1, "{\"title\":\"Same second\"}");
      assertEquals(1, poll(poller).total());
      assertEquals("Same second", observed.receiveMessage().remote().fields().title());
      assertEquals(0, poll(poller).total(), "the same snapshot again is not handed out twice");
    } finally {
      github.control().setClockSpeed(1);
    }
  }

  @Test
  void entitiesWaitingForTheFirstListingAreReleasedWhenItEnds() {
    github.control().seedIssues("o/waiting", 4);
    index.expectFullListing("o/waiting");
    assertTrue(index.awaitFullListing("o/waiting", "r3"));
    assertTrue(index.awaitFullListing("o/waiting", "r-not-listed"));
    var poller = poller("o/waiting");
    poll(poller);
    observed.receiveSeveralMessages(2);

    assertEquals(
        "r-not-listed", released.receiveMessage(), "r3 was listed: it has GitHub's side already");
    released.expectNoMessage(Duration.ofMillis(200));
    assertFalse(
        index.awaitFullListing("o/waiting", "r5"),
        "after the listing, a new link reads its issue itself");
  }

  @Test
  void aPollerThatListedBeforeReleasesTheWaitingAtOnce() {
    github.control().seedIssues("o/relisted", 1);
    var first = poller("o/relisted");
    poll(first);
    observed.receiveMessage();
    testKit.stop(first);
    index.expectFullListing("o/relisted");
    assertTrue(index.awaitFullListing("o/relisted", "r1"));

    poller("o/relisted"); // a restart: its watermark says the next listing is not a full one
    assertEquals("r1", released.receiveMessage());
  }

  @Test
  void theWatermarkSurvivesARestart() {
    github.control().seedIssues("o/restart", 3);
    var poller = poller("o/restart");
    poll(poller);
    observed.receiveSeveralMessages(2);
    testKit.stop(poller);
    calls.clear();

    var again = poller("o/restart");
    poll(again);
    assertThat(calls.get(0).url()).contains("since=");
  }

  @Test
  void aFailedListingIsReportedAndTheNextPollSucceeds() {
    github.control().seedIssues("o/faults", 2);
    github.control().injectFault(FaultRule.status("GET", ".*/o/faults/issues.*", 1, 502));
    var poller = poller("o/faults");
    SyncRun.Progress failed = poll(poller);
    assertEquals(SyncRun.FAILED, failed.state());
    assertThat(failed.error()).contains("502");
    SyncRun.Progress ok = poll(poller);
    assertEquals(SyncRun.FINISHED, ok.state());
    assertEquals(1, ok.done());
  }
}
