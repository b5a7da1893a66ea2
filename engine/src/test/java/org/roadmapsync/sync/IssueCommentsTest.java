package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.CommentDeletes;
import org.roadmapsync.config.ConflictStrategy;
import org.roadmapsync.github.GitHubError;

/** The comments' part of the entity's rounds, with in-memory sides: one scenario each. */
class IssueCommentsTest {

  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String REPO = "octo/demo";
  private static final IssueLink LINK = new IssueLink(REPO, 1);
  private static final IssueFields FIELDS =
      new IssueFields("A", "Body.", List.of(), null, null, "todo", null, null);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private final TickingClock clock = new TickingClock();
  private final InMemoryGitHub github = new InMemoryGitHub(clock);
  private InMemoryRoadmap roadmap;
  private String id;
  private EventSourcedBehaviorTestKit<
          IssueSyncEntity.Command, IssueSyncEntity.Event, IssueSyncState>
      entity;

  /** Linked issue #1, both sides' fields alike, the file with {@code comments}. */
  private void start(
      List<LocalComment> comments, ConflictStrategy strategy, CommentDeletes deletes) {
    id = UUID.randomUUID().toString().substring(0, 8);
    roadmap = new InMemoryRoadmap(clock, FIELDS);
    github.put(LINK, FIELDS);
    var sync =
        new SyncContext(github, roadmap, strategy, Optional.of(REPO), clock)
            .withCommentDeletes(deletes);
    entity = EventSourcedBehaviorTestKit.create(testKit.system(), IssueSyncEntity.create(id, sync));
    roadmap.edit(FIELDS, 1L);
    observeLocal(roadmap.editComments(comments));
  }

  private void start(List<LocalComment> comments) {
    start(comments, ConflictStrategy.LAST_WRITE_WINS, CommentDeletes.KEEP);
  }

  private void observeLocal(LocalSnapshot local) {
    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveLocal(local, Trigger.WATCH, r));
  }

  private void observeRemote(RemoteSnapshot remote) {
    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveRemote(remote, Trigger.WEBHOOK, r));
  }

  private void observeComments(List<RemoteComment> seen, List<Long> deleted) {
    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.ObserveComments(seen, deleted, Trigger.WEBHOOK, r));
  }

  private static LocalComment note(int id, String body) {
    return new LocalComment(id, "alice", body, null, null, null);
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

  private void synced() {
    eventually(
        s ->
            assertEquals(
                SyncStatus.SYNCED,
                s.status(),
                s.syncError() + " " + s.comments() + " " + s.local().comments()));
  }

  /**
   * Synced, and {@code outcome} holds: a file or GitHub edit is not yet a pending change of fields,
   * so the status alone can read synced before the round that carries it is over.
   */
  private void syncedAnd(Runnable outcome) {
    eventually(
        s -> {
          assertEquals(SyncStatus.SYNCED, s.status(), s.syncError() + " " + s.comments());
          outcome.run();
        });
  }

  private List<String> githubTexts() {
    return github.comments.values().stream().map(RemoteComment::text).toList();
  }

  private List<String> fileTexts() {
    return roadmap.file().comments().stream().map(LocalComment::body).toList();
  }

  @Test
  void aFileCommentIsPostedOnceMarkedAndItsUrlWrittenBack() {
    start(List.of(note(1, "first"), note(2, "second")));
    synced();

    assertThat(githubTexts()).containsExactly("first", "second");
    assertThat(github.comments.values()).allSatisfy(c -> assertThat(c.postedFor(id)).isPresent());
    assertThat(roadmap.file().comments()).allSatisfy(c -> assertThat(c.githubId()).isPresent());
    assertThat(entity.getState().comments().links()).hasSize(2);
    assertThat(entity.getState().history())
        .anySatisfy(
            h -> assertThat(h.comments()).isEqualTo(new HistoryEntry.CommentChanges(1, 0, 0)));
    int writes = github.commentWrites.get();

    // its own posts, seen again through a webhook, write nothing
    observeComments(List.copyOf(github.comments.values()), List.of());
    synced();
    assertEquals(writes, github.commentWrites.get());
  }

  @Test
  void aGitHubCommentIsAppendedAndEditsGoBothWays() {
    start(List.of());
    synced();
    RemoteComment theirs = github.comment("bob", "from github");
    observeComments(List.of(theirs), List.of());
    syncedAnd(
        () ->
            assertThat(roadmap.file().comments())
                .singleElement()
                .satisfies(
                    c -> {
                      assertThat(c.id()).isEqualTo(1);
                      assertThat(c.author()).isEqualTo("bob");
                      assertThat(c.githubId()).contains(theirs.id());
                    }));

    // edited in the file: the GitHub comment follows
    List<LocalComment> edited = new ArrayList<>(roadmap.file().comments());
    edited.set(0, edited.get(0).withBody("edited here", clock.instant()));
    observeLocal(roadmap.editComments(edited));
    syncedAnd(() -> assertThat(githubTexts()).containsExactly("edited here"));

    // edited on GitHub: the file follows
    github.editComment(REPO, theirs.id(), "edited there");
    observeComments(List.of(github.comments.get(theirs.id())), List.of());
    syncedAnd(() -> assertThat(fileTexts()).containsExactly("edited there"));
  }

  @Test
  void deletesFollowOnlyWhenMirrored() {
    start(List.of(note(1, "one"), note(2, "two")), ConflictStrategy.MANUAL, CommentDeletes.MIRROR);
    synced();
    // removed from the file: deleted on GitHub
    observeLocal(roadmap.editComments(List.of(roadmap.file().comments().get(1))));
    syncedAnd(() -> assertThat(githubTexts()).containsExactly("two"));
    // deleted on GitHub: removed from the file
    long left = github.comments.keySet().iterator().next();
    github.deleteComment(REPO, left);
    observeComments(List.of(), List.of(left));
    syncedAnd(() -> assertThat(roadmap.file().comments()).isEmpty());
    assertThat(entity.getState().comments().links()).isEmpty();
  }

  @Test
  void keptDeletesLeaveTheOtherSideAndNeverComeBack() {
    start(List.of(note(1, "one")));
    synced();
    observeLocal(roadmap.editComments(List.of()));
    syncedAnd(() -> assertThat(githubTexts()).containsExactly("one"));
    assertThat(fileTexts()).isEmpty();
    assertThat(entity.getState().comments().detached()).hasSize(1);
  }

  @Test
  void aCommentGitHubRefusesIsInErrorWithTheReasonAndTheOthersSync() {
    start(List.of());
    synced();
    github.failNextPost =
        new GitHubError.Validation(
            "Validation Failed",
            List.of(
                new GitHubError.FieldError(
                    "IssueComment",
                    "body",
                    "custom",
                    "body is too long (maximum is 65536 characters)")));
    observeLocal(roadmap.editComments(List.of(note(1, "x".repeat(70_000)))));
    eventually(
        s -> {
          assertEquals(SyncStatus.ERROR, s.status());
          assertThat(s.syncError()).startsWith("comment 1: ").contains("too long");
        });
    // another comment still goes
    List<LocalComment> more = new ArrayList<>(roadmap.file().comments());
    more.add(note(2, "short"));
    observeLocal(roadmap.editComments(more));
    eventually(s -> assertThat(githubTexts()).containsExactly("short"));
    assertEquals(SyncStatus.ERROR, entity.getState().status());
    // shortened: posted, the error gone
    more = new ArrayList<>(roadmap.file().comments());
    more.set(0, note(1, "now short"));
    observeLocal(roadmap.editComments(more));
    syncedAnd(() -> assertThat(githubTexts()).containsExactlyInAnyOrder("short", "now short"));
  }

  @Test
  void aLockedIssueRefusesItsCommentsButNotItsFields() {
    start(List.of());
    synced();
    github.failNextPost =
        new GitHubError.Forbidden(
            "Unable to create comment because issue is locked.",
            java.util.Set.of(),
            java.util.Set.of());
    observeLocal(roadmap.editComments(List.of(note(1, "locked out"))));
    eventually(s -> assertThat(s.syncError()).contains("comment 1: ").contains("locked"));
    // the fields still go
    IssueFields retitled = FIELDS.with(SyncField.TITLE, "B");
    observeLocal(roadmap.edit(retitled, 1L));
    eventually(s -> assertEquals("B", github.issues.get(LINK).fields().title()));
    assertThat(githubTexts()).isEmpty();
    // unlocked on GitHub: the issue's next change there lets the comment go
    observeRemote(github.put(LINK, retitled.with(SyncField.BODY, "Unlocked.")));
    syncedAnd(() -> assertThat(githubTexts()).containsExactly("locked out"));
  }

  @Test
  void aDeletedAccountsCommentIsGhosts() {
    var comment =
        new org.roadmapsync.github.Comment(
            7, "hi", null, clock.instant(), clock.instant(), "https://x#issuecomment-7", null);
    assertThat(RemoteComment.from(comment).author()).isEqualTo("ghost");
  }

  @Test
  void bothEditedWaitForADecisionWithManual() {
    start(List.of(note(1, "base")), ConflictStrategy.MANUAL, CommentDeletes.KEEP);
    synced();
    // edited on GitHub, its webhook not here yet, when the file's edit arrives: the edit reads
    // GitHub's comments first, so GitHub's text is not overwritten
    long theirs = github.comments.keySet().iterator().next();
    github.editComment(REPO, theirs, CommentMarker.withMarker(id, 1, "github's"));
    List<LocalComment> mine = new ArrayList<>(roadmap.file().comments());
    mine.set(0, mine.get(0).withBody("roadmap's", clock.instant()));
    observeLocal(roadmap.editComments(mine));
    eventually(s -> assertEquals(SyncStatus.CONFLICT, s.status()));
    assertThat(entity.getState().comments().conflicts())
        .singleElement()
        .satisfies(c -> assertThat(c.apiName()).isEqualTo("comment:1"));

    var refused =
        entity.<StatusReply<Done>>runCommand(
            r -> new IssueSyncEntity.Resolve(Map.of(), Map.of(), r));
    assertThat(refused.reply().getError().getMessage()).contains("comment:1");

    entity.<StatusReply<Done>>runCommand(
        r -> new IssueSyncEntity.Resolve(Map.of(), Map.of(1, Side.GITHUB), r));
    syncedAnd(() -> assertThat(fileTexts()).containsExactly("github's"));
    assertThat(githubTexts()).containsExactly("github's");
  }

  @Test
  void aPostCutOffBeforeItsAnswerIsFoundAfterARestartNotMadeTwice() {
    start(List.of());
    synced();
    // the intent is journaled and GitHub made the comment, but its answer is lost
    github.failNextPost = new GitHubError.ServerError(502, "answer lost");
    github.madeAnyway = true;
    observeLocal(roadmap.editComments(List.of(note(1, "once"))));
    eventually(s -> assertThat(s.comments().posting()).containsKey(1));

    entity.restart();
    syncedAnd(() -> assertThat(githubTexts()).containsExactly("once"));
    assertThat(github.commentReads.get()).isPositive();
    assertThat(roadmap.file().comments().get(0).githubId()).isPresent();
  }

  @Test
  void aDeletionMissedByWebhooksIsSeenByTheIssuesCommentCount() {
    start(List.of(note(1, "one"), note(2, "two")), ConflictStrategy.MANUAL, CommentDeletes.MIRROR);
    synced();
    long first = github.comments.keySet().iterator().next();
    github.deleteComment(REPO, first);
    // a poll lists the issue, which now counts one comment
    RemoteSnapshot now = github.put(LINK, FIELDS);
    entity.<StatusReply<Done>>runCommand(
        r ->
            new IssueSyncEntity.ObserveRemote(
                new RemoteSnapshot(LINK, FIELDS, now.updatedAt(), 1), Trigger.POLL, r));
    syncedAnd(() -> assertThat(fileTexts()).containsExactly("two"));
  }

  @Test
  void aFailedReadOrFileWriteIsAnErrorTriedAgainAndThenSynced() {
    start(List.of(note(1, "one")), ConflictStrategy.MANUAL, CommentDeletes.MIRROR);
    synced();
    // GitHub's comment count says one is missing; reading them fails once
    long first = github.comments.keySet().iterator().next();
    github.deleteComment(REPO, first);
    github.failNext = new GitHubError.ServerError(502, "bad gateway");
    RemoteSnapshot now = github.put(LINK, FIELDS);
    entity.<StatusReply<Done>>runCommand(
        r ->
            new IssueSyncEntity.ObserveRemote(
                new RemoteSnapshot(LINK, FIELDS, now.updatedAt(), 0), Trigger.POLL, r));
    eventually(s -> assertThat(s.syncError()).contains("502"));
    // the deletion's webhook arrives; the file write that removes the entry fails once
    roadmap.failNextWrite = true;
    observeComments(List.of(), List.of(first));
    eventually(s -> assertThat(s.syncError()).contains("No space left"));
    entity.<StatusReply<Done>>runCommand(r -> new IssueSyncEntity.SyncNow(Trigger.MANUAL, r));
    syncedAnd(() -> assertThat(roadmap.file().comments()).isEmpty());
  }

  @Test
  void aFileEditedWhileSyncWritesItIsReadAgainAndMerged() {
    start(List.of());
    synced();
    RemoteComment theirs = github.comment("bob", "from github");
    // the file changes on disk after the entity read it: its write is refused as stale
    roadmap.editComments(List.of(note(1, "written meanwhile")));
    observeComments(List.of(theirs), List.of());
    syncedAnd(
        () ->
            assertThat(fileTexts()).containsExactlyInAnyOrder("written meanwhile", "from github"));
    assertThat(githubTexts()).containsExactlyInAnyOrder("written meanwhile", "from github");
  }

  /**
   * A new entity adopting its file and the first listing's issue, which counts a comment the file
   * lacks: it reads nothing at adoption (the comments listing handed out next brings it).
   */
  private RemoteSnapshot adoptedWithAGitHubComment() {
    id = UUID.randomUUID().toString().substring(0, 8);
    roadmap = new InMemoryRoadmap(clock, FIELDS);
    github.put(LINK, FIELDS);
    github.comment("teammate", "from github");
    RemoteSnapshot listed = new RemoteSnapshot(LINK, FIELDS, clock.instant(), 1);
    entity =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            IssueSyncEntity.create(
                id,
                new SyncContext(
                    github, roadmap, ConflictStrategy.LAST_WRITE_WINS, Optional.of(REPO), clock)));
    var adopted =
        entity.<StatusReply<Done>>runCommand(
            r ->
                new IssueSyncEntity.ObserveLocal(
                    roadmap.edit(FIELDS, LINK.number()), Trigger.POLL, r, listed));
    assertThat(adopted.events()).singleElement().isInstanceOf(IssueSyncEntity.Adopted.class);
    assertEquals(0, github.commentReads.get(), "nothing read at adoption");
    return listed;
  }

  @Test
  void anAdoptedIssuesCommentArrivesWithTheCommentsListingWithoutARead() {
    RemoteSnapshot listed = adoptedWithAGitHubComment();
    observeComments(List.copyOf(github.comments.values()), List.of());
    syncedAnd(() -> assertThat(fileTexts()).containsExactly("from github"));
    observeRemote(listed); // the issue listing's routing, after the comments
    syncedAnd(() -> assertThat(fileTexts()).containsExactly("from github"));
    assertEquals(0, github.commentReads.get(), "never one read for the issue");
  }

  @Test
  void anAdoptedIssuesCommentTheListingDidNotBringIsReadOnceAtTheRouting() {
    RemoteSnapshot listed = adoptedWithAGitHubComment();
    observeRemote(listed); // same snapshot, but GitHub counts a comment the entity has not seen
    syncedAnd(() -> assertThat(fileTexts()).containsExactly("from github"));
    assertEquals(1, github.commentReads.get());
    observeRemote(listed);
    syncedAnd(() -> assertEquals(1, github.commentReads.get(), "once per snapshot"));
  }
}
