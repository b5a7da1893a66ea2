package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.ConflictStrategy;
import org.roadmapsync.github.GitHubError;

/**
 * The entity's protocol with in-memory sides: every decision of a sync round, one scenario each.
 */
class IssueSyncEntityTest {

  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String REPO = "octo/demo";

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static IssueFields fields(String title) {
    return new IssueFields(title, "Body.", List.of("sync"), null, null, "todo", "high", "feature");
  }

  private final TickingClock clock = new TickingClock();
  private final InMemoryGitHub github = new InMemoryGitHub(clock);
  private InMemoryRoadmap roadmap;
  private EventSourcedBehaviorTestKit<
          IssueSyncEntity.Command, IssueSyncEntity.Event, IssueSyncState>
      entity;

  /** The tries the entity asked to be woken for: when each is due. */
  private final List<Instant> wakeUps = new CopyOnWriteArrayList<>();

  private Duration roundLimit = SyncContext.ROUND_LIMIT;

  private void start(IssueFields local, ConflictStrategy strategy) {
    roadmap = new InMemoryRoadmap(clock, local);
    var sync =
        new SyncContext(github, roadmap, strategy, Optional.of(REPO), clock)
            .withRoundLimit(roundLimit)
            .withRequeue(
                new Requeue(
                    Duration.ofSeconds(30), Duration.ofMinutes(30), (id, at) -> wakeUps.add(at)));
    entity =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), IssueSyncEntity.create(UUID.randomUUID().toString(), sync));
  }

  private StatusReply<Done> observeLocal(LocalSnapshot local) {
    return entity
        .<StatusReply<Done>>runCommand(
            r -> new IssueSyncEntity.ObserveLocal(local, Trigger.WATCH, r))
        .reply();
  }

  private void observeRemote(RemoteSnapshot remote) {
    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveRemote(remote, Trigger.WEBHOOK, r));
  }

  private void eventually(Consumer<IssueSyncState> check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              check.accept(entity.getState());
              return null;
            });
  }

  /** A linked, synced issue #1 whose both sides hold {@code fields}. */
  private void linkedAndSynced(IssueFields fields, ConflictStrategy strategy) {
    start(fields, strategy);
    github.put(new IssueLink(REPO, 1), fields);
    observeLocal(roadmap.edit(fields, 1L));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
  }

  @Test
  void aNewFileNamingAListedIssueWithTheSameFieldsIsSyncedInOneEventWithoutARead() {
    start(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    RemoteSnapshot listed = github.put(new IssueLink(REPO, 1), fields("A"));
    var result =
        entity.<StatusReply<Done>>runCommand(
            r ->
                new IssueSyncEntity.ObserveLocal(
                    roadmap.edit(fields("A"), 1L), Trigger.WATCH, r, listed));
    assertThat(result.reply().isSuccess()).isTrue();
    assertThat(result.events()).singleElement().isInstanceOf(IssueSyncEntity.Adopted.class);
    IssueSyncState state = result.state();
    assertEquals(SyncStatus.SYNCED, state.status());
    assertEquals(fields("A"), state.base());
    assertEquals(listed, state.remote());
    assertEquals(List.of(0, 0, 0), github.counts(), "nothing read, nothing written");

    // the agreed base is a base like any other: a later GitHub edit reaches the file
    observeRemote(github.put(new IssueLink(REPO, 1), fields("B")));
    eventually(
        s -> {
          assertEquals(SyncStatus.SYNCED, s.status());
          assertEquals("B", roadmap.file().fields().title());
        });
  }

  @Test
  void anIssueAdoptedAsleepRecoversFromItsSeedAndMergesAgainstItsBase() {
    roadmap = new InMemoryRoadmap(clock, fields("A"));
    RemoteSnapshot listed = github.put(new IssueLink(REPO, 1), fields("A"));
    String id = UUID.randomUUID().toString();
    entity =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            IssueSyncEntity.create(
                id,
                new SyncContext(
                    github, roadmap, ConflictStrategy.LAST_WRITE_WINS, Optional.of(REPO), clock)));
    // its seed as IssueSeedRows plants it: a snapshot, no event
    entity.initialize(
        IssueSyncState.empty(id)
            .apply(
                new IssueSyncEntity.Adopted(
                    roadmap.edit(fields("A"), 1L), listed.link(), listed, clock.instant())));

    // woken by a GitHub edit: it merges against the seed's base, pulled into the file, not a
    // conflict, and nothing of the seed is journaled
    var result =
        entity.<StatusReply<Done>>runCommand(
            r ->
                new IssueSyncEntity.ObserveRemote(
                    github.put(new IssueLink(REPO, 1), fields("B")), Trigger.WEBHOOK, r));
    assertThat(result.reply().isSuccess()).isTrue();
    assertThat(result.events()).noneMatch(e -> e instanceof IssueSyncEntity.Adopted);
    eventually(
        s -> {
          assertEquals(SyncStatus.SYNCED, s.status());
          assertEquals("B", roadmap.file().fields().title());
        });
    assertThat(entity.restart().state().base()).isEqualTo(fields("B"));
  }

  @Test
  void aListedIssueThatDiffersFromTheFileTakesTheUsualRound() {
    start(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    RemoteSnapshot listed = github.put(new IssueLink(REPO, 1), fields("B"));
    var result =
        entity.<StatusReply<Done>>runCommand(
            r ->
                new IssueSyncEntity.ObserveLocal(
                    roadmap.edit(fields("A"), 1L), Trigger.WATCH, r, listed));
    assertThat(result.events()).noneMatch(e -> e instanceof IssueSyncEntity.Adopted);
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
  }

  @Test
  void anUnlinkedIssueIsRecordedAndNothingIsWritten() {
    start(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    assertThat(observeLocal(roadmap.file()).isSuccess()).isTrue();
    assertEquals(SyncStatus.UNLINKED, entity.getState().status());
    assertEquals(List.of(0, 0, 0), github.counts());
  }

  @Test
  void publishCreatesOnceLinksAndWritesTheNumberIntoTheFile() {
    start(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    observeLocal(roadmap.file());
    var result = entity.<StatusReply<IssueLink>>runCommand(IssueSyncEntity.Publish::new);
    assertThat(result.events()).hasAtLeastOneElementOfType(IssueSyncEntity.PublishRequested.class);
    var probe = testKit.<StatusReply<IssueLink>>createTestProbe();
    entity.runCommand(new IssueSyncEntity.Publish(probe.ref()));
    assertEquals(new IssueLink(REPO, 1), probe.receiveMessage(WAIT).getValue());
    eventually(
        s -> {
          assertEquals(SyncStatus.SYNCED, s.status());
          assertEquals(1L, roadmap.file().githubIssue());
        });
    assertEquals(1, github.creates.get(), "published exactly once");
  }

  @Test
  void aFileEditedWhilePublishingStillGetsTheNumberAndKeepsTheEdit() {
    start(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    observeLocal(roadmap.file());
    // edited on disk after the entity read it: the link write finds another content hash
    roadmap.edit(fields("Edited meanwhile"), null);
    var probe = testKit.<StatusReply<IssueLink>>createTestProbe();
    entity.runCommand(new IssueSyncEntity.Publish(probe.ref()));
    assertEquals(new IssueLink(REPO, 1), probe.receiveMessage(WAIT).getValue());
    eventually(
        s -> {
          assertEquals(SyncStatus.SYNCED, s.status(), s.lastSyncError());
          assertEquals(1L, roadmap.file().githubIssue(), "the number reached the file");
          assertEquals("Edited meanwhile", roadmap.file().fields().title());
        });
    assertEquals(1, github.creates.get(), "published exactly once");
  }

  @Test
  void publishFindsAnIssueCreatedBeforeACrashInsteadOfCreatingAnother() {
    start(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    observeLocal(roadmap.file());
    // The request is journaled, GitHub's answer is a 500...
    github.failNext = new GitHubError.ServerError(500, "boom");
    var failed = entity.<StatusReply<IssueLink>>runCommand(IssueSyncEntity.Publish::new).reply();
    assertThat(failed.isError()).isTrue();
    // ...but GitHub created the marked issue all the same; then the service restarts.
    github.create(REPO, entity.getState().id(), fields("A"));
    entity.restart();
    var probe = testKit.<StatusReply<IssueLink>>createTestProbe();
    entity.runCommand(new IssueSyncEntity.Publish(probe.ref()));
    assertEquals(new IssueLink(REPO, 1), probe.receiveMessage(WAIT).getValue());
    assertEquals(2, github.creates.get(), "the failed create and GitHub's own: no third");
  }

  @Test
  void theFirstAttemptOfANewRequestCreatesWithoutLookingSinceNothingCanExistYet() {
    start(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    observeLocal(roadmap.file());
    var probe = testKit.<StatusReply<IssueLink>>createTestProbe();
    entity.runCommand(new IssueSyncEntity.Publish(probe.ref()));
    assertEquals(new IssueLink(REPO, 1), probe.receiveMessage(WAIT).getValue());
    assertEquals(0, github.finds.get(), "no listing of recent issues before the first create");
  }

  /** An entity whose file links it while its repository's first full listing is still to come. */
  private LinkIndex startWaitingForTheListing(IssueFields fields) {
    roadmap = new InMemoryRoadmap(clock, fields);
    LinkIndex links = new LinkIndex();
    links.expectFullListing(REPO);
    var sync =
        new SyncContext(github, roadmap, ConflictStrategy.LAST_WRITE_WINS, Optional.of(REPO), clock)
            .withLinks(links);
    entity =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), IssueSyncEntity.create("waiting", sync));
    observeLocal(roadmap.edit(fields, 1L));
    return links;
  }

  @Test
  void aFileLinkedBeforeTheFirstListingTakesGitHubsSideFromItWithoutAReadOfItsOwn() {
    RemoteSnapshot listed = github.put(new IssueLink(REPO, 1), fields("A"));
    LinkIndex links = startWaitingForTheListing(fields("A"));
    assertEquals(SyncStatus.PENDING, entity.getState().status());
    assertEquals(
        Optional.of("waiting"), links.idOf(new IssueLink(REPO, 1)), "announced for the poller");

    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveRemote(listed, Trigger.POLL, r));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertThat(links.fullListingDone(REPO)).containsExactly("waiting");
    entity.<StatusReply<Done>>runCommand(IssueSyncEntity.ListingEnded::new);
    assertEquals(
        List.of(0, 0, 0), github.counts(), "no fetch, push or create: both sides were equal");
  }

  @Test
  void aFileLinkedButMissedByTheListingReadsItsIssueWhenTheListingEnds() {
    github.put(new IssueLink(REPO, 1), fields("On GitHub"));
    LinkIndex links = startWaitingForTheListing(fields("A"));
    assertEquals(0, github.fetches.get());

    assertThat(links.fullListingDone(REPO)).containsExactly("waiting");
    entity.<StatusReply<Done>>runCommand(IssueSyncEntity.ListingEnded::new);
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertThat(github.fetches.get()).isPositive();
  }

  @Test
  void anUnlinkedIssueIsWithdrawnFromTheIndex() {
    LinkIndex links = startWaitingForTheListing(fields("A"));
    entity.<StatusReply<Done>>runCommand(IssueSyncEntity.Unlink::new);
    assertEquals(Optional.empty(), links.idOf(new IssueLink(REPO, 1)));
  }

  @Test
  void aSyncAskedForDuringARoundReadsGitHubOnceThatRoundEnds() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    int before = github.fetches.get();
    github.pushGate = new CompletableFuture<>();
    observeLocal(roadmap.edit(fields("B"), 1L));
    eventually(
        s ->
            assertEquals(
                before + 1, github.fetches.get(), "the round read GitHub, its push is under way"));
    entity.<StatusReply<Done>>runCommand(r -> new IssueSyncEntity.SyncNow(Trigger.MANUAL, r));
    github.pushGate.complete(null);
    eventually(
        s -> {
          assertEquals(
              before + 2, github.fetches.get(), "the requested sync read GitHub after the round");
          assertEquals(SyncStatus.SYNCED, s.status());
        });
  }

  @Test
  void aLocalEditIsPushedOnceAfterReadingGitHubFirst() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    int fetchesBefore = github.fetches.get();
    observeLocal(roadmap.edit(fields("B"), 1L));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertEquals("B", github.issues.get(new IssueLink(REPO, 1)).fields().title());
    assertEquals(1, github.pushes.get());
    assertThat(github.fetches.get()).isGreaterThan(fetchesBefore);
    HistoryEntry entry = entity.getState().history().get(0);
    assertEquals(HistoryEntry.Direction.PUSH, entry.direction());
    assertEquals(Trigger.WATCH, entry.trigger());
    assertEquals(new FieldChange("A", "B"), entry.changes().get("title"));

    // echo: the same GitHub state seen again through a webhook, the same file through the watcher
    observeRemote(github.issues.get(new IssueLink(REPO, 1)));
    observeLocal(roadmap.file());
    entity.<StatusReply<Done>>runCommand(r -> new IssueSyncEntity.SyncNow(Trigger.POLL, r));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertEquals(1, github.pushes.get(), "no echo write to GitHub");
    assertEquals(0, roadmap.writes.get(), "no echo write to the file");
  }

  @Test
  void aGitHubEditIsPulledOnceIntoTheFile() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    int writesBefore = roadmap.writes.get();
    observeRemote(
        github.put(new IssueLink(REPO, 1), fields("A").with(SyncField.STATUS, "in-progress")));
    eventually(s -> assertEquals("in-progress", roadmap.file().fields().status()));
    observeRemote(github.issues.get(new IssueLink(REPO, 1)));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertEquals(writesBefore + 1, roadmap.writes.get());
    assertEquals(0, github.pushes.get());
    assertEquals(HistoryEntry.Direction.PULL, entity.getState().history().get(0).direction());
  }

  @Test
  void aValueTheFileCannotTakeFromGitHubGoesBackToGitHubWithoutAnotherTrigger() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    // someone removes the priority label on GitHub: the file cannot hold "no priority"
    observeRemote(github.put(new IssueLink(REPO, 1), fields("A").with(SyncField.PRIORITY, null)));
    eventually(
        s -> {
          assertEquals(SyncStatus.SYNCED, s.status(), s.pendingChanges().toString());
          assertEquals("high", github.issues.get(new IssueLink(REPO, 1)).fields().priority());
        });
    assertEquals("high", roadmap.file().fields().priority());
  }

  @Test
  void editsOfDifferentFieldsOnBothSidesAreBothKept() {
    linkedAndSynced(fields("A"), ConflictStrategy.MANUAL);
    github.put(
        new IssueLink(REPO, 1), fields("A").with(SyncField.LABELS, List.of("sync", "from-github")));
    observeLocal(roadmap.edit(fields("B"), 1L));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    IssueFields expected = fields("B").with(SyncField.LABELS, List.of("from-github", "sync"));
    assertEquals(expected, github.issues.get(new IssueLink(REPO, 1)).fields());
    assertEquals(expected, roadmap.file().fields());
  }

  @Test
  void manualConflictWaitsForResolveThenWritesTheChoiceToBothSides() {
    linkedAndSynced(fields("A"), ConflictStrategy.MANUAL);
    github.put(new IssueLink(REPO, 1), fields("from GitHub"));
    observeLocal(roadmap.edit(fields("from roadmap"), 1L));
    eventually(s -> assertEquals(SyncStatus.CONFLICT, s.status()));
    FieldConflict conflict = entity.getState().conflict().get(0);
    assertEquals(new FieldConflict(SyncField.TITLE, "A", "from roadmap", "from GitHub"), conflict);
    assertEquals(0, github.pushes.get());
    assertEquals("from roadmap", roadmap.file().fields().title(), "nothing overwritten");

    var wrong =
        entity
            .<StatusReply<Done>>runCommand(r -> new IssueSyncEntity.Resolve(Map.of(), Map.of(), r))
            .reply();
    assertThat(wrong.isError()).isTrue();

    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.Resolve(Map.of(SyncField.TITLE, Side.GITHUB), Map.of(), r));
    eventually(
        s -> {
          assertEquals(SyncStatus.SYNCED, s.status());
          assertEquals("from GitHub", roadmap.file().fields().title());
        });
    assertEquals(0, github.pushes.get());
  }

  @Test
  void resolveOnAnIssueNotInConflictIsRefused() {
    linkedAndSynced(fields("A"), ConflictStrategy.MANUAL);
    var reply =
        entity
            .<StatusReply<Done>>runCommand(
                r -> new IssueSyncEntity.Resolve(Map.of(SyncField.TITLE, Side.GITHUB), Map.of(), r))
            .reply();
    assertThat(reply.isError()).isTrue();
    assertThat(reply.getError().getMessage()).contains("not in conflict");
  }

  @Test
  void preferRoadmapSettlesAConflictByPushing() {
    linkedAndSynced(fields("A"), ConflictStrategy.PREFER_ROADMAP);
    github.put(new IssueLink(REPO, 1), fields("from GitHub"));
    observeLocal(roadmap.edit(fields("from roadmap"), 1L));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertEquals("from roadmap", github.issues.get(new IssueLink(REPO, 1)).fields().title());
  }

  @Test
  void aFileEditedWhileSyncWritesIsReadAgainAndMergedNotOverwritten() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    // GitHub changes the title; the user edits the body before the pull reaches the file.
    RemoteSnapshot remote = github.put(new IssueLink(REPO, 1), fields("from GitHub"));
    roadmap.edit(fields("A").with(SyncField.BODY, "User's new body."), 1L);
    observeRemote(remote);
    eventually(
        s -> {
          assertEquals(SyncStatus.SYNCED, s.status());
          assertEquals("from GitHub", roadmap.file().fields().title());
          assertEquals("User's new body.", roadmap.file().fields().body());
          assertEquals(
              "User's new body.", github.issues.get(new IssueLink(REPO, 1)).fields().body());
        });
  }

  @Test
  void aGitHubErrorPutsTheIssueInErrorUntilTheNextSyncSucceeds() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    github.failNext = new GitHubError.ServerError(502, "Bad Gateway");
    observeLocal(roadmap.edit(fields("B"), 1L));
    eventually(
        s -> {
          assertEquals(SyncStatus.ERROR, s.status());
          assertThat(s.lastSyncError()).contains("502");
        });
    entity.<StatusReply<Done>>runCommand(r -> new IssueSyncEntity.SyncNow(Trigger.MANUAL, r));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertEquals("B", github.issues.get(new IssueLink(REPO, 1)).fields().title());
  }

  @Test
  void aPassingFailureIsTriedAgainOnItsOwnAfterABackoffThatGrows() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    github.failNextPush = new GitHubError.ServerError(502, "Bad Gateway");
    Instant before = clock.instant();
    observeLocal(roadmap.edit(fields("B"), 1L));
    eventually(s -> assertEquals(1, s.requeued().attempts()));
    Instant first = entity.getState().requeued().at();
    // 30 s less up to a fifth, after a few ticks of the clock
    assertThat(first).isBetween(before.plusSeconds(24), before.plusSeconds(40));
    assertEquals(List.of(first), wakeUps);

    github.failNextPush = new GitHubError.ServerError(503, "Service Unavailable");
    Instant second = clock.instant();
    entity.runCommand(new IssueSyncEntity.RetryDue());
    eventually(s -> assertEquals(2, s.requeued().attempts()));
    assertThat(entity.getState().requeued().at())
        .isBetween(second.plusSeconds(48), second.plusSeconds(70));
    assertEquals(SyncStatus.ERROR, entity.getState().status());

    entity.runCommand(new IssueSyncEntity.RetryDue());
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertNull(entity.getState().requeued());
    assertEquals("B", github.issues.get(new IssueLink(REPO, 1)).fields().title());

    int calls = github.fetches.get() + github.pushes.get();
    entity.runCommand(new IssueSyncEntity.RetryDue()); // late, after the sync: nothing to do
    assertEquals(calls, github.fetches.get() + github.pushes.get());
    assertEquals(2, wakeUps.size());
  }

  @Test
  void aFailureThatWaitingCannotMendIsParkedAndSpendsNothing() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    github.failNextPush = new GitHubError.NotFound("/repos/octo/demo/issues/1");
    observeLocal(roadmap.edit(fields("B"), 1L));
    eventually(s -> assertEquals(SyncStatus.ERROR, s.status()));
    assertEquals(new Requeued(1, null), entity.getState().requeued());
    assertThat(entity.getState().lastSyncError()).contains("404");
    assertThat(wakeUps).isEmpty();
    int calls = github.fetches.get() + github.pushes.get();
    entity.runCommand(new IssueSyncEntity.RetryDue());
    assertEquals(calls, github.fetches.get() + github.pushes.get());
    assertEquals(SyncStatus.ERROR, entity.getState().status());
  }

  @Test
  void aRoundWhoseAnswerNeverComesIsEndedByTheWatchdogAndTriedAgain() {
    roundLimit = Duration.ofMillis(300);
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    github.loseNextPush = true;
    observeLocal(roadmap.edit(fields("B"), 1L));
    eventually(
        s -> {
          assertEquals(SyncStatus.ERROR, s.status());
          assertThat(s.lastSyncError()).contains("did not end within");
          assertEquals(1, s.requeued().attempts());
        });
    assertThat(wakeUps).hasSize(1);
    entity.runCommand(new IssueSyncEntity.RetryDue());
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertEquals("B", github.issues.get(new IssueLink(REPO, 1)).fields().title());
  }

  @Test
  void aPlannedRetrySurvivesARestart() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    github.failNextPush = new GitHubError.ServerError(502, "Bad Gateway");
    observeLocal(roadmap.edit(fields("B"), 1L));
    eventually(s -> assertEquals(1, s.requeued().attempts()));
    Instant due = entity.getState().requeued().at();
    entity.restart();
    // recovered: asks to be woken at the same time again (and resumes its pending change)
    assertThat(wakeUps).contains(due).hasSizeGreaterThanOrEqualTo(2);
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
  }

  @Test
  void aBrokenFileIsAnErrorAndItsRepairResumesSync() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveLocalProblem("issues/backlog/x.md:3: bad YAML", r));
    assertEquals(SyncStatus.ERROR, entity.getState().status());
    assertEquals("issues/backlog/x.md:3: bad YAML", entity.getState().localProblem());
    observeLocal(roadmap.edit(fields("fixed"), 1L));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertEquals("fixed", github.issues.get(new IssueLink(REPO, 1)).fields().title());
  }

  @Test
  void linkingToAnIssueThatDoesNotExistIsRefusedWithTheReason() {
    start(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    observeLocal(roadmap.file());
    var probe = testKit.<StatusReply<Done>>createTestProbe();
    entity.runCommand(new IssueSyncEntity.Link(new IssueLink(REPO, 99), probe.ref()));
    StatusReply<Done> reply = probe.receiveMessage(WAIT);
    assertThat(reply.isError()).isTrue();
    assertThat(reply.getError().getMessage()).contains("octo/demo#99").contains("404");
    assertEquals(SyncStatus.UNLINKED, entity.getState().status());
  }

  @Test
  void linkThenUnlinkKeepsTheFileInStep() {
    start(fields("A"), ConflictStrategy.PREFER_GITHUB);
    observeLocal(roadmap.file());
    github.put(new IssueLink(REPO, 7), fields("GitHub's title"));
    var probe = testKit.<StatusReply<Done>>createTestProbe();
    entity.runCommand(new IssueSyncEntity.Link(new IssueLink(REPO, 7), probe.ref()));
    assertThat(probe.receiveMessage(WAIT).isSuccess()).isTrue();
    eventually(
        s -> {
          assertEquals(SyncStatus.SYNCED, s.status());
          assertEquals(7L, roadmap.file().githubIssue());
          assertEquals("GitHub's title", roadmap.file().fields().title());
        });
    entity.<StatusReply<Done>>runCommand(IssueSyncEntity.Unlink::new);
    eventually(
        s -> {
          assertEquals(SyncStatus.UNLINKED, s.status());
          assertEquals(null, roadmap.file().githubIssue());
        });
  }

  @Test
  void anOlderGitHubSnapshotNeverReplacesANewerOne() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    RemoteSnapshot old = github.issues.get(new IssueLink(REPO, 1));
    RemoteSnapshot newer = github.put(new IssueLink(REPO, 1), fields("newer"));
    observeRemote(newer);
    eventually(s -> assertEquals("newer", roadmap.file().fields().title()));
    observeRemote(new RemoteSnapshot(old.link(), fields("stale"), old.updatedAt()));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertEquals("newer", roadmap.file().fields().title());
  }

  @Test
  void aFailedPushIsAnErrorAndResumesAfterARestart() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    github.failNextPush = new GitHubError.ServerError(503, "Service Unavailable");
    observeLocal(roadmap.edit(fields("B"), 1L));
    eventually(s -> assertEquals(SyncStatus.ERROR, s.status()));
    assertThat(entity.getState().needsSync()).isTrue();
    entity.restart(); // recovery sees pending work and starts a round by itself
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertEquals("B", github.issues.get(new IssueLink(REPO, 1)).fields().title());
  }

  @Test
  void aFailedFileWriteIsAnErrorWithTheReason() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    roadmap.failNextWrite = true;
    observeRemote(github.put(new IssueLink(REPO, 1), fields("B")));
    eventually(
        s -> {
          assertEquals(SyncStatus.ERROR, s.status());
          assertThat(s.lastSyncError()).contains("No space left on device");
        });
    entity.<StatusReply<Done>>runCommand(r -> new IssueSyncEntity.SyncNow(Trigger.MANUAL, r));
    eventually(s -> assertEquals("B", roadmap.file().fields().title()));
  }

  @Test
  void aFileThatCannotBeReadAgainAfterAStaleWriteIsAProblem() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    RemoteSnapshot remote = github.put(new IssueLink(REPO, 1), fields("from GitHub"));
    roadmap.edit(fields("A").with(SyncField.BODY, "edited"), 1L);
    roadmap.failNextRead = true;
    observeRemote(remote);
    eventually(
        s -> {
          assertEquals(SyncStatus.ERROR, s.status());
          assertThat(s.localProblem()).contains("disk read failed");
        });
  }

  @Test
  void publishRefusesWithoutAUsableFileOrARepository() {
    roadmap = new InMemoryRoadmap(clock, fields("A"));
    var noRepo =
        EventSourcedBehaviorTestKit
            .<IssueSyncEntity.Command, IssueSyncEntity.Event, IssueSyncState>create(
                testKit.system(),
                IssueSyncEntity.create(
                    UUID.randomUUID().toString(),
                    new SyncContext(
                        github,
                        roadmap,
                        ConflictStrategy.LAST_WRITE_WINS,
                        Optional.empty(),
                        clock)));
    var notSeen = noRepo.<StatusReply<IssueLink>>runCommand(IssueSyncEntity.Publish::new).reply();
    assertThat(notSeen.getError().getMessage()).contains("cannot be used");
    noRepo.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveLocal(roadmap.file(), Trigger.WATCH, r));
    var withoutRepo =
        noRepo.<StatusReply<IssueLink>>runCommand(IssueSyncEntity.Publish::new).reply();
    assertThat(withoutRepo.getError().getMessage()).contains("ROADMAP_GITHUB_REPO");
    assertEquals(0, github.creates.get());
  }

  @Test
  void aFailedPublishIsReportedAndTriedAgainOnTheNextRequest() {
    start(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    observeLocal(roadmap.file());
    github.failNext = new GitHubError.ServerError(500, "boom");
    var probe = testKit.<StatusReply<IssueLink>>createTestProbe();
    entity.runCommand(new IssueSyncEntity.Publish(probe.ref()));
    assertThat(probe.receiveMessage(WAIT).getError().getMessage())
        .contains("cannot publish")
        .contains("500");
    assertEquals(SyncStatus.ERROR, entity.getState().status());
    entity.runCommand(new IssueSyncEntity.Publish(probe.ref()));
    assertEquals(new IssueLink(REPO, 1), probe.receiveMessage(WAIT).getValue());
    assertEquals(2, github.creates.get(), "the failed create, then one issue: #1");
    var again = entity.<StatusReply<IssueLink>>runCommand(IssueSyncEntity.Publish::new).reply();
    assertEquals(new IssueLink(REPO, 1), again.getValue(), "already published: the same link");
  }

  @Test
  void firstLinkWithManualStrategyAsksWhichSideWinsThenKeepsTheRoadmap() {
    start(fields("Roadmap title"), ConflictStrategy.MANUAL);
    observeLocal(roadmap.file());
    github.put(new IssueLink(REPO, 3), fields("GitHub title"));
    var probe = testKit.<StatusReply<Done>>createTestProbe();
    entity.runCommand(new IssueSyncEntity.Link(new IssueLink(REPO, 3), probe.ref()));
    assertThat(probe.receiveMessage(WAIT).isSuccess()).isTrue();
    eventually(s -> assertEquals(SyncStatus.CONFLICT, s.status()));
    assertEquals(Map.of("title", "both"), entity.getState().pendingChanges());
    entity.runCommand(new IssueSyncEntity.Link(new IssueLink(REPO, 3), probe.ref()));
    assertThat(probe.receiveMessage(WAIT).isSuccess())
        .as("linking again to the same issue is a no-op")
        .isTrue();
    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.Resolve(Map.of(SyncField.TITLE, Side.ROADMAP), Map.of(), r));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    assertEquals("Roadmap title", github.issues.get(new IssueLink(REPO, 3)).fields().title());
  }

  @Test
  void theFileNamingAnotherGitHubIssueRelinksIt() {
    linkedAndSynced(fields("A"), ConflictStrategy.PREFER_GITHUB);
    github.put(new IssueLink(REPO, 5), fields("Number five"));
    observeLocal(roadmap.edit(fields("A"), 5L));
    eventually(
        s -> {
          assertEquals(new IssueLink(REPO, 5), s.link());
          assertEquals(SyncStatus.SYNCED, s.status());
          assertEquals("Number five", roadmap.file().fields().title());
        });
  }

  @Test
  void observationsThatChangeNothingAreAcknowledgedAndIgnored() {
    start(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    observeLocal(roadmap.file());
    // not linked: a webhook for it changes nothing
    observeRemote(github.put(new IssueLink(REPO, 9), fields("elsewhere")));
    assertEquals(null, entity.getState().remote());
    assertThat(
            entity.<StatusReply<Done>>runCommand(IssueSyncEntity.Unlink::new).reply().isSuccess())
        .isTrue();
    var problem =
        entity.<StatusReply<Done>>runCommand(
            r -> new IssueSyncEntity.ObserveLocalProblem("bad", r));
    assertEquals(1, problem.events().size());
    var same =
        entity.<StatusReply<Done>>runCommand(
            r -> new IssueSyncEntity.ObserveLocalProblem("bad", r));
    assertThat(same.events()).isEmpty();
    assertEquals(List.of(0, 0, 0), github.counts());
  }

  @Test
  void aSnapshotOfAnotherIssueIsIgnored() {
    linkedAndSynced(fields("A"), ConflictStrategy.PREFER_GITHUB);
    IssueSyncState before = entity.getState();
    RemoteSnapshot other =
        new RemoteSnapshot(new IssueLink(REPO, 42), fields("not ours"), clock.instant());
    observeRemote(other);
    assertEquals(before.remote(), entity.getState().remote());
    assertEquals(SyncStatus.SYNCED, entity.getState().status());
  }

  @Test
  void aWriteAnsweredAfterAnUnlinkIsDropped() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    var gate = new java.util.concurrent.CompletableFuture<Void>();
    github.pushGate = gate;
    observeLocal(roadmap.edit(fields("B"), 1L));
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertEquals(1, github.pushes.get());
              return null;
            });
    entity.<StatusReply<Done>>runCommand(IssueSyncEntity.Unlink::new);
    gate.complete(null); // GitHub answers the PATCH only now
    eventually(
        s -> {
          assertEquals(SyncStatus.UNLINKED, s.status());
          assertEquals(null, roadmap.file().githubIssue());
        });
    assertEquals(
        null, entity.getState().remote(), "the late answer did not re-attach the old issue");
  }

  @Test
  void anIssueIsPublishedInTheRepositoryItsMilestoneRoutesTo() {
    roadmap = new InMemoryRoadmap(clock, fields("A").with(SyncField.MILESTONE, "web-1"));
    java.util.function.Function<IssueFields, Optional<String>> routing =
        f -> Optional.of("web-1".equals(f.milestone()) ? "acme/web" : REPO);
    var routed =
        EventSourcedBehaviorTestKit
            .<IssueSyncEntity.Command, IssueSyncEntity.Event, IssueSyncState>create(
                testKit.system(),
                IssueSyncEntity.create(
                    UUID.randomUUID().toString(),
                    new SyncContext(
                        github,
                        roadmap,
                        ConflictStrategy.LAST_WRITE_WINS,
                        routing,
                        clock,
                        SyncMetrics.NONE)));
    routed.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveLocal(roadmap.file(), Trigger.WATCH, r));
    var probe = testKit.<StatusReply<IssueLink>>createTestProbe();
    routed.runCommand(new IssueSyncEntity.Publish(probe.ref()));
    assertEquals("acme/web", probe.receiveMessage(WAIT).getValue().repo());

    // a number written into a file by hand links to the routed repository too
    var byHand =
        EventSourcedBehaviorTestKit
            .<IssueSyncEntity.Command, IssueSyncEntity.Event, IssueSyncState>create(
                testKit.system(),
                IssueSyncEntity.create(
                    UUID.randomUUID().toString(),
                    new SyncContext(
                        github,
                        new InMemoryRoadmap(clock, fields("B")),
                        ConflictStrategy.LAST_WRITE_WINS,
                        routing,
                        clock,
                        SyncMetrics.NONE)));
    var linkedByHand =
        new LocalSnapshot(
            fields("B").with(SyncField.MILESTONE, "web-1"), clock.instant(), "h1", 7L, null);
    byHand.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveLocal(linkedByHand, Trigger.WATCH, r));
    assertEquals(new IssueLink("acme/web", 7), byHand.getState().link());
  }

  @Test
  void stateIsRecoveredAfterARestart() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    observeLocal(roadmap.edit(fields("B"), 1L));
    eventually(s -> assertEquals(SyncStatus.SYNCED, s.status()));
    IssueSyncState before = entity.getState();
    entity.restart();
    assertEquals(before, entity.getState());
  }

  // ---- pull-request activity

  private StatusReply<Done> pullActivity(String note, String status) {
    return entity
        .<StatusReply<Done>>runCommand(
            r -> new IssueSyncEntity.RecordPullActivity(note, status, Trigger.WEBHOOK, r))
        .reply();
  }

  @Test
  void pullRequestActivityIsANoteInTheHistoryAndTouchesNothing() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    int writes = roadmap.writes.get();
    assertThat(pullActivity("opened draft pull request #4", null).isSuccess()).isTrue();
    assertThat(pullActivity("the same status", "todo").isSuccess()).isTrue();
    HistoryEntry entry = entity.getState().history().get(1);
    assertEquals(HistoryEntry.Direction.PULL_REQUEST, entry.direction());
    assertEquals("pull-request", entry.direction().apiName());
    assertEquals("opened draft pull request #4", entry.note());
    assertEquals(Map.of(), entry.changes());
    assertEquals(writes, roadmap.writes.get());
    assertEquals(SyncStatus.SYNCED, entity.getState().status());
  }

  @Test
  void aPullRequestMergedElsewhereClosesTheFileAndTheNextRoundCarriesItToGitHub() {
    linkedAndSynced(fields("A").with(SyncField.STATUS, "review"), ConflictStrategy.LAST_WRITE_WINS);
    var probe = testKit.<StatusReply<Done>>createTestProbe();
    entity.runCommand(
        new IssueSyncEntity.RecordPullActivity(
            "merged on GitHub by someone else", "closed", Trigger.WEBHOOK, probe.ref()));
    assertThat(probe.receiveMessage(WAIT).isSuccess()).isTrue();
    assertEquals("closed", roadmap.file().fields().status());
    eventually(
        s -> {
          assertEquals(SyncStatus.SYNCED, s.status());
          assertEquals("closed", github.issues.get(new IssueLink(REPO, 1)).fields().status());
        });
    HistoryEntry entry =
        entity.getState().history().stream()
            .filter(h -> h.direction() == HistoryEntry.Direction.PULL_REQUEST)
            .findFirst()
            .orElseThrow();
    assertEquals(new FieldChange("review", "closed"), entry.changes().get("status"));
    assertEquals("merged on GitHub by someone else", entry.note());
  }

  @Test
  void aStatusTheFileCannotTakeIsRefusedAndNothingIsRecorded() {
    linkedAndSynced(fields("A"), ConflictStrategy.LAST_WRITE_WINS);
    int history = entity.getState().history().size();
    roadmap.failNextWrite = true;
    var probe = testKit.<StatusReply<Done>>createTestProbe();
    entity.runCommand(
        new IssueSyncEntity.RecordPullActivity(
            "closed unmerged", "blocked", Trigger.WEBHOOK, probe.ref()));
    StatusReply<Done> reply = probe.receiveMessage(WAIT);
    assertThat(reply.isError()).isTrue();
    assertThat(reply.getError().getMessage()).contains("No space left on device");
    assertEquals("todo", roadmap.file().fields().status());
    assertEquals(history, entity.getState().history().size());
  }
}
