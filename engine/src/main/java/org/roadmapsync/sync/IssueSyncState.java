package org.roadmapsync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    Instant publishRequestedAt)
    implements CborSerializable {

  public static final int HISTORY_LIMIT = 100;

  public IssueSyncState {
    conflict = conflict == null ? List.of() : List.copyOf(conflict);
    history = history == null ? List.of() : List.copyOf(history);
  }

  public static IssueSyncState empty(String id) {
    return new IssueSyncState(
        id, null, null, null, null, null, null, null, List.of(), List.of(), null, null);
  }

  public String title() {
    return local == null ? null : local.fields().title();
  }

  public SyncStatus status() {
    if (localProblem != null || lastSyncError != null) {
      return SyncStatus.ERROR;
    }
    if (!conflict.isEmpty()) {
      return SyncStatus.CONFLICT;
    }
    if (link == null) {
      return publishRequestedAt != null ? SyncStatus.PENDING : SyncStatus.UNLINKED;
    }
    return needsSync() ? SyncStatus.PENDING : SyncStatus.SYNCED;
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
      return withLocal(e.local(), null);
    } else if (event instanceof IssueSyncEntity.LocalProblemObserved e) {
      return withLocal(local, e.problem());
    } else if (event instanceof IssueSyncEntity.RemoteObserved e) {
      return withRemote(e.remote());
    } else if (event instanceof IssueSyncEntity.Linked e) {
      return new IssueSyncState(
          id,
          e.link(),
          null,
          local,
          null,
          localProblem,
          lastSyncAt,
          null,
          List.of(),
          history,
          null,
          null);
    } else if (event instanceof IssueSyncEntity.Unlinked) {
      return new IssueSyncState(
          id,
          null,
          null,
          local,
          null,
          localProblem,
          lastSyncAt,
          null,
          List.of(),
          history,
          null,
          null);
    } else if (event instanceof IssueSyncEntity.PublishRequested e) {
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
          e.repo(),
          e.at());
    } else if (event instanceof IssueSyncEntity.Published e) {
      return new IssueSyncState(
          id,
          e.remote().link(),
          e.remote().fields(),
          local,
          e.remote(),
          localProblem,
          e.at(),
          null,
          List.of(),
          history,
          null,
          null);
    } else if (event instanceof IssueSyncEntity.Pushed e) {
      return withRemote(e.remote()).withHistory(e.entry());
    } else if (event instanceof IssueSyncEntity.Pulled e) {
      return withLocal(e.local(), null).withHistory(e.entry());
    } else if (event instanceof IssueSyncEntity.Synced e) {
      return new IssueSyncState(
          id,
          link,
          e.base(),
          local,
          remote,
          localProblem,
          e.at(),
          null,
          List.of(),
          history,
          publishRepo,
          publishRequestedAt);
    } else if (event instanceof IssueSyncEntity.ConflictDetected e) {
      return new IssueSyncState(
          id,
          link,
          base,
          local,
          remote,
          localProblem,
          lastSyncAt,
          null,
          e.conflict(),
          history,
          publishRepo,
          publishRequestedAt);
    } else if (event instanceof IssueSyncEntity.ConflictResolved e) {
      return new IssueSyncState(
          id,
          link,
          e.base(),
          local,
          remote,
          localProblem,
          lastSyncAt,
          null,
          List.of(),
          history,
          publishRepo,
          publishRequestedAt);
    } else if (event instanceof IssueSyncEntity.PullRequestActivity e) {
      return (e.local() == null ? this : withLocal(e.local(), null)).withHistory(e.entry());
    } else if (event instanceof IssueSyncEntity.SyncFailed e) {
      return new IssueSyncState(
          id,
          link,
          base,
          local,
          remote,
          localProblem,
          lastSyncAt,
          e.error(),
          conflict,
          history,
          publishRepo,
          publishRequestedAt);
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

  private IssueSyncState withLocal(LocalSnapshot newLocal, String problem) {
    return new IssueSyncState(
        id,
        link,
        base,
        newLocal,
        remote,
        problem,
        lastSyncAt,
        lastSyncError,
        conflict,
        history,
        publishRepo,
        publishRequestedAt);
  }

  private IssueSyncState withRemote(RemoteSnapshot newRemote) {
    return new IssueSyncState(
        id,
        link,
        base,
        local,
        newRemote,
        localProblem,
        lastSyncAt,
        lastSyncError,
        conflict,
        history,
        publishRepo,
        publishRequestedAt);
  }

  private IssueSyncState withHistory(HistoryEntry entry) {
    List<HistoryEntry> newest = new ArrayList<>(HISTORY_LIMIT);
    newest.add(entry);
    newest.addAll(history.subList(0, Math.min(history.size(), HISTORY_LIMIT - 1)));
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
        newest,
        publishRepo,
        publishRequestedAt);
  }
}
