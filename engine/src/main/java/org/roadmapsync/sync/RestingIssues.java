package org.roadmapsync.sync;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
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
  private final LinkDirectory directory;

  /**
   * {@code directory} learns what the resting entities saw of GitHub, for the first listings; new
   * issues both sides agree on are adopted through {@code sync}'s seeds.
   */
  public RestingIssues(IssueSyncRows rows, SyncContext sync, LinkDirectory directory) {
    this.rows = rows;
    this.sync = sync;
    this.directory = directory;
  }

  /** A file at the start-up load, and the GitHub issue it names as the first listing showed it. */
  public record FirstSight(LocalSnapshot local, RemoteSnapshot listed) {}

  /**
   * Adopts, without starting their entities, the new issues among {@code seen} (by id) whose file
   * and GitHub issue agree and whose entity would rest right after adopting: nothing to write, no
   * comment to carry, no pull request to drive (no branch). The ids adopted; a failure adopts none,
   * and every issue is then handed over as usual.
   */
  public CompletionStage<Set<String>> adoptAsleep(Map<String, FirstSight> seen) {
    Map<String, IssueSyncEntity.Adopted> restful = new HashMap<>();
    seen.forEach(
        (id, sight) -> {
          if (sight.listed() == null
              || sight.local().branch() != null
              || !IssueSyncEntity.agree(sight.local(), sight.listed())) {
            return;
          }
          var adopted =
              new IssueSyncEntity.Adopted(
                  sight.local(), sight.listed().link(), sight.listed(), sync.clock().instant());
          IssueSyncState state = IssueSyncState.empty(id).apply(adopted);
          if (IssueSyncEntity.rests(state, sight.local().contentHash(), sync)) {
            restful.put(id, adopted);
          }
        });
    // asked even with none: a planting also ends the entities' roll call (IssueSeedRows)
    return sync.seeds()
        .plant(restful)
        .thenApply(
            planted -> {
              Map<String, RemoteSnapshot> remotes = new HashMap<>();
              planted.forEach(id -> remotes.put(id, restful.get(id).remote()));
              directory.seenAtStart(remotes);
              return planted;
            });
  }

  /**
   * The rows the start-up load judges on, read while the roadmap loads (over 100,000 issues that is
   * seconds of reading and parsing). An entity that journals meanwhile (woken by a change the
   * watcher reported, which it is told of in any case) may be ahead of its row: the load then hands
   * it a file it knows, a no-op, or does not hand it the file its row shows, which it knows.
   */
  public CompletionStage<Map<String, IssueSyncState>> readRows() {
    return rows.statesInStepWithTheJournal();
  }

  /**
   * The ids among {@code issues} (as their files are now) whose entities rest, by the rows {@link
   * #readRows} read.
   */
  public CompletionStage<Set<String>> among(
      CompletionStage<Map<String, IssueSyncState>> read, List<RoadmapIssue> issues) {
    return read.thenApply(
        states -> {
          Map<String, RemoteSnapshot> remotes = new HashMap<>();
          Set<String> resting = new HashSet<>();
          for (RoadmapIssue issue : issues) {
            IssueSyncState state = states.get(issue.id());
            if (state != null && IssueSyncEntity.rests(state, issue.contentHash(), sync)) {
              resting.add(issue.id());
              if (state.remote() != null) {
                remotes.put(issue.id(), state.remote());
              }
            }
          }
          directory.seenAtStart(remotes);
          return resting;
        });
  }
}
