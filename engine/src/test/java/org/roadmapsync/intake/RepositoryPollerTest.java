package org.roadmapsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.roadmapsync.gateway.FlakyClock;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.github.IssueQuery;
import org.roadmapsync.github.Listing;
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
          testKit.system(),
          SimSettings.defaults(
              TOKEN, "o/first", "o/restart", "o/faults", "o/halves", "o/crash", "o/talk"));
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

  /** The issue listing's requests; the comment listing's go to {@link #commentCalls}. */
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private final List<Call> commentCalls = new CopyOnWriteArrayList<>();
  private final TestProbe<IssueSyncEntity.ObserveRemote> observed = testKit.createTestProbe();
  private final TestProbe<IssueSyncEntity.ObserveComments> observedComments =
      testKit.createTestProbe();
  private final TestProbe<String> released = testKit.createTestProbe();
  private final LinkIndex index = new LinkIndex();

  /** While true, the stand-in entities refuse what they are told (a failed run). */
  private volatile boolean entitiesRefuse;

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
                            (request.target().contains("/issues/comments") ? commentCalls : calls)
                                .add(
                                    new Call(
                                        request.target(),
                                        response == null ? -1 : response.status()))));
  }

  private Function<String, EntityRef<IssueSyncEntity.Command>> entities() {
    ActorRef<IssueSyncEntity.Command> stand =
        testKit.spawn(
            Behaviors.receiveMessage(
                command -> {
                  if (command instanceof IssueSyncEntity.ObserveRemote o) {
                    observed.ref().tell(o);
                    o.replyTo()
                        .tell(entitiesRefuse ? StatusReply.error("refused") : StatusReply.ack());
                  } else if (command instanceof IssueSyncEntity.ObserveComments o) {
                    observedComments.ref().tell(o);
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
    return poller(repo, Clock.systemUTC());
  }

  private ActorRef<RepositoryPoller.Command> poller(String repo, Clock clock) {
    var wiring =
        new RepositoryPoller.Wiring(
            client(),
            MAPPING,
            new OddLinks(index),
            entities(),
            Optional::empty,
            Duration.ofHours(1),
            false,
            clock,
            CompletableFuture.completedFuture(Done.getInstance()));
    return testKit.spawn(RepositoryPoller.create(RepoRef.parse(repo), wiring));
  }

  /** Starts a poll and waits for its run to end. */
  private SyncRun.Progress poll(ActorRef<RepositoryPoller.Command> poller) {
    int before = calls.size() + commentCalls.size();
    poller.tell(RepositoryPoller.Tick.INSTANCE);
    TestProbe<SyncRun.Progress> progress = testKit.createTestProbe();
    return progress.awaitAssert(
        Duration.ofSeconds(20),
        () -> {
          poller.tell(new RepositoryPoller.GetProgress(progress.ref()));
          SyncRun.Progress p = progress.receiveMessage();
          assertThat(calls.size() + commentCalls.size()).isGreaterThan(before);
          assertThat(p.finishedAt()).isNotNull();
          return p;
        });
  }

  @Test
  void aPollerThatCrashedIsRestartedAndPollsAgain() {
    github.control().seedIssues("o/crash", 3);
    FlakyClock clock = new FlakyClock();
    var poller = poller("o/crash", clock);
    TestProbe<SyncRun.Progress> progress = testKit.createTestProbe();
    poller.tell(new RepositoryPoller.GetProgress(progress.ref()));
    assertEquals(SyncRun.NEVER_RUN, progress.receiveMessage().state()); // recovered, waiting
    clock.failures.set(1); // the run's start reads the clock: the poller throws in its handler
    poller.tell(RepositoryPoller.Tick.INSTANCE);
    // restarted by its supervisor (backoff from 1 s), it recovers its journal and polls on request
    poller.tell(new RepositoryPoller.GetProgress(progress.ref()));
    assertEquals(SyncRun.NEVER_RUN, progress.receiveMessage(Duration.ofSeconds(10)).state());
    SyncRun.Progress run = poll(poller);
    assertEquals(SyncRun.FINISHED, run.state());
    assertEquals(2, run.total(), "issues 1 and 3, the linked ones");
    assertThat(observed.receiveSeveralMessages(2))
        .extracting(o -> o.remote().link().number())
        .containsExactlyInAnyOrder(1L, 3L);
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
  void commentsAreListedRepositoryWideHandedToTheirIssuesAndIdleListingsAre304() {
    github.control().seedIssues("o/talk", 4);
    github.control().commentAs("mona", "o/talk", 1, "on one");
    github.control().commentAs("mona", "o/talk", 2, "on two: no roadmap issue");
    github.control().commentAs("mona", "o/talk", 3, "on three");
    var poller = poller("o/talk");
    poll(poller);
    List<IssueSyncEntity.ObserveComments> told = observedComments.receiveSeveralMessages(2);
    assertThat(told)
        .flatExtracting(IssueSyncEntity.ObserveComments::seen)
        .extracting(c -> c.text())
        .containsExactlyInAnyOrder("on one", "on three");
    observedComments.expectNoMessage(Duration.ofMillis(200));
    assertThat(commentCalls).singleElement().satisfies(c -> assertEquals(200, c.status()));

    // idle: the listing from the newest comment seen (its overlap hands the last ones out again,
    // which their entities take as known), then that same URL answered 304, nothing handed out
    poll(poller);
    assertThat(commentCalls.get(1).url()).contains("since=");
    observedComments.receiveSeveralMessages(2);
    poll(poller);
    assertEquals(304, commentCalls.get(2).status());
    observedComments.expectNoMessage(Duration.ofMillis(200));

    // a restart keeps the position: the next listing starts from the newest comment seen
    testKit.stop(poller);
    commentCalls.clear();
    poll(poller("o/talk"));
    assertThat(commentCalls.get(0).url()).contains("since=");
    assertEquals(304, commentCalls.get(0).status(), "the journaled ETag: an idle restart is free");
  }

  private static long quotaSpent() {
    return github.control().stats().path("quota_spent").asLong();
  }

  /**
   * Stops {@code before} and starts the poller of {@code repo} again, with a new client: its ETag
   * cache is empty, as after a restart.
   */
  private ActorRef<RepositoryPoller.Command> restart(
      ActorRef<RepositoryPoller.Command> before, String repo) {
    testKit.stop(before); // waits until it has stopped
    return poller(repo);
  }

  /** The calls of one poll. */
  private List<Call> callsOf(ActorRef<RepositoryPoller.Command> poller) {
    int from = calls.size();
    poll(poller);
    return List.copyOf(calls.subList(from, calls.size()));
  }

  @Test
  void theListingsEtagIsJournaledSoAnIdleRestartIsAFree304() {
    github.control().seedIssues("o/idle", 3);
    var poller = poller("o/idle");
    poll(poller); // everything, then the watermark moves
    observed.receiveSeveralMessages(2);
    poll(poller); // the first listing from the watermark: its ETag is journaled with it
    SyncRun.Progress idle = poll(poller);
    assertEquals(0, idle.total());
    assertEquals(304, calls.get(calls.size() - 1).status());

    long quota = quotaSpent();
    var restarted = restart(poller, "o/idle");
    List<Call> afterRestart = callsOf(restarted);
    assertThat(afterRestart).hasSize(1);
    assertThat(afterRestart.get(0).url()).contains("since=");
    assertEquals(304, afterRestart.get(0).status(), "the journaled ETag was sent");
    assertEquals(quota, quotaSpent(), "an idle restart spends no quota");
    observed.expectNoMessage(Duration.ofMillis(200)); // a 304 without items hands nothing out

    assertEquals(304, callsOf(restarted).get(0).status(), "and so is the next one");

    // a change after the restart is listed in full and reaches its entity
    github.control().editIssueAs("octocat", "o/idle", 3, "{\"title\":\"Changed after\"}");
    assertEquals(200, callsOf(restarted).get(0).status());
    assertThat(observed.receiveSeveralMessages(2)) // #1 again: the 5 s overlap after a restart
        .anyMatch(o -> o.remote().fields().title().equals("Changed after"));
  }

  @Test
  void aRunThatFailedIsRepeatedInFullAfterARestartNotAnswered304() {
    github.control().seedIssues("o/refused", 3);
    var poller = poller("o/refused");
    poll(poller);
    observed.receiveSeveralMessages(2);
    poll(poller); // the listing from the watermark, its ETag journaled
    poll(poller);
    assertEquals(304, calls.get(calls.size() - 1).status(), "idle");

    github.control().editIssueAs("octocat", "o/refused", 1, "{\"title\":\"Refused once\"}");
    entitiesRefuse = true;
    assertEquals(1, poll(poller).failed());
    observed.receiveMessage();
    entitiesRefuse = false;

    List<Call> afterRestart = callsOf(restart(poller, "o/refused"));
    assertEquals(200, afterRestart.get(0).status(), "the failed run's ETag was not journaled");
    assertThat(observed.receiveSeveralMessages(2)) // #3 again: the 5 s overlap after a restart
        .anyMatch(o -> o.remote().fields().title().equals("Refused once"));
  }

  @Test
  void anEtagIsKeptOnlyForTheSameUrlAndAListingThatFitOnePageWithRoomLeft() {
    Instant at = Instant.parse("2026-12-06T10:00:00Z");
    RepositoryPoller.State state = new RepositoryPoller.State(at, null, null, null);
    List<String> few = List.of("#1", "#2");
    List<String> full = java.util.Collections.nCopies(IssueQuery.PER_PAGE, "#n");
    Optional<String> etag = Optional.of("\"e1\"");

    assertEquals(
        new RepositoryPoller.State(at, "\"e1\"", null, null),
        RepositoryPoller.next(state, at, new Listing<>(few, false, etag, 1)));
    assertEquals(
        new RepositoryPoller.State(at, "\"e1\"", null, null),
        RepositoryPoller.next(state, at, new Listing<>(List.of(), true, etag, 1)),
        "a 304 without items after a restart keeps the ETag it was sent");
    assertEquals(
        new RepositoryPoller.State(at.plusSeconds(9), null, null, null),
        RepositoryPoller.next(state, at.plusSeconds(9), new Listing<>(few, false, etag, 1)),
        "the watermark moved: the next poll asks for another URL");
    assertEquals(
        new RepositoryPoller.State(at, null, null, null),
        RepositoryPoller.next(state, at, new Listing<>(full, false, etag, 1)),
        "a full page: a new issue would go to a second page, leaving this one as it is");
    assertEquals(
        new RepositoryPoller.State(at, null, null, null),
        RepositoryPoller.next(state, at, new Listing<>(few, false, etag, 2)),
        "several pages: a change can leave the first one as it is");
  }

  @Test
  void anIssueListingReadInARunThatFailedIsHandedOutByTheNextPoll() {
    github.control().seedIssues("o/halves", 2);
    // the comments' listing fails; the issues' one, read at the same time, succeeds unrouted
    github.control().injectFault(FaultRule.status("GET", ".*/o/halves/issues/comments.*", 1, 502));
    var poller = poller("o/halves");
    assertEquals(SyncRun.FAILED, poll(poller).state());
    SyncRun.Progress ok = poll(poller);
    assertEquals(SyncRun.FINISHED, ok.state());
    assertEquals(1, ok.done(), "the 304 of the issues' listing still hands out what it holds");
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
