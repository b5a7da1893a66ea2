package org.roadmapsync.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roadmapsync.gateway.ClientPullRequestPort;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.sim.FaultRule;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;
import org.roadmapsync.sync.EntityTestConfig;
import org.roadmapsync.sync.Requeue;
import org.roadmapsync.sync.Requeued;
import org.roadmapsync.sync.SyncContext;

/**
 * The lifecycle's protocol against the GitHub simulator (through the real REST client), with the
 * journal in memory: what it journals, what it ignores, and what it answers. The testkit also
 * checks that every command, event and state serializes.
 */
class PullRequestLifecycleTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("PullRequestLifecycleTest", EntityTestConfig.config());
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String TOKEN = "lifecycle-token";
  private static final String REPO = "octo/lifecycle";
  private static final GitHubSimulator github =
      GitHubSimulator.start(
          testKit.system(), SimSettings.defaults(TOKEN, REPO).withLimits(SimLimits.unlimited()));

  /** What the lifecycle told the roadmap issue: note and status. */
  record Told(String note, String status) {}

  private final List<Told> told = new CopyOnWriteArrayList<>();
  private final PullRequestIndex index = new PullRequestIndex();
  private final String issueId = UUID.randomUUID().toString();
  private EventSourcedBehaviorTestKit<
          PullRequestLifecycle.Command, PullRequestLifecycle.Event, PullRequestState>
      lifecycle;

  @AfterAll
  static void stop() {
    github.stop();
    testKit.shutdownTestKit();
  }

  /** The tries the lifecycle asked to be woken for: when each is due. */
  private final List<Instant> wakeUps = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    startWith(SyncContext.ROUND_LIMIT);
  }

  private void startWith(Duration roundLimit) {
    github.control().reset();
    var client =
        new GitHubClient(
            testKit.system(), GitHubClientSettings.of(github.baseUrl(), TOKEN), snapshot -> {});
    PullContext.IssueActivity issues =
        (issueId, note, status, trigger) -> {
          told.add(new Told(note, status));
          return CompletableFuture.completedFuture(Done.getInstance());
        };
    var context =
        new PullContext(
            new ClientPullRequestPort(client),
            issues,
            index,
            "main",
            "squash",
            Clock.systemUTC(),
            new Requeue(
                Duration.ofSeconds(30), Duration.ofMinutes(30), (id, at) -> wakeUps.add(at)),
            roundLimit);
    lifecycle =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), PullRequestLifecycle.create(issueId, context));
  }

  /** What the feed would send: the link seen last, and the file's side. */
  private long linked;

  private StatusReply<Done> local(String status, String branch) {
    var issue =
        new PullRequestState.IssueView(
            linked == 0 ? null : REPO, linked, status, "Title", "Body.", branch);
    return lifecycle
        .<StatusReply<Done>>runCommand(r -> new PullRequestLifecycle.ObserveIssue(issue, r))
        .reply();
  }

  private void link(long number) {
    linked = number;
  }

  private void eventually(Consumer<PullRequestState> check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              check.accept(lifecycle.getState());
              return null;
            });
  }

  private long openDraft(String branch) {
    github.control().pushCommit("alice", REPO, branch);
    link(1);
    local("in-progress", branch);
    eventually(s -> assertThat(s.pull()).isNotNull());
    return lifecycle.getState().pull().number();
  }

  @Test
  void anIssueWithoutABranchJournalsNothing() {
    link(1);
    assertTrue(local("in-progress", null).isSuccess());
    assertNull(lifecycle.getState().issue());
    assertFalse(lifecycle.getState().visible());
  }

  @Test
  void theSameIssueSeenAgainIsAcknowledgedWithoutAnEvent() {
    link(1);
    local("todo", "feature/same");
    var issue = new PullRequestState.IssueView(REPO, 1, "todo", "Title", "Body.", "feature/same");
    var again =
        lifecycle.<StatusReply<Done>>runCommand(
            r -> new PullRequestLifecycle.ObserveIssue(issue, r));
    assertTrue(again.reply().isSuccess());
    assertThat(again.events()).isEmpty();
    // a branch taken away is news (the plan then does nothing more)
    var removed =
        lifecycle.<StatusReply<Done>>runCommand(
            r ->
                new PullRequestLifecycle.ObserveIssue(
                    new PullRequestState.IssueView(REPO, 1, "todo", "Title", "Body.", null), r));
    assertThat(removed.events()).hasSize(1);
  }

  @Test
  void aDraftIsOpenedOnceAndItsOpenedWebhookChangesNothing() {
    long number = openDraft("feature/once");
    PullRequestState state = lifecycle.getState();
    assertTrue(state.pull().draft());
    assertEquals("Body.\n\nCloses #1", state.pull().body());
    assertNull(state.draftRequestedAt());
    assertThat(told)
        .anySatisfy(t -> assertThat(t.note()).isEqualTo("opened draft pull request #" + number));
    var changed = lifecycle.<StatusReply<Done>>runCommand(PullRequestLifecycle.PullChanged::new);
    assertTrue(changed.reply().isSuccess());
    eventually(s -> assertEquals(state.pull(), s.pull()));
    assertEquals(
        1, github.control().stats().path("requests").path("POST /repos/{o}/{r}/pulls 201").asInt());
  }

  @Test
  void theIndexKnowsThePullRequestOnceJournaledAgainAfterRecoveryAndWhenItIsFinal() {
    long number = openDraft("feature/indexed");
    assertEquals(issueId, index.ownerOf(REPO, number).orElseThrow());
    assertFalse(index.pullsOf(REPO).get(number).finished());

    index.announce(issueId, null, null);
    assertTrue(index.ownerOf(REPO, number).isEmpty());
    lifecycle.restart();
    assertEquals(issueId, index.ownerOf(REPO, number).orElseThrow(), "announced at recovery");

    github
        .control()
        .editPullAs(
            "dave",
            REPO,
            (int) number,
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("state", "closed"));
    lifecycle.<StatusReply<Done>>runCommand(PullRequestLifecycle.PullChanged::new);
    eventually(s -> assertTrue(index.pullsOf(REPO).get(number).finished()));
  }

  @Test
  void aPullChangeShowingWhatTheLifecycleKnowsReadsNothingAndOneShowingNewsReadsThePull() {
    long number = openDraft("feature/shown");
    PullSnapshot known = lifecycle.getState().pull();
    long reads = pullReads();
    var same =
        lifecycle.<StatusReply<Done>>runCommand(
            r -> new PullRequestLifecycle.PullChanged(known, r));
    assertTrue(same.reply().isSuccess());
    assertThat(same.events()).isEmpty();
    assertEquals(reads, pullReads(), "nothing new shown: no read");

    github
        .control()
        .editPullAs(
            "dave",
            REPO,
            (int) number,
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("state", "closed"));
    PullSnapshot closed =
        new PullSnapshot(
            number,
            known.nodeId(),
            known.url(),
            known.head(),
            true,
            false,
            false,
            known.title(),
            known.body());
    lifecycle.<StatusReply<Done>>runCommand(r -> new PullRequestLifecycle.PullChanged(closed, r));
    eventually(s -> assertEquals("closed", s.pull().apiState()));
    assertEquals(reads + 1, pullReads(), "read once, to act on what GitHub has, not on the news");
    assertThat(told)
        .filteredOn(t -> t.status() != null)
        .containsExactly(
            new Told("pull request #" + number + " was closed unmerged on GitHub", "blocked"));
  }

  private static long pullReads() {
    var requests = github.control().stats().path("requests");
    return requests.path("GET /repos/{o}/{r}/pulls/{n} 200").asLong(0)
        + requests.path("GET /repos/{o}/{r}/pulls/{n} 304").asLong(0);
  }

  @Test
  void aPullChangeBeforeAnyPullRequestIsIgnored() {
    var changed = lifecycle.<StatusReply<Done>>runCommand(PullRequestLifecycle.PullChanged::new);
    assertTrue(changed.reply().isSuccess());
    assertThat(changed.events()).isEmpty();
  }

  @Test
  void decisionsOnUnknownOrDecidedApprovalsChangeNothing() {
    openDraft("feature/decide");
    var unknown =
        lifecycle.<PullRequestLifecycle.Decision>runCommand(
            r -> new PullRequestLifecycle.Decide("nope", true, r));
    assertEquals(PullRequestLifecycle.Decision.UNKNOWN, unknown.reply());
    assertThat(unknown.events()).isEmpty();

    local("closed", "feature/decide");
    eventually(s -> assertEquals(PullRequestPlan.Approval.REQUESTED, s.approval().state()));
    String id = lifecycle.getState().approval().id();
    var refused =
        lifecycle.<PullRequestLifecycle.Decision>runCommand(
            r -> new PullRequestLifecycle.Decide(id, false, r));
    assertEquals(PullRequestLifecycle.Decision.ACCEPTED, refused.reply());
    var again =
        lifecycle.<PullRequestLifecycle.Decision>runCommand(
            r -> new PullRequestLifecycle.Decide(id, true, r));
    assertEquals(PullRequestLifecycle.Decision.ALREADY_DECIDED, again.reply());
    eventually(s -> assertThat(s.comments()).contains(PullRequestPlan.REFUSED));

    // work reopened: the refused approval is spent, the next close asks again
    local("in-progress", "feature/decide");
    eventually(s -> assertNull(s.approval()));
    assertThat(lifecycle.getState().pastApprovals()).containsExactly(id);
    assertEquals(
        PullRequestLifecycle.Decision.ALREADY_DECIDED,
        lifecycle
            .<PullRequestLifecycle.Decision>runCommand(
                r -> new PullRequestLifecycle.Decide(id, true, r))
            .reply());
    local("closed", "feature/decide");
    eventually(s -> assertThat(s.approval().id()).isNotEqualTo(id));
  }

  @Test
  void archivingClosesThePullRequestUnmergedWithAComment() {
    long number = openDraft("feature/archive");
    local("archived", "feature/archive");
    eventually(s -> assertEquals("closed", s.pull().apiState()));
    assertFalse(github.control().pull(REPO, (int) number).path("merged").asBoolean());
    assertEquals("closed", github.control().pull(REPO, (int) number).path("state").asText());
    assertThat(lifecycle.getState().history())
        .anySatisfy(a -> assertThat(a.note()).contains("closed unmerged"));
    assertThat(told).noneSatisfy(t -> assertThat(t.status()).isNotNull());
  }

  @Test
  void aPullRequestClosedUnmergedOnGitHubBlocksTheIssueOnce() {
    long number = openDraft("feature/closed-elsewhere");
    github
        .control()
        .editPullAs(
            "dave",
            REPO,
            (int) number,
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("state", "closed"));
    lifecycle.<StatusReply<Done>>runCommand(PullRequestLifecycle.PullChanged::new);
    eventually(
        s -> {
          assertEquals("closed", s.pull().apiState());
          assertNull(s.issueStatus(), "told, and the telling journaled");
        });
    assertThat(told)
        .filteredOn(t -> t.status() != null)
        .containsExactly(
            new Told("pull request #" + number + " was closed unmerged on GitHub", "blocked"));
    lifecycle.<StatusReply<Done>>runCommand(PullRequestLifecycle.PullChanged::new);
    eventually(s -> assertThat(told).filteredOn(t -> t.status() != null).hasSize(1));
  }

  @Test
  void aBranchThatDoesNotExistIsAnErrorAndNoPullRequest() {
    link(1);
    local("in-progress", "feature/absent");
    eventually(
        s -> assertThat(s.lastError()).contains("feature/absent").contains("does not exist"));
    assertNull(lifecycle.getState().pull());
    assertTrue(lifecycle.getState().visible());
    assertEquals(
        0, github.control().stats().path("requests").path("POST /repos/{o}/{r}/pulls 201").asInt());
  }

  @Test
  void aStepFailingForAPassingReasonIsTriedAgainAfterItsBackoffAndNotBefore() {
    github.control().pushCommit("alice", REPO, "feature/flaky");
    github.control().injectFault(FaultRule.status("POST", ".*/pulls$", 2, 502));
    link(1);
    local("in-progress", "feature/flaky");
    eventually(s -> assertEquals(1, s.requeued().attempts()));
    PullRequestState failed = lifecycle.getState();
    assertThat(failed.lastError()).contains("502");
    assertNotNull(failed.requeued().at());
    assertEquals(List.of(failed.requeued().at()), wakeUps);
    assertNull(failed.pull());

    lifecycle.runCommand(new PullRequestLifecycle.RetryDue()); // the backoff is over: try again
    eventually(s -> assertEquals(2, s.requeued().attempts()));
    assertThat(lifecycle.getState().requeued().at())
        .isAfter(failed.requeued().at()); // the second backoff is longer

    lifecycle.runCommand(new PullRequestLifecycle.RetryDue());
    eventually(s -> assertThat(s.pull()).isNotNull());
    assertNull(lifecycle.getState().requeued());
    assertNull(lifecycle.getState().lastError());
    assertEquals(
        1, github.control().stats().path("requests").path("POST /repos/{o}/{r}/pulls 201").asInt());
  }

  @Test
  void aStepThatWaitingCannotMendIsParkedUntilNews() {
    github.control().pushCommit("alice", REPO, "feature/refused");
    github.control().injectFault(FaultRule.status("POST", ".*/pulls$", 1, 422));
    link(1);
    local("in-progress", "feature/refused");
    eventually(s -> assertEquals(new Requeued(1, null), s.requeued()));
    assertThat(wakeUps).isEmpty();
    long posts = postsToPulls();
    lifecycle.runCommand(new PullRequestLifecycle.RetryDue());
    assertEquals(posts, postsToPulls(), "parked: the retry is not due");

    github.control().pushCommit("alice", REPO, "feature/refused-2");
    local("in-progress", "feature/refused-2"); // news: the issue names another branch
    eventually(s -> assertThat(s.pull()).isNotNull());
    assertNull(lifecycle.getState().requeued());
  }

  @Test
  void aStepWhoseAnswerNeverComesIsEndedByTheWatchdogAndTriedAgain() {
    startWith(Duration.ofMillis(500));
    github.control().pushCommit("alice", REPO, "feature/slow");
    github.control().injectFault(FaultRule.latency("POST", ".*/pulls$", 1, Duration.ofSeconds(20)));
    link(1);
    local("in-progress", "feature/slow");
    eventually(
        s -> {
          assertEquals(1, s.requeued().attempts());
          assertThat(s.lastError()).contains("did not answer within");
        });
    lifecycle.runCommand(new PullRequestLifecycle.RetryDue());
    eventually(s -> assertThat(s.pull()).isNotNull());
    assertEquals(
        1, github.control().stats().path("requests").path("POST /repos/{o}/{r}/pulls 201").asInt());
  }

  private long postsToPulls() {
    return github.control().stats().path("faults_injected").asLong()
        + github.control().stats().path("requests").path("POST /repos/{o}/{r}/pulls 201").asLong();
  }
}
