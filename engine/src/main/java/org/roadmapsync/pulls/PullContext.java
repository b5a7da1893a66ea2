package org.roadmapsync.pulls;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.roadmapsync.sync.Requeue;
import org.roadmapsync.sync.Trigger;

/**
 * What every pull-request lifecycle works with: GitHub (through the operation queue), the roadmap
 * issue entities (for history and status), the index it announces its pull request to, the base
 * branch and merge method, the clock, when and by whom it is woken to try a failed step again, and
 * how long a step may take before the watchdog ends it.
 */
public record PullContext(
    PullRequestPort github,
    IssueActivity issues,
    PullRequestIndex index,
    String baseBranch,
    String mergeMethod,
    Clock clock,
    Requeue requeue,
    Duration roundLimit) {

  /**
   * Tells a roadmap issue what its pull request did; with a {@code status}, the issue's file takes
   * it.
   */
  public interface IssueActivity {
    CompletionStage<Done> record(String issueId, String note, String status, Trigger trigger);
  }
}
