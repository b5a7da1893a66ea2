package org.roadmapsync.sync;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.roadmapsync.roadmap.RoadmapIssue;

/**
 * Which roadmap issues the start-up load need not hand to their entities: those whose entity would
 * do nothing if woken ({@link IssueSyncEntity#rests}), judged on the read table's row only when
 * that row folded every event the entity journaled, so it is exactly the state the entity would
 * recover to. A restart over many synced issues then recovers none of them; each wakes when news
 * reaches it (a webhook, a poll, an edit of its file), as a passivated entity does.
 */
public final class RestingIssues {

  private final IssueSyncRows rows;
  private final SyncContext sync;

  public RestingIssues(IssueSyncRows rows, SyncContext sync) {
    this.rows = rows;
    this.sync = sync;
  }

  /** The ids among {@code issues} (as their files are now) whose entities rest. */
  public CompletionStage<Set<String>> among(List<RoadmapIssue> issues) {
    return rows.statesInStepWithTheJournal()
        .thenApply(
            states ->
                issues.stream()
                    .filter(
                        issue -> {
                          IssueSyncState state = states.get(issue.id());
                          return state != null
                              && IssueSyncEntity.rests(state, issue.contentHash(), sync);
                        })
                    .map(RoadmapIssue::id)
                    .collect(Collectors.toSet()));
  }
}
