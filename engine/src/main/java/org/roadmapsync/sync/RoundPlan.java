package org.roadmapsync.sync;

import java.util.List;
import java.util.Set;

/**
 * What a sync round does once it has both sides: a pure decision on the merge of the file with
 * GitHub's issue, which {@link IssueSyncEntity} carries out (as {@code PullRequestPlan} is for the
 * pull-request lifecycle).
 */
final class RoundPlan {

  private RoundPlan() {}

  sealed interface Step {}

  /**
   * GitHub's copy came with a webhook or poll and the round would write to it or call a conflict:
   * read it first.
   */
  record ReadGitHubFirst() implements Step {}

  /**
   * Fields changed on both sides wait for a decision; {@code news}: not the conflict already
   * recorded.
   */
  record Conflict(List<FieldConflict> fields, boolean news) implements Step {}

  /** Write {@code push} to GitHub, then {@code pull} (perhaps none) to the file. */
  record Push(IssueFields merged, Set<SyncField> push, Set<SyncField> pull) implements Step {}

  record Pull(IssueFields merged, Set<SyncField> pull) implements Step {}

  /**
   * Both sides hold {@code merged} already, which is not yet the base (or an error or conflict is
   * to be cleared).
   */
  record Settle(IssueFields merged) implements Step {}

  record Nothing() implements Step {}

  /**
   * @param fresh GitHub's side was just read, not brought by a webhook or poll
   */
  static Step next(IssueSyncState state, MergeOutcome outcome, boolean fresh) {
    Set<SyncField> push = outcome.toPush(state.remote().fields());
    if (!fresh && (outcome.conflicted() || !push.isEmpty())) {
      // No blind writes, and no conflict from a stale copy: GitHub's current state first (a
      // conditional GET).
      return new ReadGitHubFirst();
    }
    if (outcome.conflicted()) {
      return new Conflict(outcome.unresolved(), !outcome.unresolved().equals(state.conflict()));
    }
    Set<SyncField> pull = outcome.toPull(state.local().fields());
    if (!push.isEmpty()) {
      return new Push(outcome.merged(), push, pull);
    }
    if (!pull.isEmpty()) {
      return new Pull(outcome.merged(), pull);
    }
    if (!outcome.merged().equals(state.base())
        || state.lastSyncError() != null
        || !state.conflict().isEmpty()) {
      return new Settle(outcome.merged());
    }
    return new Nothing();
  }
}
