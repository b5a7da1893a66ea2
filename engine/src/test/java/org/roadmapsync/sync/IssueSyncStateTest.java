package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Status and pending changes derived from what the entity knows. */
class IssueSyncStateTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final IssueLink LINK = new IssueLink("o/r", 1);
  private static final IssueFields A =
      new IssueFields("A", "b", List.of(), null, null, "todo", null, "other");

  private static IssueSyncState state(IssueFields base, IssueFields local, IssueFields remote) {
    return IssueSyncState.empty("x")
        .apply(new IssueSyncEntity.LocalObserved(new LocalSnapshot(local, T, "h", 1L, null)))
        .apply(new IssueSyncEntity.Linked(LINK))
        .apply(new IssueSyncEntity.RemoteObserved(new RemoteSnapshot(LINK, remote, T)))
        .apply(new IssueSyncEntity.ConflictResolved(base));
  }

  @Test
  void aStateReadWithoutListsOrCommentsHasEmptyOnes() {
    // as JSON written before these fields existed reads back
    IssueSyncState old =
        new IssueSyncState(
            "x", LINK, A, null, null, null, null, null, null, null, null, null, null, null);
    assertEquals(List.of(), old.conflict());
    assertEquals(List.of(), old.history());
    assertEquals(CommentThread.EMPTY, old.comments());
  }

  @Test
  void aFileNamingAnotherIssueThanItsLinkNeedsSyncEvenWithBothSidesAtTheBase() {
    IssueSyncState state =
        state(A, A, A)
            .apply(new IssueSyncEntity.LocalObserved(new LocalSnapshot(A, T, "h2", 2L, null)));
    assertEquals(true, state.needsSync());
    assertEquals(false, state(A, A, A).needsSync());
  }

  @Test
  void pendingChangesSayWhichWayEachFieldStillHasToGo() {
    IssueFields local = A.with(SyncField.TITLE, "L");
    IssueFields remote = A.with(SyncField.BODY, "r").with(SyncField.TITLE, "R");
    IssueSyncState s = state(A, local, remote);
    assertEquals(Map.of("title", "both", "body", "roadmap"), s.pendingChanges());
    assertEquals(SyncStatus.PENDING, s.status());
    assertThat(state(A, A, A).pendingChanges()).isEmpty();
    assertEquals(SyncStatus.SYNCED, state(A, A, A).status());
  }

  @Test
  void withoutABaseEveryDifferenceMayGoEitherWay() {
    IssueSyncState s = state(null, A.with(SyncField.TITLE, "L"), A);
    assertEquals(Map.of("title", "both"), s.pendingChanges());
    assertThat(IssueSyncState.empty("x").pendingChanges()).isEmpty();
  }

  @Test
  void statusPrefersErrorThenConflictThenLinkState() {
    IssueSyncState base = IssueSyncState.empty("x");
    assertEquals(SyncStatus.UNLINKED, base.status());
    assertEquals(
        SyncStatus.PENDING, base.apply(new IssueSyncEntity.PublishRequested("o/r", T)).status());
    assertEquals(
        SyncStatus.ERROR, base.apply(new IssueSyncEntity.LocalProblemObserved("bad")).status());
    IssueSyncState conflicted =
        state(A, A, A)
            .apply(
                new IssueSyncEntity.ConflictDetected(
                    List.of(new FieldConflict(SyncField.TITLE, "A", "L", "R")), T));
    assertEquals(SyncStatus.CONFLICT, conflicted.status());
    assertEquals(
        SyncStatus.ERROR,
        conflicted.apply(new IssueSyncEntity.SyncFailed("502", T, null)).status());
    assertEquals(SyncStatus.UNLINKED, conflicted.apply(new IssueSyncEntity.Unlinked()).status());
  }

  @Test
  void historyKeepsTheNewestHundred() {
    IssueSyncState s = state(A, A, A);
    for (int i = 0; i < 105; i++) {
      s =
          s.apply(
              new IssueSyncEntity.Pushed(
                  new RemoteSnapshot(LINK, A, T.plusSeconds(i)),
                  new HistoryEntry(
                      T.plusSeconds(i),
                      HistoryEntry.Direction.PUSH,
                      Trigger.POLL,
                      Map.of(),
                      null)));
    }
    assertEquals(IssueSyncState.HISTORY_LIMIT, s.history().size());
    assertEquals(T.plusSeconds(104), s.history().get(0).at());
  }

  @Test
  void anOlderRemoteSnapshotIsNotNewer() {
    RemoteSnapshot newer = new RemoteSnapshot(LINK, A, T.plusSeconds(5));
    RemoteSnapshot older = new RemoteSnapshot(LINK, A, T);
    assertThat(older.newerThan(newer)).isFalse();
    assertThat(newer.newerThan(older)).isTrue();
    assertThat(older.newerThan(null)).isTrue();
    assertThat(new RemoteSnapshot(new IssueLink("o/r", 2), A, T).newerThan(newer))
        .as("another issue")
        .isTrue();
  }

  @Test
  void thePhaseSaysWhatARoundDoesFirst() {
    IssueSyncState empty = IssueSyncState.empty("x");
    assertEquals(IssueSyncState.Phase.BROKEN, empty.phase());
    IssueSyncState unlinked =
        empty.apply(new IssueSyncEntity.LocalObserved(new LocalSnapshot(A, T, "h", null, null)));
    assertEquals(IssueSyncState.Phase.UNLINKED, unlinked.phase());
    assertEquals(
        IssueSyncState.Phase.BROKEN,
        unlinked.apply(new IssueSyncEntity.LocalProblemObserved("line 2: bad")).phase());
    assertEquals(
        IssueSyncState.Phase.PUBLISHING,
        unlinked.apply(new IssueSyncEntity.PublishRequested("o/r", T)).phase());
    IssueSyncState relinking = unlinked.apply(new IssueSyncEntity.Linked(LINK));
    assertEquals(IssueSyncState.Phase.RELINKING, relinking.phase());
    IssueSyncState linked = state(A, A, A);
    assertEquals(IssueSyncState.Phase.LINKED, linked.phase());
    assertEquals(
        IssueSyncState.Phase.UNLINKING, linked.apply(new IssueSyncEntity.Unlinked()).phase());
  }

  @Test
  void failuresInARowAreCountedUntilTheNextSync() {
    IssueSyncState s = state(A, A.with(SyncField.TITLE, "L"), A);
    IssueSyncState once = s.apply(new IssueSyncEntity.SyncFailed("502", T, T.plusSeconds(30)));
    assertEquals(new Requeued(1, T.plusSeconds(30)), once.requeued());
    IssueSyncState twice = once.apply(new IssueSyncEntity.SyncFailed("404", T, null));
    assertEquals(new Requeued(2, null), twice.requeued());
    assertEquals(null, twice.apply(new IssueSyncEntity.Synced(A, T)).requeued());
  }
}
