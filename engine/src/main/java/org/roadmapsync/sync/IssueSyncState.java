package org.roadmapsync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.roadmapsync.config.ConflictStrategy;
import org.roadmapsync.persistence.CborSerializable;

/**
 * Everything one issue entity knows. Kept apart from the entity because the read-side projection
 * replays the same events through the same {@link #apply} to keep its tables.
 *
 * @param base the last state both sides agreed on (null: never synced)
 * @param localProblem why the roadmap file cannot be used (null when it can)
 * @param lastSyncAt the last successful sync
 * @param publishRepo set from the publish request until GitHub's issue is linked
 * @param requeued the failures in a row since the last sync, and when the next try is due (null:
 *     none failed, or the last failure cannot pass by waiting and waits for a change)
 */
public record IssueSyncState(
    String id,
    IssueLink link,
    IssueFields base,
    LocalSnapshot local,
    RemoteSnapshot remote,
    String localProblem,
    Instant lastSyncAt,
    String lastSyncError,
    List<FieldConflict> conflict,
    List<HistoryEntry> history,
    String publishRepo,
    Instant publishRequestedAt,
    Requeued requeued,
    CommentThread comments)
    implements CborSerializable {

  public static final int HISTORY_LIMIT = 100;

  public IssueSyncState {
    conflict = conflict == null ? List.of() : List.copyOf(conflict);
    history = history == null ? List.of() : List.copyOf(history);
    comments = comments == null ? CommentThread.EMPTY : comments;
  }

  /** Where the issue stands on its way to a sync round; derived, never journaled. */
  public enum Phase {
    /** No usable roadmap file: not read yet, or it does not parse. */
    BROKEN,
    /** No GitHub issue, none asked for: publish or link it. */
    UNLINKED,
    /** Its GitHub issue is being created (asked for, not linked yet). */
    PUBLISHING,
    /** Linked, but the file names another issue number or none: the link is written first. */
    RELINKING,
    /** Unlinked, but the file still names the old issue number: that is removed first. */
    UNLINKING,
    /** Linked, and the file says so: rounds merge and carry changes across. */
    LINKED
  }

  public Phase phase() {
    if (local == null || localProblem != null) {
      return Phase.BROKEN;
    }
    if (link != null) {
      return Objects.equals(local.githubIssue(), link.number()) ? Phase.LINKED : Phase.RELINKING;
    }
    if (publishRequestedAt != null) {
      return Phase.PUBLISHING;
    }
    return local.githubIssue() != null ? Phase.UNLINKING : Phase.UNLINKED;
  }

  public static IssueSyncState empty(String id) {
    return new IssueSyncState(
        id, null, null, null, null, null, null, null, List.of(), List.of(), null, null, null, null);
  }

  public String title() {
    return local == null ? null : local.fields().title();
  }

  public SyncStatus status() {
    if (localProblem != null || syncError() != null) {
      return SyncStatus.ERROR;
    }
    if (!conflict.isEmpty() || !comments.conflicts().isEmpty()) {
      return SyncStatus.CONFLICT;
    }
    if (link == null) {
      return publishRequestedAt != null ? SyncStatus.PENDING : SyncStatus.UNLINKED;
    }
    return needsSync() || commentsToPost() ? SyncStatus.PENDING : SyncStatus.SYNCED;
  }

  /**
   * Why the issue is in error: its last round failed, or GitHub refused one of its comments (the
   * other comments sync on); null when it is not.
   */
  public String syncError() {
    if (lastSyncError != null || comments.problems().isEmpty()) {
      return lastSyncError;
    }
    CommentThread.Problem first = comments.problems().get(0);
    return "comment " + first.comment() + ": " + first.reason();
  }

  /** A file comment GitHub does not have yet (and did not refuse), or a post under way. */
  private boolean commentsToPost() {
    if (!comments.posting().isEmpty()) {
      return true;
    }
    return local != null
        && local.comments() != null
        && local.comments().stream()
            .anyMatch(
                c ->
                    c.githubUrl() == null
                        && comments.problems().stream()
                            .noneMatch(p -> p.comment() == c.id() && p.text().equals(c.body())));
  }

  /** Linked, readable, and the two sides do not both equal the base. */
  public boolean needsSync() {
    return link != null
        && local != null
        && localProblem == null
        && (remote == null
            || base == null
            || !local.fields().equals(base)
            || !remote.fields().equals(base)
            || !Objects.equals(local.githubIssue(), link.number()));
  }

  /**
   * Per field, where a change still has to go: {@code github}, {@code roadmap}, or {@code both}.
   */
  public Map<String, String> pendingChanges() {
    Map<String, String> pending = new LinkedHashMap<>();
    if (link == null || local == null) {
      return pending;
    }
    for (SyncField field : SyncField.values()) {
      String direction;
      if (base == null) {
        // never agreed: a difference may have to go either way
        direction = remote != null && local.fields().sameAs(remote.fields(), field) ? null : "both";
      } else {
        boolean toGitHub = !local.fields().sameAs(base, field);
        boolean toRoadmap = remote != null && !remote.fields().sameAs(base, field);
        direction =
            toGitHub && toRoadmap ? "both" : toGitHub ? "github" : toRoadmap ? "roadmap" : null;
      }
      if (direction != null) {
        pending.put(field.apiName(), direction);
      }
    }
    return pending;
  }

  public IssueSyncState apply(IssueSyncEntity.Event event) {
    // Java 17 has no pattern matching for switch: one instanceof per event type.
    if (event instanceof IssueSyncEntity.LocalObserved e) {
      return change(
          n -> {
            n.local = e.local();
            n.localProblem = null;
          });
    } else if (event instanceof IssueSyncEntity.LocalProblemObserved e) {
      return change(n -> n.localProblem = e.problem());
    } else if (event instanceof IssueSyncEntity.RemoteObserved e) {
      return change(
          n -> {
            n.remote = e.remote();
            n.comments = n.comments.retryProblems(); // GitHub's issue changed: unlocked, maybe
          });
    } else if (event instanceof IssueSyncEntity.Adopted e) {
      return change(
          n -> {
            n.local = e.local();
            n.localProblem = null;
            n.link = e.link();
            n.remote = e.remote();
            n.settled(e.local().fields(), e.at());
          });
    } else if (event instanceof IssueSyncEntity.Linked e) {
      return change(
          n -> {
            n.forgetLink();
            n.link = e.link();
          });
    } else if (event instanceof IssueSyncEntity.Unlinked) {
      return change(Next::forgetLink);
    } else if (event instanceof IssueSyncEntity.PublishRequested e) {
      return change(
          n -> {
            n.publishRepo = e.repo();
            n.publishRequestedAt = e.at();
          });
    } else if (event instanceof IssueSyncEntity.Published e) {
      return change(
          n -> {
            n.forgetLink();
            n.link = e.remote().link();
            n.remote = e.remote();
            n.settled(e.remote().fields(), e.at());
          });
    } else if (event instanceof IssueSyncEntity.Pushed e) {
      return change(
          n -> {
            n.remote = e.remote();
            n.record(e.entry());
          });
    } else if (event instanceof IssueSyncEntity.Pulled e) {
      return change(
          n -> {
            n.local = e.local();
            n.localProblem = null;
            n.record(e.entry());
          });
    } else if (event instanceof IssueSyncEntity.Synced e) {
      return change(n -> n.settled(e.base(), e.at()));
    } else if (event instanceof IssueSyncEntity.ConflictDetected e) {
      return change(
          n -> {
            n.lastSyncError = null;
            n.requeued = null;
            n.conflict = e.conflict();
          });
    } else if (event instanceof IssueSyncEntity.ConflictResolved e) {
      return change(
          n -> {
            n.base = e.base();
            n.lastSyncError = null;
            n.conflict = List.of();
          });
    } else if (event instanceof IssueSyncEntity.PullRequestActivity e) {
      return change(
          n -> {
            if (e.local() != null) {
              n.local = e.local();
              n.localProblem = null;
            }
            n.record(e.entry());
          });
    } else if (event instanceof IssueSyncEntity.DependenciesRecorded e) {
      return change(n -> n.record(e.entry()));
    } else if (event instanceof IssueSyncEntity.CommentsObserved e) {
      return change(
          n -> {
            n.comments = n.comments.observed(e.seen(), e.deleted(), e.complete(), e.wroteAt());
            if (e.entry() != null) {
              n.record(e.entry());
            }
          });
    } else if (event instanceof IssueSyncEntity.CommentPostRequested e) {
      return change(n -> n.comments = n.comments.postRequested(e.comment(), e.at()));
    } else if (event instanceof IssueSyncEntity.CommentFailed e) {
      return change(n -> n.comments = n.comments.failed(e.problem()));
    } else if (event instanceof IssueSyncEntity.CommentsSettled e) {
      return change(
          n ->
              n.comments =
                  n.comments.settled(e.links(), e.detached(), e.conflicts(), e.problems()));
    } else if (event instanceof IssueSyncEntity.CommentConflictsResolved e) {
      return change(n -> n.comments = n.comments.resolved(e.bases()));
    } else if (event instanceof IssueSyncEntity.SyncFailed e) {
      return change(
          n -> {
            n.lastSyncError = e.error();
            n.requeued = Requeued.after(requeued, e.retryAt());
          });
    }
    throw new IllegalArgumentException("unknown event " + event.getClass().getName());
  }

  /** Base, file and GitHub merged per field; needs both sides known. */
  public MergeOutcome merge(ConflictStrategy strategy) {
    return ThreeWayMerge.merge(
        base,
        new SideSnapshot(local.fields(), local.updatedAt()),
        new SideSnapshot(remote.fields(), remote.updatedAt()),
        strategy);
  }

  /** The state after these events, in order. */
  public IssueSyncState applyAll(List<IssueSyncEntity.Event> events) {
    IssueSyncState s = this;
    for (IssueSyncEntity.Event e : events) {
      s = s.apply(e);
    }
    return s;
  }

  private IssueSyncState change(Consumer<Next> transition) {
    Next next = new Next(this);
    transition.accept(next);
    return next.build();
  }

  /** The state being changed by one event: each transition names the fields it sets. */
  private static final class Next {
    private final String id;
    private IssueLink link;
    private IssueFields base;
    private LocalSnapshot local;
    private RemoteSnapshot remote;
    private String localProblem;
    private Instant lastSyncAt;
    private String lastSyncError;
    private List<FieldConflict> conflict;
    private List<HistoryEntry> history;
    private String publishRepo;
    private Instant publishRequestedAt;
    private Requeued requeued;
    private CommentThread comments;

    private Next(IssueSyncState s) {
      id = s.id;
      link = s.link;
      base = s.base;
      local = s.local;
      remote = s.remote;
      localProblem = s.localProblem;
      lastSyncAt = s.lastSyncAt;
      lastSyncError = s.lastSyncError;
      conflict = s.conflict;
      history = s.history;
      publishRepo = s.publishRepo;
      publishRequestedAt = s.publishRequestedAt;
      requeued = s.requeued;
      comments = s.comments;
    }

    /** No GitHub issue any more: nothing agreed, known or pending of the old one is kept. */
    private void forgetLink() {
      link = null;
      base = null;
      remote = null;
      lastSyncError = null;
      conflict = List.of();
      publishRepo = null;
      publishRequestedAt = null;
      requeued = null;
      comments = CommentThread.EMPTY;
    }

    /** Both sides hold {@code agreed}. */
    private void settled(IssueFields agreed, Instant at) {
      base = agreed;
      lastSyncAt = at;
      lastSyncError = null;
      conflict = List.of();
      requeued = null;
    }

    private void record(HistoryEntry entry) {
      List<HistoryEntry> newest = new ArrayList<>(HISTORY_LIMIT);
      newest.add(entry);
      newest.addAll(history.subList(0, Math.min(history.size(), HISTORY_LIMIT - 1)));
      history = newest;
    }

    private IssueSyncState build() {
      return new IssueSyncState(
          id,
          link,
          base,
          local,
          remote,
          localProblem,
          lastSyncAt,
          lastSyncError,
          conflict,
          history,
          publishRepo,
          publishRequestedAt,
          requeued,
          comments);
    }
  }
}
