package org.roadmapsync.app;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roadmapsync.intake.DeliveryLog;
import org.roadmapsync.intake.RepositoryPoller;
import org.roadmapsync.pulls.PullRequestLifecycle;
import org.roadmapsync.pulls.PullRequestPlan;
import org.roadmapsync.pulls.PullRequestState;
import org.roadmapsync.pulls.PullSnapshot;
import org.roadmapsync.sync.CommentThread;
import org.roadmapsync.sync.FieldChange;
import org.roadmapsync.sync.FieldConflict;
import org.roadmapsync.sync.HistoryEntry;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.IssueSyncState;
import org.roadmapsync.sync.LocalComment;
import org.roadmapsync.sync.LocalSnapshot;
import org.roadmapsync.sync.RemoteComment;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.Requeued;
import org.roadmapsync.sync.SyncField;
import org.roadmapsync.sync.Trigger;

/**
 * One instance of every class the service journals (events and snapshot states) and of every JSON
 * state blob of the read tables, every field set. {@link JournalFormatTest} writes a golden sample
 * of a class from here only when it has none yet; the samples then stand for the data in users'
 * databases.
 */
final class JournalSamples {

  private JournalSamples() {}

  static final Instant AT = Instant.parse("2026-11-30T09:15:00Z");
  static final IssueLink LINK = new IssueLink("octo/roadmap", 42);
  static final String ETAG = "W/\"5c2d7be7e3d7a1f0b4f1b6f0e1b2c3d4\"";
  static final IssueFields FIELDS =
      new IssueFields(
          "Sync comments",
          "Both ways.",
          List.of("sync", "ux"),
          "v1.0",
          "mona",
          "in-progress",
          "high",
          "feature");
  static final LocalComment LOCAL_COMMENT =
      new LocalComment(
          1,
          "mona",
          "Looks good.",
          AT,
          AT,
          "https://github.com/octo/roadmap/issues/42#issuecomment-901");
  static final RemoteComment REMOTE_COMMENT =
      new RemoteComment(
          901,
          "mona",
          "Looks good.\n\n<!-- roadmap-sync:comment=a1b2c3d4/1 -->",
          AT,
          AT,
          "https://github.com/octo/roadmap/issues/42#issuecomment-901");
  static final LocalSnapshot LOCAL =
      new LocalSnapshot(FIELDS, AT, "sha256:4b1d", 42L, "feature/comments", List.of(LOCAL_COMMENT));
  static final RemoteSnapshot REMOTE = new RemoteSnapshot(LINK, FIELDS, AT, 1);
  static final HistoryEntry ENTRY =
      new HistoryEntry(
          AT,
          HistoryEntry.Direction.PUSH,
          Trigger.WATCH,
          new LinkedHashMap<>(Map.of("title", new FieldChange("Old title", "Sync comments"))),
          "draft pull request #7 opened",
          new HistoryEntry.CommentChanges(1, 0, 0));
  static final CommentThread.Link COMMENT_LINK = new CommentThread.Link(1, 901, "Looks good.");
  static final CommentThread.Problem COMMENT_PROBLEM =
      new CommentThread.Problem(2, "x".repeat(10), "422 body is too long");
  static final CommentThread.Conflict COMMENT_CONFLICT =
      new CommentThread.Conflict(1, 901, "Looks good.", "Looks great.", "Looks fine.");
  static final CommentThread THREAD =
      new CommentThread(
          Map.of(901L, REMOTE_COMMENT),
          List.of(COMMENT_LINK),
          List.of(902L),
          Map.of(3, AT),
          List.of(COMMENT_PROBLEM),
          List.of(COMMENT_CONFLICT),
          AT);
  static final FieldConflict CONFLICT =
      new FieldConflict(SyncField.TITLE, "Base title", "Roadmap title", "GitHub title");
  static final PullSnapshot PULL =
      new PullSnapshot(
          7,
          "PR_kwDOA7",
          "https://github.com/octo/roadmap/pull/7",
          "feature/comments",
          true,
          true,
          false,
          "Sync comments",
          "Both ways.\n\nCloses #42");
  static final PullRequestState.IssueView ISSUE_VIEW =
      new PullRequestState.IssueView(
          "octo/roadmap", 42, "in-progress", "Sync comments", "Both ways.", "feature/comments");

  static final IssueSyncState ISSUE_STATE =
      new IssueSyncState(
          "a1b2c3d4",
          LINK,
          FIELDS,
          LOCAL,
          REMOTE,
          "line 3: not YAML",
          AT,
          "503 server error",
          List.of(CONFLICT),
          List.of(ENTRY),
          "octo/roadmap",
          AT,
          new Requeued(2, AT.plusSeconds(60)),
          THREAD);

  static final PullRequestState PULL_STATE =
      new PullRequestState(
          "a1b2c3d4",
          ISSUE_VIEW,
          PULL,
          AT,
          "feature/gone",
          new PullRequestState.Approval("ap-1", PullRequestPlan.Approval.REQUESTED, AT),
          List.of("ap-0"),
          Set.of("review"),
          "review",
          "pull request #7 merged",
          "405 not mergeable",
          List.of(new PullRequestState.Activity(AT, "draft pull request #7 opened")),
          new Requeued(1, AT.plusSeconds(30)));

  /** What the journal holds: every event of every entity, and the snapshot states. */
  static List<Object> journaled() {
    return List.of(
        new IssueSyncEntity.LocalObserved(LOCAL),
        new IssueSyncEntity.LocalProblemObserved("line 3: not YAML"),
        new IssueSyncEntity.RemoteObserved(REMOTE),
        new IssueSyncEntity.Linked(LINK),
        new IssueSyncEntity.Unlinked(),
        new IssueSyncEntity.PublishRequested("octo/roadmap", AT),
        new IssueSyncEntity.Published(REMOTE, AT),
        new IssueSyncEntity.Pushed(REMOTE, ENTRY),
        new IssueSyncEntity.Pulled(LOCAL, ENTRY),
        new IssueSyncEntity.Synced(FIELDS, AT),
        new IssueSyncEntity.ConflictDetected(List.of(CONFLICT), AT),
        new IssueSyncEntity.ConflictResolved(FIELDS),
        new IssueSyncEntity.SyncFailed("503 server error", AT, AT.plusSeconds(60)),
        new IssueSyncEntity.PullRequestActivity(ENTRY, LOCAL),
        new IssueSyncEntity.DependenciesRecorded(
            HistoryEntry.dependencies(AT, Trigger.WATCH, "blocked by aaaa0002 (#43) on GitHub")),
        new IssueSyncEntity.Adopted(LOCAL, LINK, REMOTE, AT),
        new IssueSyncEntity.CommentsObserved(
            List.of(REMOTE_COMMENT), List.of(902L), false, AT, ENTRY),
        new IssueSyncEntity.CommentPostRequested(3, AT),
        new IssueSyncEntity.CommentFailed(COMMENT_PROBLEM),
        new IssueSyncEntity.CommentsSettled(
            List.of(COMMENT_LINK),
            List.of(902L),
            List.of(COMMENT_CONFLICT),
            List.of(COMMENT_PROBLEM)),
        new IssueSyncEntity.CommentConflictsResolved(Map.of(1, "Looks fine.")),
        ISSUE_STATE,
        new PullRequestLifecycle.IssueObserved(ISSUE_VIEW),
        new PullRequestLifecycle.DraftRequested("feature/comments", AT),
        new PullRequestLifecycle.BranchMissing("octo/roadmap", "feature/gone", AT),
        new PullRequestLifecycle.PullOpened(PULL, true, AT),
        new PullRequestLifecycle.PullUpdated(PULL, "title follows the issue", AT),
        new PullRequestLifecycle.Commented("review", AT),
        new PullRequestLifecycle.ApprovalRequested("ap-1", AT),
        new PullRequestLifecycle.ApprovalDecided("ap-1", true, AT),
        new PullRequestLifecycle.MergeRefused("405 not mergeable", AT),
        new PullRequestLifecycle.Merged(PULL, "squash", AT),
        new PullRequestLifecycle.ClosedUnmerged(PULL, AT),
        new PullRequestLifecycle.ClosedOnGitHub(PULL, "closed", "merged on GitHub by mona", AT),
        new PullRequestLifecycle.IssueTold(AT),
        new PullRequestLifecycle.StepFailed("draft", "502 bad gateway", AT, AT.plusSeconds(30)),
        PULL_STATE,
        new DeliveryLog.DeliveryRecorded("72d3162e-cc78-11e3-81ab-4c9367dc0958"),
        new DeliveryLog.Snapshot(List.of("72d3162e-cc78-11e3-81ab-4c9367dc0958")),
        new RepositoryPoller.WatermarkAdvanced(AT, ETAG),
        new RepositoryPoller.CommentsWatermarkAdvanced(AT, ETAG),
        new RepositoryPoller.State(AT, ETAG, AT, ETAG));
  }

  /**
   * What the read tables keep as JSON text: {@code issue_sync_status.state}, {@code
   * pull_requests.state}, {@code pull_request_feed}.
   */
  static List<Object> readTableBlobs() {
    return List.of(ISSUE_STATE, PULL_STATE, ISSUE_VIEW);
  }
}
