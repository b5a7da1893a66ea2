package org.roadmapsync.pulls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roadmapsync.sync.HistoryEntry;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.LocalSnapshot;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.Trigger;

/** Which issue events change what a lifecycle needs, and how. */
class PullRequestFeedTest {

  private static final Instant T = Instant.parse("2026-01-02T10:00:00Z");
  private static final IssueFields FIELDS =
      new IssueFields("Title", "Body.", List.of(), null, null, "review", null, null);
  private static final LocalSnapshot LOCAL = new LocalSnapshot(FIELDS, T, "h", 3L, "feature/x");
  private static final PullRequestState.IssueView LINKED =
      new PullRequestState.IssueView("o/r", 3, "todo", "Old", "Old.", null);

  private static PullRequestState.IssueView after(
      IssueSyncEntity.Event event, PullRequestState.IssueView before) {
    return PullRequestFeed.change(event).orElseThrow().apply(before);
  }

  @Test
  void fileEventsBringStatusTitleBodyAndBranchAndKeepTheLink() {
    var expected =
        new PullRequestState.IssueView("o/r", 3, "review", "Title", "Body.", "feature/x");
    assertEquals(expected, after(new IssueSyncEntity.LocalObserved(LOCAL), LINKED));
    var entry = HistoryEntry.pullRequest(T, Trigger.WEBHOOK, "note", java.util.Map.of());
    assertEquals(expected, after(new IssueSyncEntity.Pulled(LOCAL, entry), LINKED));
    assertEquals(expected, after(new IssueSyncEntity.PullRequestActivity(entry, LOCAL), LINKED));
    assertTrue(
        PullRequestFeed.change(new IssueSyncEntity.PullRequestActivity(entry, null)).isEmpty());
  }

  @Test
  void linkEventsBringTheRepositoryAndNumberAndKeepTheFileSide() {
    var unlinked = new PullRequestState.IssueView(null, 0, "todo", "Old", "Old.", null);
    assertEquals(
        new PullRequestState.IssueView("o/web", 9, "todo", "Old", "Old.", null),
        after(new IssueSyncEntity.Linked(new IssueLink("o/web", 9)), unlinked));
    assertEquals(
        new PullRequestState.IssueView("o/web", 9, "todo", "Old", "Old.", null),
        after(
            new IssueSyncEntity.Published(
                new RemoteSnapshot(new IssueLink("o/web", 9), FIELDS, T), T),
            unlinked));
    assertEquals(unlinked, after(new IssueSyncEntity.Unlinked(), LINKED));
  }

  @Test
  void fileEventsWithoutABranchAreSkipped() {
    var noBranch = new LocalSnapshot(FIELDS, T, "h", 3L, null);
    var entry = HistoryEntry.pullRequest(T, Trigger.WEBHOOK, "note", java.util.Map.of());
    assertTrue(PullRequestFeed.change(new IssueSyncEntity.LocalObserved(noBranch)).isEmpty());
    assertTrue(PullRequestFeed.change(new IssueSyncEntity.Pulled(noBranch, entry)).isEmpty());
    assertTrue(
        PullRequestFeed.change(new IssueSyncEntity.PullRequestActivity(entry, noBranch)).isEmpty());
    assertFalse(PullRequestFeed.change(new IssueSyncEntity.LocalObserved(LOCAL)).isEmpty());
    assertTrue(
        PullRequestFeed.change(new IssueSyncEntity.PullRequestActivity(entry, null)).isEmpty());
    assertFalse(
        PullRequestFeed.change(new IssueSyncEntity.Linked(new IssueLink("o/r", 1))).isEmpty());
  }

  @Test
  void otherEventsChangeNothing() {
    assertTrue(PullRequestFeed.change(new IssueSyncEntity.SyncFailed("x", T, null)).isEmpty());
    assertTrue(PullRequestFeed.change(new IssueSyncEntity.Synced(FIELDS, T)).isEmpty());
  }
}
