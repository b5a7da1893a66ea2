package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.CommentDeletes;
import org.roadmapsync.config.ConflictStrategy;

class CommentMergeTest {

  private static final String ISSUE = "abc12345";
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-12-01T11:00:00Z");
  private static final Instant T2 = Instant.parse("2026-12-01T12:00:00Z");

  private static LocalComment local(int id, String body, Long github) {
    return new LocalComment(id, "alice", body, T0, T0, github == null ? null : url(github));
  }

  private static String url(long id) {
    return "https://github.com/o/r/issues/1#issuecomment-" + id;
  }

  private static RemoteComment remote(long id, String body, Instant at) {
    return new RemoteComment(id, "bob", body, at, at, url(id));
  }

  private static CommentThread thread(List<RemoteComment> github, CommentThread.Link... links) {
    Map<Long, RemoteComment> byId = new LinkedHashMap<>();
    github.forEach(c -> byId.put(c.id(), c));
    return new CommentThread(byId, List.of(links), List.of(), Map.of(), List.of(), List.of(), null);
  }

  private static CommentMerge.Plan plan(List<LocalComment> local, CommentThread thread) {
    return plan(local, thread, CommentDeletes.KEEP, ConflictStrategy.LAST_WRITE_WINS);
  }

  private static CommentMerge.Plan plan(
      List<LocalComment> local,
      CommentThread thread,
      CommentDeletes deletes,
      ConflictStrategy strategy) {
    return CommentMerge.plan(ISSUE, local, thread, deletes, strategy);
  }

  @Test
  void aNewFileCommentIsPostedAndNothingElseHappens() {
    var p = plan(List.of(local(1, "hello", null)), CommentThread.EMPTY);

    assertThat(p.posts()).containsExactly(new CommentMerge.Post(1, "hello", false));
    assertThat(p.edits()).isEmpty();
    assertThat(p.deletes()).isEmpty();
    assertThat(p.file()).containsExactly(local(1, "hello", null));
  }

  @Test
  void aPostAskedBeforeSaysSoSoItIsLookedForFirst() {
    CommentThread asked = CommentThread.EMPTY.postRequested(1, T0);

    assertThat(plan(List.of(local(1, "hello", null)), asked).posts())
        .containsExactly(new CommentMerge.Post(1, "hello", true));
  }

  @Test
  void aPostedCommentFoundByItsMarkerIsAdoptedNotPostedAgain() {
    RemoteComment posted = remote(77, CommentMarker.withMarker(ISSUE, 1, "hello"), T1);

    var p = plan(List.of(local(1, "hello", null)), thread(List.of(posted)));

    assertThat(p.posts()).isEmpty();
    assertThat(p.file()).containsExactly(local(1, "hello", 77L));
  }

  @Test
  void aNewGitHubCommentIsAppendedWithTheNextIdInOrderOfCreation() {
    List<LocalComment> file = List.of(local(4, "first", null));
    RemoteComment earlier = remote(10, "from github", Instant.parse("2026-11-01T00:00:00Z"));
    RemoteComment later = remote(11, "later", T2);

    var p = plan(file, thread(List.of(later, earlier)));

    assertThat(p.file())
        .extracting(LocalComment::id, LocalComment::body, LocalComment::author)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(5, "from github", "bob"),
            org.assertj.core.groups.Tuple.tuple(4, "first", "alice"),
            org.assertj.core.groups.Tuple.tuple(6, "later", "bob"));
    assertThat(p.file().get(0).githubUrl()).isEqualTo(url(10));
    assertThat(p.posts()).containsExactly(new CommentMerge.Post(4, "first", false));
  }

  @Test
  void linkedCommentsAlikeSettleWithTheirTextAsBase() {
    var p =
        plan(
            List.of(local(1, "same", 10L)),
            thread(List.of(remote(10, "same", T0)), new CommentThread.Link(1, 10, "old")));

    assertThat(p.writesGitHub()).isFalse();
    assertThat(p.links()).containsExactly(new CommentThread.Link(1, 10, "same"));
  }

  @Test
  void anEditOnOneSideGoesToTheOther() {
    var link = new CommentThread.Link(1, 10, "base");
    var fileEdited =
        plan(List.of(local(1, "mine", 10L)), thread(List.of(remote(10, "base", T0)), link));
    assertThat(fileEdited.edits()).containsExactly(new CommentMerge.Edit(10, 1, "mine"));

    var githubEdited =
        plan(List.of(local(1, "base", 10L)), thread(List.of(remote(10, "theirs", T1)), link));
    assertThat(githubEdited.edits()).isEmpty();
    assertThat(githubEdited.file().get(0).body()).isEqualTo("theirs");
    assertThat(githubEdited.file().get(0).updatedAt()).isEqualTo(T1);
  }

  @Test
  void bothEditedFollowTheStrategy() {
    var link = new CommentThread.Link(1, 10, "base");
    List<LocalComment> file = List.of(local(1, "mine", 10L)); // updated T0
    CommentThread t = thread(List.of(remote(10, "theirs", T1)), link);

    assertThat(plan(file, t, CommentDeletes.KEEP, ConflictStrategy.PREFER_ROADMAP).edits())
        .containsExactly(new CommentMerge.Edit(10, 1, "mine"));
    assertThat(
            plan(file, t, CommentDeletes.KEEP, ConflictStrategy.PREFER_GITHUB).file().get(0).body())
        .isEqualTo("theirs");
    assertThat(plan(file, t).file().get(0).body()).isEqualTo("theirs"); // GitHub's is newer
    var manual = plan(file, t, CommentDeletes.KEEP, ConflictStrategy.MANUAL);
    assertThat(manual.conflicts())
        .containsExactly(new CommentThread.Conflict(1, 10, "base", "mine", "theirs"));
    assertThat(manual.writesGitHub()).isFalse();
    assertThat(manual.file()).isEqualTo(file);
  }

  @Test
  void aRemovedEntryIsDeletedOnGitHubOnlyWhenMirrored() {
    var link = new CommentThread.Link(1, 10, "base");
    CommentThread t = thread(List.of(remote(10, "base", T0)), link);

    var mirrored = plan(List.of(), t, CommentDeletes.MIRROR, ConflictStrategy.MANUAL);
    assertThat(mirrored.deletes()).containsExactly(10L);

    var kept = plan(List.of(), t);
    assertThat(kept.deletes()).isEmpty();
    assertThat(kept.detached()).containsExactly(10L);
    assertThat(kept.file()).isEmpty(); // and it never comes back
    assertThat(
            plan(List.of(), t.settled(kept.links(), kept.detached(), List.of(), List.of())).file())
        .isEmpty();
  }

  @Test
  void aCommentDeletedOnGitHubLeavesTheFileOnlyWhenMirrored() {
    var link = new CommentThread.Link(1, 10, "base");
    CommentThread gone = thread(List.of(), link);
    List<LocalComment> file = List.of(local(1, "base", 10L));

    assertThat(plan(file, gone, CommentDeletes.MIRROR, ConflictStrategy.MANUAL).file()).isEmpty();
    var kept = plan(file, gone);
    assertThat(kept.file()).isEqualTo(file);
    assertThat(kept.posts()).isEmpty();
  }

  @Test
  void anEditBeatsADelete() {
    var link = new CommentThread.Link(1, 10, "base");
    // edited in the file, deleted on GitHub: posted again
    var p1 =
        plan(
            List.of(local(1, "edited", 10L)),
            thread(List.of(), link),
            CommentDeletes.MIRROR,
            ConflictStrategy.MANUAL);
    assertThat(p1.posts()).containsExactly(new CommentMerge.Post(1, "edited", false));
    // removed from the file, edited on GitHub: back in the file
    var p2 =
        plan(
            List.of(),
            thread(List.of(remote(10, "edited there", T1)), link),
            CommentDeletes.MIRROR,
            ConflictStrategy.MANUAL);
    assertThat(p2.deletes()).isEmpty();
    assertThat(p2.file()).extracting(LocalComment::body).containsExactly("edited there");
  }

  @Test
  void aRefusedCommentWaitsUntilItsTextChanges() {
    CommentThread refused =
        CommentThread.EMPTY.failed(new CommentThread.Problem(1, "too long", "422 too long"));

    assertThat(plan(List.of(local(1, "too long", null)), refused).posts()).isEmpty();
    assertThat(plan(List.of(local(1, "shorter", null)), refused).posts()).hasSize(1);
    assertThat(plan(List.of(local(1, "shorter", null)), refused).problems()).isEmpty();
  }

  @Test
  void anEntrySyncedByAnotherToolIsLinkedByItsUrl() {
    var p = plan(List.of(local(3, "same", 10L)), thread(List.of(remote(10, "same", T0))));

    assertThat(p.links()).containsExactly(new CommentThread.Link(3, 10, "same"));
    assertThat(p.file()).hasSize(1);
    assertThat(p.posts()).isEmpty();
  }

  @Test
  void countsNameAddedEditedAndRemovedEntries() {
    List<LocalComment> before = List.of(local(1, "a", null), local(2, "b", null));
    List<LocalComment> after = new ArrayList<>(List.of(local(1, "a2", null), local(3, "c", null)));

    assertThat(CommentMerge.counts(before, after))
        .isEqualTo(new HistoryEntry.CommentChanges(1, 1, 1));
  }

  @Test
  void theMarkerIsLeftOutOfTheTextAndNamesTheComment() {
    String body = CommentMarker.withMarker(ISSUE, 12, "text\n");
    assertThat(CommentMarker.strip(body)).isEqualTo("text\n");
    assertThat(CommentMarker.postedFor(body, ISSUE)).contains(12);
    assertThat(CommentMarker.postedFor(body, "other")).isEmpty();
    // a web edit turns line breaks into CRLF
    assertThat(CommentMarker.strip(body.replace("\n", "\r\n"))).isEqualTo("text\r\n");
    assertThat(CommentMarker.strip(CommentMarker.withMarker(ISSUE, 1, ""))).isEmpty();
    assertThat(CommentMarker.strip(null)).isEmpty();
  }

  @Test
  void aFileEditOfACommentDeletedOnGitHubIsPostedOnceThenLinkedAnew() {
    var oldLink = new CommentThread.Link(1, 10, "base");
    List<LocalComment> edited = List.of(local(1, "edited", 10L));
    assertThat(plan(edited, thread(List.of(), oldLink)).posts()).hasSize(1);

    // the new comment is on GitHub, the file still names the old one: adopted, not posted again
    RemoteComment reposted = remote(11, CommentMarker.withMarker(ISSUE, 1, "edited"), T1);
    var p = plan(edited, thread(List.of(reposted), oldLink));
    assertThat(p.posts()).isEmpty();
    assertThat(p.file()).containsExactly(local(1, "edited", 11L));

    // then the entry names the new comment: linked to it, the old link gone
    var settled = plan(p.file(), thread(List.of(reposted), oldLink));
    assertThat(settled.links()).containsExactly(new CommentThread.Link(1, 11, "edited"));
    assertThat(settled.writesGitHub()).isFalse();
  }

  @Test
  void aPostedCommentWhoseEntryWasRemovedBeforeItsLinkCountsAsRemovedInTheFile() {
    RemoteComment posted = remote(12, CommentMarker.withMarker(ISSUE, 4, "gone"), T1);

    var mirrored =
        plan(List.of(), thread(List.of(posted)), CommentDeletes.MIRROR, ConflictStrategy.MANUAL);
    assertThat(mirrored.deletes()).containsExactly(12L);
    assertThat(mirrored.file()).isEmpty();

    var kept = plan(List.of(), thread(List.of(posted)));
    assertThat(kept.detached()).containsExactly(12L);
    assertThat(kept.file()).isEmpty();
  }

  @Test
  void anEntryNamingACommentGitHubDoesNotHaveIsLeftAsItIs() {
    var p = plan(List.of(local(2, "kept", 99L)), thread(List.of(remote(10, "other", T0))));

    assertThat(p.posts()).isEmpty();
    assertThat(p.file()).extracting(LocalComment::body).containsExactly("kept", "other");
    assertThat(p.links()).isEmpty();
  }

  @Test
  void aLinkedEntryWhoseUrlWasRemovedGetsItBack() {
    var link = new CommentThread.Link(1, 10, "same");
    var p = plan(List.of(local(1, "same", null)), thread(List.of(remote(10, "same", T0)), link));

    assertThat(p.posts()).isEmpty();
    assertThat(p.file()).containsExactly(local(1, "same", 10L));
  }
}
