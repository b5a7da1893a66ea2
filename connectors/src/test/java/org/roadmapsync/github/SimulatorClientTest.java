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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * Every client operation against the GitHub simulator over HTTP. Error types are in {@link
 * SimulatorErrorsTest}.
 */
class SimulatorClientTest {

  static final ActorTestKit testKit =
      ActorTestKit.create(
          "simulator-client",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
  static final String TOKEN = "ghp_client_test_token";
  static final RepoRef REPO = RepoRef.parse("acme/roadmap");
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(TOKEN, REPO.toString(), "acme/other")
              .withAssignable("alice", "bob")
              .withLimits(SimLimits.unlimited()));

  private final List<RateLimitSnapshot> snapshots = new CopyOnWriteArrayList<>();
  private GitHubClient client;

  @AfterAll
  static void stop() {
    sim.stop();
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void reset() {
    sim.control().reset();
    client =
        new GitHubClient(
            testKit.system(), GitHubClientSettings.of(sim.baseUrl(), TOKEN), snapshots::add);
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static long stat(String pointer) {
    return sim.control().stats().at(pointer).asLong();
  }

  @Test
  void issueTypesOfAnOwnerAndAnIssuesType() throws Exception {
    assertEquals(Optional.empty(), await(client.issueTypes("acme")), "404: no types");
    sim.control().setIssueTypes("acme", "Task", "Bug");
    List<OrgIssueType> types = await(client.issueTypes("acme")).orElseThrow();
    assertEquals(List.of("Task", "Bug"), types.stream().map(OrgIssueType::name).toList());
    assertTrue(types.get(0).usable());

    Issue created =
        await(
            client.createIssue(
                REPO, new NewIssue("typed", null, List.of(), List.of(), null, "Bug")));
    assertEquals("Bug", created.type().name());
    Issue cleared =
        await(client.updateIssue(REPO, created.number(), IssuePatch.empty().withType(null)));
    assertEquals(null, cleared.type());
    assertEquals(
        "Task",
        await(client.updateIssue(REPO, created.number(), IssuePatch.empty().withType("Task")))
            .type()
            .name());
  }

  @Test
  void dependenciesByDatabaseIdAndTheirSummary() throws Exception {
    Issue blocked = await(client.createIssue(REPO, NewIssue.titled("blocked")));
    Issue blocking = await(client.createIssue(REPO, NewIssue.titled("blocking")));
    Issue answered = await(client.addBlockedBy(REPO, blocked.number(), blocking.id()));
    assertEquals(blocking.number(), answered.number());

    assertEquals(
        List.of(blocking.number()),
        await(client.blockedBy(REPO, blocked.number())).stream().map(Issue::number).toList());
    assertEquals(
        List.of(blocked.number()),
        await(client.blocking(REPO, blocking.number())).stream().map(Issue::number).toList());
    DependencySummary summary =
        await(client.getIssue(REPO, blocked.number())).value().issueDependenciesSummary();
    assertEquals(new DependencySummary(1, 0, 1, 0), summary);

    await(client.removeBlockedBy(REPO, blocked.number(), blocking.id()));
    assertEquals(List.of(), await(client.blockedBy(REPO, blocked.number())));
    GitHubException again =
        assertThrows(
                        java.util.concurrent.ExecutionException.class,
                        () -> await(client.removeBlockedBy(REPO, blocked.number(), blocking.id())))
                    .getCause()
                instanceof GitHubException e
            ? e
            : null;
    assertInstanceOf(GitHubError.NotFound.class, again.error());
  }

  @Test
  void userScopesRateLimitAndRepository() throws Exception {
    AuthenticatedUser user = await(client.user());
    assertEquals("sim-user", user.user().login());
    assertTrue(user.scopes().contains("repo"));
    long quota = stat("/quota_spent");
    RateLimits limits = await(client.rateLimit());
    RateLimitSnapshot core = limits.core().orElseThrow();
    assertTrue(core.remaining() > 0);
    assertEquals(user.scopes(), limits.scopes(), "X-OAuth-Scopes comes with /rate_limit too");
    assertEquals(quota, stat("/quota_spent"), "/rate_limit is free");
    Repository repository = await(client.repository(REPO));
    assertEquals("acme/roadmap", repository.fullName());
    assertFalse(snapshots.isEmpty());
    Instant reset = snapshots.get(0).resetAt();
    assertTrue(
        reset.isAfter(Instant.now().minusSeconds(5))
            && reset.isBefore(Instant.now().plus(Duration.ofHours(2))),
        "the simulator's epoch seconds read as a reset within the hour: " + reset);
  }

  @Test
  void issuesCreateGetUpdateAndMilestoneClear() throws Exception {
    Milestone v1 = await(client.createMilestone(REPO, "v1.0", "first"));
    Issue created =
        await(
            client.createIssue(
                REPO,
                new NewIssue(
                    "Write docs",
                    "Body\n",
                    List.of("type:feature"),
                    List.of("alice"),
                    v1.number())));
    assertEquals("Write docs", created.title());
    assertEquals(List.of("type:feature"), created.labelNames());
    assertEquals(List.of("alice"), created.assigneeLogins());
    assertEquals("v1.0", created.milestone().title());

    Issue got = await(client.getIssue(REPO, created.number())).value();
    assertEquals(created.number(), got.number());
    assertEquals("Body\n", got.body());

    Issue updated =
        await(
            client.updateIssue(
                REPO,
                created.number(),
                IssuePatch.empty()
                    .withTitle("Write more docs")
                    .withState(IssueState.CLOSED, StateReason.NOT_PLANNED)
                    .withLabels(List.of("status:review", "type:bug"))
                    .withAssignees(List.of("bob", "mallory"))
                    .withoutMilestone()));
    assertEquals("Write more docs", updated.title());
    assertEquals(IssueState.CLOSED, updated.state());
    assertEquals(StateReason.NOT_PLANNED, updated.stateReason());
    assertEquals(
        new HashSet<>(List.of("status:review", "type:bug")), new HashSet<>(updated.labelNames()));
    assertEquals(
        List.of("bob"),
        updated.assigneeLogins(),
        "logins that cannot be assigned are dropped, as GitHub does");
    assertEquals(null, updated.milestone());
    assertFalse(updated.updatedAt().isBefore(created.updatedAt()));
  }

  @Test
  void incrementalListingFollowsLinksAcrossThreePages() throws Exception {
    sim.control().seedIssues(REPO.toString(), 250);
    Listing<Issue> listing = await(client.listIssuesSince(REPO, null, Optional.empty()));
    assertEquals(3, listing.pages());
    assertEquals(250, listing.items().size());
    assertEquals(250, listing.items().stream().map(Issue::number).distinct().count());
    for (int i = 1; i < listing.items().size(); i++) {
      assertFalse(
          listing.items().get(i).updatedAt().isBefore(listing.items().get(i - 1).updatedAt()),
          "ascending by update");
    }
    assertTrue(listing.etag().isPresent());
  }

  @Test
  void fiveThousandIssuesInFiftyPagesThenAFreePoll() throws Exception {
    sim.control().seedIssues(REPO.toString(), 5000);
    long start = System.nanoTime();
    Listing<Issue> listing = await(client.listIssuesSince(REPO, null, Optional.empty()));
    long listed = System.nanoTime();
    Listing<Issue> poll = await(client.listIssuesSince(REPO, null, Optional.empty()));
    long polled = System.nanoTime();
    assertEquals(5000, listing.items().size());
    assertEquals(50, listing.pages());
    assertTrue(poll.notModified());
    assertEquals(5000, poll.items().size());
    assertEquals(
        50,
        sim.control().stats().path("quota_spent").asLong(),
        "50 pages spent 50 requests, the poll none");
    org.slf4j.LoggerFactory.getLogger(SimulatorClientTest.class)
        .info(
            "listed 5000 issues in 50 pages in {} ms; conditional re-poll of 50 pages (all 304) in {} ms",
            (listed - start) / 1_000_000,
            (polled - listed) / 1_000_000);
  }

  @Test
  void sinceReturnsOnlyWhatChangedAndPullRequestsAreToldApart() throws Exception {
    sim.control().seedIssues(REPO.toString(), 5);
    Listing<Issue> all = await(client.listIssuesSince(REPO, null, Optional.empty()));
    Instant latest =
        all.items().stream().map(Issue::updatedAt).max(Instant::compareTo).orElseThrow();
    sim.control().advanceClock(Duration.ofMinutes(10));
    sim.control()
        .editIssueAs("someone-else", REPO.toString(), 3, "{\"title\":\"Changed elsewhere\"}");
    await(
        client.createPullRequest(
            REPO, new NewPullRequest("A change", null, "feature-x", "main", true)));
    Listing<Issue> changed =
        await(client.listIssuesSince(REPO, latest.plus(Duration.ofMinutes(5)), Optional.empty()));
    assertEquals(List.of(3L, 6L), changed.items().stream().map(Issue::number).toList());
    assertEquals("Changed elsewhere", changed.items().get(0).title());
    assertFalse(changed.items().get(0).isPullRequest());
    assertTrue(changed.items().get(1).isPullRequest());
  }

  @Test
  void conditionalRequestsAnswered304SpendNoQuota() throws Exception {
    sim.control().seedIssues(REPO.toString(), 3);
    Listing<Issue> first = await(client.listIssuesSince(REPO, null, Optional.empty()));
    Fetched<Issue> issue = await(client.getIssue(REPO, 2));
    assertFalse(first.notModified() || issue.notModified());
    long quota = stat("/quota_spent");
    long notModified = stat("/not_modified");

    Listing<Issue> again = await(client.listIssuesSince(REPO, null, Optional.empty()));
    Fetched<Issue> issueAgain = await(client.getIssue(REPO, 2));
    assertTrue(again.notModified());
    assertEquals(first.items(), again.items());
    assertTrue(issueAgain.notModified());
    assertEquals(issue.value(), issueAgain.value());
    assertEquals(quota, stat("/quota_spent"), "a 304 costs nothing");
    assertEquals(notModified + 2, stat("/not_modified"));

    // a poller restarted with only the kept ETag still polls for free
    GitHubClient restarted =
        new GitHubClient(testKit.system(), GitHubClientSettings.of(sim.baseUrl(), TOKEN), s -> {});
    assertTrue(await(restarted.listIssuesSince(REPO, null, first.etag())).notModified());
    assertEquals(quota, stat("/quota_spent"));

    sim.control().editIssueAs("someone-else", REPO.toString(), 2, "{\"title\":\"New\"}");
    Fetched<Issue> changed = await(client.getIssue(REPO, 2));
    assertFalse(changed.notModified());
    assertEquals("New", changed.value().title());
    assertEquals(quota + 1, stat("/quota_spent"));
  }

  @Test
  void aChangeOnlyOnTheLastPageIsNotMissed() throws Exception {
    sim.control().seedIssues(REPO.toString(), 250);
    Listing<Issue> first = await(client.listIssuesSince(REPO, null, Optional.empty()));
    Issue last = first.items().get(first.items().size() - 1);
    sim.control().advanceClock(Duration.ofMinutes(1));
    sim.control()
        .editIssueAs(
            "someone-else", REPO.toString(), (int) last.number(), "{\"title\":\"Edited last\"}");
    long notModified = stat("/not_modified");
    Listing<Issue> again = await(client.listIssuesSince(REPO, null, Optional.empty()));
    assertEquals(notModified + 2, stat("/not_modified"), "pages one and two are unchanged: 304");
    assertFalse(again.notModified(), "but the listing as a whole changed");
    assertEquals("Edited last", again.items().get(again.items().size() - 1).title());
    assertEquals(250, again.items().size());
  }

  @Test
  void labelsAndMilestonesWithTheTitleCache() throws Exception {
    Label label = await(client.createLabel(REPO, "priority:high", "b60205", "urgent"));
    assertEquals("urgent", label.description());
    assertEquals(
        List.of("priority:high"),
        await(client.listLabels(REPO)).stream().map(Label::name).toList());

    sim.control()
        .seed(
            "{\"repo\":\"acme/roadmap\",\"milestones\":[{\"title\":\"v0.9\",\"state\":\"closed\"},"
                + "{\"title\":\"v1.0\",\"state\":\"open\"}]}");
    List<Milestone> milestones = await(client.listMilestones(REPO));
    assertEquals(
        List.of("v0.9", "v1.0"), milestones.stream().map(Milestone::title).sorted().toList());

    long lists = milestoneLists();
    Optional<Long> closed = await(client.milestoneNumber(REPO, "v0.9", false));
    assertTrue(closed.isPresent());
    assertEquals(lists + 1, milestoneLists(), "a miss in the cache lists all milestones once");
    assertEquals(closed, await(client.milestoneNumber(REPO, "v0.9", false)));
    assertEquals(lists + 1, milestoneLists(), "a hit costs no request");
    assertEquals(Optional.empty(), await(client.milestoneNumber(REPO, "v3", false)));
    assertEquals(lists + 2, milestoneLists());
    Optional<Long> created = await(client.milestoneNumber(REPO, "v2.0", true));
    assertTrue(created.isPresent());
    assertEquals(created, await(client.milestoneNumber(REPO, "v2.0", true)));
    assertEquals(lists + 3, milestoneLists(), "the created milestone is cached");
    client.forgetMilestones(REPO);
    assertEquals(created, await(client.milestoneNumber(REPO, "v2.0", false)));
    assertEquals(lists + 4, milestoneLists(), "forgotten: listed again");
    assertEquals(3, await(client.listMilestones(REPO)).size());
  }

  @Test
  void aMilestoneCreatedConcurrentlyElsewhereIsFoundNotDuplicated() throws Exception {
    GitHubClient other =
        new GitHubClient(testKit.system(), GitHubClientSettings.of(sim.baseUrl(), TOKEN), s -> {});
    java.util.concurrent.atomic.AtomicInteger creates =
        new java.util.concurrent.atomic.AtomicInteger();
    // the transport seam: a wrapper sees every request before it goes out, as a governor would
    GitHubClient racing =
        client.withTransport(
            inner ->
                request -> {
                  if (request.kind() == GitHubRequest.Kind.CONTENT_CREATING
                      && request.target().endsWith("/milestones")
                      && creates.getAndIncrement() == 0) {
                    return other
                        .createMilestone(REPO, "v5", null)
                        .thenCompose(m -> inner.execute(request));
                  }
                  return inner.execute(request);
                });
    Optional<Long> number = await(racing.milestoneNumber(REPO, "v5", true));
    List<Milestone> all = await(client.listMilestones(REPO));
    assertEquals(1, all.size(), "no duplicate milestone");
    assertEquals(Optional.of(all.get(0).number()), number);
    assertEquals(1, creates.get());
  }

  private static long milestoneLists() {
    return sim.control()
        .stats()
        .path("requests")
        .path("GET /repos/{o}/{r}/milestones 200")
        .asLong();
  }

  @Test
  void comments() throws Exception {
    Issue issue = await(client.createIssue(REPO, NewIssue.titled("Discuss")));
    Comment first = await(client.createComment(REPO, issue.number(), "first"));
    await(client.createComment(REPO, issue.number(), "second"));
    Comment edited = await(client.updateComment(REPO, first.id(), "first, edited"));
    assertEquals("first, edited", edited.body());
    assertEquals(
        List.of("first, edited", "second"),
        await(client.listComments(REPO, issue.number())).stream().map(Comment::body).toList());
  }

  @Test
  void theRepositoryWideCommentListingIsConditionalAndDeletesAreTyped() throws Exception {
    Issue issue = await(client.createIssue(REPO, NewIssue.titled("Talk")));
    Comment said = await(client.createComment(REPO, issue.number(), "said"));
    Instant since = said.updatedAt().minusSeconds(5);

    Listing<Comment> first = await(client.listRepositoryComments(REPO, since, Optional.empty()));
    assertThat(first.items()).extracting(Comment::body).contains("said");
    assertThat(first.items().get(0).issueUrl()).endsWith("/issues/" + issue.number());
    Listing<Comment> again = await(client.listRepositoryComments(REPO, since, Optional.empty()));
    assertTrue(again.notModified(), "the same listing again is a 304");
    assertEquals(first.items(), again.items(), "its items come from the cache");

    await(client.deleteComment(REPO, said.id()));
    assertThat(await(client.listComments(REPO, issue.number()))).isEmpty();
    ExecutionException gone =
        assertThrows(ExecutionException.class, () -> await(client.deleteComment(REPO, said.id())));
    assertThat(GitHubError.of(gone)).containsInstanceOf(GitHubError.NotFound.class);
  }

  @Test
  void pullRequestsDraftUpdateMergeAndListByHead() throws Exception {
    PullRequest draft =
        await(
            client.createPullRequest(
                REPO,
                new NewPullRequest("Roadmap item 7", "Closes #1", "feature-7", "main", true)));
    assertTrue(draft.draft());
    assertEquals("feature-7", draft.head().ref());
    PullRequest fetched = await(client.getPullRequest(REPO, draft.number()));
    assertEquals(draft.number(), fetched.number());
    PullRequest renamed =
        await(
            client.updatePullRequest(
                REPO, draft.number(), PullRequestPatch.empty().withTitle("Item 7")));
    assertEquals("Item 7", renamed.title());

    ExecutionException notMergeable =
        assertThrows(
            ExecutionException.class,
            () -> await(client.mergePullRequest(REPO, draft.number(), null, "squash")));
    assertEquals(
        405,
        assertInstanceOf(GitHubError.Rejected.class, GitHubError.of(notMergeable).orElseThrow())
            .status());

    PullRequest ready =
        await(
            client.createPullRequest(
                REPO, new NewPullRequest("Item 8", null, "feature-8", "main", false)));
    MergeResult merged =
        await(
            client.mergePullRequest(
                REPO, ready.number(), "Item 8 (#" + ready.number() + ")", "squash"));
    assertTrue(merged.merged());
    assertFalse(merged.sha().isBlank());
    assertTrue(await(client.getPullRequest(REPO, ready.number())).merged());

    List<PullRequest> byHead = await(client.listPullRequestsByHead(REPO, "acme:feature-8"));
    assertEquals(List.of(ready.number()), byHead.stream().map(PullRequest::number).toList());
    assertEquals(List.of(), await(client.listPullRequestsByHead(REPO, "acme:nothing")));
  }

  @Test
  void pullRequestsByUpdateEndWhereTheCallerSaysAndAnUnchangedListingIsAFree304() throws Exception {
    for (int i = 1; i <= 105; i++) {
      await(
          client.createPullRequest(
              REPO, new NewPullRequest("Item " + i, null, "feature-" + i, "main", true)));
    }
    Listing<PullRequest> all = await(client.listPullRequestsByUpdate(REPO, read -> false));
    assertEquals(2, all.pages());
    assertEquals(105, all.items().size());
    assertEquals(105, all.items().get(0).number(), "most recently updated first");
    assertFalse(all.notModified());

    long quota = stat("/quota_spent");
    Listing<PullRequest> idle = await(client.listPullRequestsByUpdate(REPO, read -> false));
    assertTrue(idle.notModified());
    assertEquals(1, idle.pages(), "nothing after an unchanged first page can have changed");
    assertEquals(quota, stat("/quota_spent"), "a 304 costs nothing");

    sim.control().advanceClock(Duration.ofMinutes(1));
    sim.control()
        .editPullAs(
            "dave",
            REPO.toString(),
            3,
            GitHubJson.MAPPER.createObjectNode().put("state", "closed"));
    List<Integer> seenBy = new CopyOnWriteArrayList<>();
    Listing<PullRequest> changed =
        await(
            client.listPullRequestsByUpdate(
                REPO,
                read -> {
                  seenBy.add(read.size());
                  return read.stream().anyMatch(p -> p.number() == 3);
                }));
    assertEquals(1, changed.pages(), "the caller had what it wanted after page one");
    assertEquals(List.of(100), seenBy);
    assertEquals(3, changed.items().get(0).number());
    assertEquals(IssueState.CLOSED, changed.items().get(0).state());
    assertEquals(quota + 1, stat("/quota_spent"));

    PullRequest read = await(client.getPullRequest(REPO, 3));
    long notModified = stat("/not_modified");
    assertEquals(read, await(client.getPullRequest(REPO, 3)));
    assertEquals(notModified + 1, stat("/not_modified"), "an unchanged pull request is a 304");
    assertEquals(quota + 2, stat("/quota_spent"));
  }

  @Test
  void branchCheckAndMarkingADraftReadyThroughGraphQl() throws Exception {
    assertFalse(await(client.branchExists(REPO, "feature-ready")));
    sim.control().pushCommit("octocat", REPO.toString(), "feature-ready");
    assertTrue(await(client.branchExists(REPO, "feature-ready")));

    PullRequest draft =
        await(
            client.createPullRequest(
                REPO, new NewPullRequest("Ready me", null, "feature-ready", "main", true)));
    assertTrue(draft.draft());
    assertFalse(draft.nodeId().isBlank());
    await(client.markReadyForReview(draft));
    assertFalse(await(client.getPullRequest(REPO, draft.number())).draft());

    PullRequest unknown =
        new PullRequest(
            0,
            "PR_doesNotExist",
            0,
            null,
            null,
            null,
            true,
            false,
            null,
            null,
            null,
            null,
            null,
            List.of(),
            null,
            null,
            null,
            null,
            null);
    GitHubError e =
        GitHubError.of(
                assertThrows(
                    ExecutionException.class, () -> await(client.markReadyForReview(unknown))))
            .orElseThrow();
    assertInstanceOf(GitHubError.Rejected.class, e);
    assertThat(e.describe()).contains("GraphQL");
  }

  @Test
  void assigneeCheckLockAndUnlock() throws Exception {
    assertTrue(await(client.isAssignable(REPO, "alice")));
    assertFalse(await(client.isAssignable(REPO, "mallory")));
    Issue issue = await(client.createIssue(REPO, NewIssue.titled("Locked")));
    await(client.lockIssue(REPO, issue.number()));
    assertTrue(await(client.getIssue(REPO, issue.number())).value().locked());
    await(client.unlockIssue(REPO, issue.number()));
    assertFalse(await(client.getIssue(REPO, issue.number())).value().locked());
  }
}
