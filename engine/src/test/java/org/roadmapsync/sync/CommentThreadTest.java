package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roadmapsync.github.Comment;
import org.roadmapsync.github.User;

/** What an issue entity keeps of its comments, and the values it is made of. */
class CommentThreadTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private static RemoteComment remote(long id, String body, Instant updated) {
    return new RemoteComment(id, "bob", body, T0, updated, "https://x/issues/1#issuecomment-" + id);
  }

  @Test
  void aThreadJournaledWithoutSomePartsReadsThemAsEmpty() {
    CommentThread old = new CommentThread(null, null, null, null, null, null, null);

    assertThat(old).isEqualTo(CommentThread.EMPTY);
  }

  @Test
  void anOlderCopyNeverReplacesANewerOneAndACompleteReadDropsWhatIsGone() {
    CommentThread thread =
        CommentThread.EMPTY.observed(
            List.of(remote(1, "new", T1), remote(2, "other", T0)), List.of(), false, null);

    CommentThread late = thread.observed(List.of(remote(1, "old", T0)), List.of(), false, null);
    assertThat(late.github().get(1L).body()).isEqualTo("new");

    CommentThread read = thread.observed(List.of(remote(2, "other", T0)), List.of(), true, T1);
    assertThat(read.github()).containsOnlyKeys(2L);
    assertThat(read.wroteAt()).isEqualTo(T1);

    CommentThread deleted = thread.observed(List.of(), List.of(2L), false, T0);
    assertThat(deleted.github()).containsOnlyKeys(1L);
    assertThat(deleted.observed(List.of(), List.of(), false, null).wroteAt())
        .as("a later observation keeps when sync last wrote")
        .isEqualTo(T0);
  }

  @Test
  void onlyAForbiddenCommentIsTriedAgainWhenGitHubsIssueChanges() {
    CommentThread.Problem locked = new CommentThread.Problem(1, "a", "403 forbidden: locked");
    CommentThread.Problem tooLong = new CommentThread.Problem(2, "b", "422 Validation Failed");
    CommentThread thread = CommentThread.EMPTY.postRequested(1, T0).failed(locked).failed(tooLong);
    assertThat(thread.posting()).isEmpty();

    assertThat(thread.retryProblems().problems()).containsExactly(tooLong);
    CommentThread onlyTooLong = thread.retryProblems();
    assertThat(onlyTooLong.retryProblems()).isSameAs(onlyTooLong);
    assertThat(onlyTooLong.failed(tooLong).problems()).containsExactly(tooLong);
  }

  @Test
  void aResolvedConflictSetsTheBaseOfItsCommentOnly() {
    CommentThread thread =
        CommentThread.EMPTY.settled(
            List.of(new CommentThread.Link(1, 10, "b1"), new CommentThread.Link(2, 20, "b2")),
            List.of(),
            List.of(new CommentThread.Conflict(1, 10, "b1", "r", "g")),
            List.of());

    CommentThread resolved = thread.resolved(Map.of(1, "g"));

    assertThat(resolved.links())
        .containsExactly(new CommentThread.Link(1, 10, "g"), new CommentThread.Link(2, 20, "b2"));
    assertThat(resolved.conflicts()).isEmpty();
  }

  @Test
  void settlingALinkEndsItsPost() {
    CommentThread posting = CommentThread.EMPTY.postRequested(3, T0).postRequested(4, T0);

    CommentThread settled =
        posting.settled(
            List.of(new CommentThread.Link(3, 30, "x")), List.of(), List.of(), List.of());

    assertThat(settled.posting()).containsOnlyKeys(4);
  }

  @Test
  void githubsCommentsAreInOrderOfCreation() {
    RemoteComment undated = new RemoteComment(9, "a", "x", null, null, "u");
    RemoteComment early = new RemoteComment(5, "a", "x", T0, T0, "u");
    RemoteComment late = new RemoteComment(2, "a", "x", T1, T1, "u");
    CommentThread thread =
        CommentThread.EMPTY.observed(List.of(late, early, undated), List.of(), false, null);

    assertThat(thread.githubInOrder()).containsExactly(undated, early, late);
  }

  @Test
  void aGitHubCommentReadsAsSyncKeepsIt() {
    var user = new User(1, "mona", "User", "https://github.com/mona");
    RemoteComment plain =
        RemoteComment.from(new Comment(7, null, user, T0, T1, "https://x#issuecomment-7", null));
    assertThat(plain.author()).isEqualTo("mona");
    assertThat(plain.body()).isEmpty();
    assertThat(plain.text()).isEmpty();
    assertThat(plain.postedFor("abc")).isEmpty();

    assertThat(remote(1, "a", T1).newerThan(null)).isTrue();
    assertThat(remote(1, "a", T1).newerThan(remote(1, "a", T0))).isTrue();
    assertThat(remote(1, "a", T0).newerThan(remote(1, "a", T1))).isFalse();
    assertThat(remote(1, "a", null).newerThan(remote(1, "a", T1))).isTrue();
    assertThat(remote(1, "a", T0).newerThan(remote(1, "a", null))).isTrue();
  }

  @Test
  void aFileCommentNamesItsGitHubCommentOnlyByAnIssueCommentUrl() {
    assertThat(new LocalComment(1, "a", "b", null, null, null).githubId()).isEmpty();
    assertThat(new LocalComment(1, "a", "b", null, null, "https://x/issues/1").githubId())
        .isEmpty();
    assertThat(new LocalComment(1, "a", "b", null, null, "https://x#issuecomment-42").githubId())
        .contains(42L);
    assertThat(CommentMarker.postedFor(null, "abc")).isEmpty();
  }

  @Test
  void anIssueInErrorForARefusedCommentSaysWhichAndAConflictingCommentMakesItAConflict() {
    IssueSyncState linked =
        IssueSyncState.empty("abc")
            .apply(new IssueSyncEntity.Linked(new IssueLink("o/r", 1)))
            .apply(
                new IssueSyncEntity.LocalObserved(
                    new LocalSnapshot(
                        new IssueFields("t", "b", List.of(), null, null, "todo", null, null),
                        T0,
                        "h",
                        1L,
                        null,
                        List.of(new LocalComment(1, "a", "too long", null, null, null)))));
    assertThat(linked.status()).isEqualTo(SyncStatus.PENDING);

    IssueSyncState refused =
        linked.apply(
            new IssueSyncEntity.CommentFailed(
                new CommentThread.Problem(1, "too long", "422 too long")));
    assertThat(refused.status()).isEqualTo(SyncStatus.ERROR);
    assertThat(refused.syncError()).isEqualTo("comment 1: 422 too long");

    IssueSyncState conflicting =
        linked.apply(
            new IssueSyncEntity.CommentsSettled(
                List.of(),
                List.of(),
                List.of(new CommentThread.Conflict(1, 10, "b", "r", "g")),
                List.of()));
    assertThat(conflicting.status()).isEqualTo(SyncStatus.CONFLICT);
    assertThat(
            conflicting
                .apply(new IssueSyncEntity.CommentConflictsResolved(Map.of(1, "g")))
                .comments()
                .conflicts())
        .isEmpty();
  }
}
