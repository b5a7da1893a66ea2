package org.roadmapsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.ConflictStrategy;

class RoundPlanTest {

  private static final Instant T = Instant.parse("2026-11-22T05:00:00Z");
  private static final IssueLink LINK = new IssueLink("o/r", 7);

  private static IssueFields fields(String title, String status) {
    return new IssueFields(title, "Body.", List.of(), null, null, status, "high", "feature");
  }

  /** Base, the file's side and GitHub's side, GitHub's newer than the file's. */
  private static IssueSyncState state(
      IssueFields base,
      IssueFields file,
      IssueFields github,
      String error,
      List<FieldConflict> conflict) {
    return new IssueSyncState(
        "id1",
        LINK,
        base,
        new LocalSnapshot(file, T, "h", 7L, null),
        new RemoteSnapshot(LINK, github, T.plusSeconds(1)),
        null,
        T,
        error,
        conflict,
        List.of(),
        null,
        null,
        null,
        null);
  }

  private static RoundPlan.Step next(
      IssueSyncState state, ConflictStrategy strategy, boolean fresh) {
    return RoundPlan.next(state, state.merge(strategy), fresh);
  }

  @Test
  void aChangeInTheFileIsPushedOnlyAfterReadingGitHub() {
    var base = fields("A", "todo");
    var state = state(base, fields("B", "todo"), base, null, List.of());
    assertInstanceOf(
        RoundPlan.ReadGitHubFirst.class, next(state, ConflictStrategy.LAST_WRITE_WINS, false));
    assertEquals(
        new RoundPlan.Push(fields("B", "todo"), Set.of(SyncField.TITLE), Set.of()),
        next(state, ConflictStrategy.LAST_WRITE_WINS, true));
  }

  @Test
  void aChangeOnGitHubIsPulledWithoutAnotherRead() {
    var base = fields("A", "todo");
    assertEquals(
        new RoundPlan.Pull(fields("A", "closed"), Set.of(SyncField.STATUS)),
        next(
            state(base, base, fields("A", "closed"), null, List.of()),
            ConflictStrategy.LAST_WRITE_WINS,
            false));
  }

  @Test
  void aConflictIsNewsOnlyOnce() {
    var base = fields("A", "todo");
    var first = state(base, fields("B", "todo"), fields("C", "todo"), null, List.of());
    var conflict = (RoundPlan.Conflict) next(first, ConflictStrategy.MANUAL, true);
    assertEquals(SyncField.TITLE, conflict.fields().get(0).field());
    assertEquals(true, conflict.news());
    var again = state(base, fields("B", "todo"), fields("C", "todo"), null, conflict.fields());
    assertEquals(
        new RoundPlan.Conflict(conflict.fields(), false),
        next(again, ConflictStrategy.MANUAL, true));
    assertInstanceOf(RoundPlan.ReadGitHubFirst.class, next(again, ConflictStrategy.MANUAL, false));
  }

  @Test
  void sidesAlreadyInStepSettleWhenTheBaseIsBehindOrAnErrorIsToBeCleared() {
    var same = fields("B", "todo");
    assertEquals(
        new RoundPlan.Settle(same),
        next(
            state(fields("A", "todo"), same, same, null, List.of()),
            ConflictStrategy.LAST_WRITE_WINS,
            false));
    assertEquals(
        new RoundPlan.Settle(same),
        next(
            state(same, same, same, "503 server error", List.of()),
            ConflictStrategy.LAST_WRITE_WINS,
            false));
    assertInstanceOf(
        RoundPlan.Nothing.class,
        next(state(same, same, same, null, List.of()), ConflictStrategy.LAST_WRITE_WINS, false));
  }
}
