package org.roadmapsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.roadmapsync.config.CommentDeletes;
import org.roadmapsync.config.ConflictStrategy;

/**
 * What every issue entity works with: the two sides, the conflict strategy, where an issue's GitHub
 * repository is (by its fields: the milestone may route it), where it reports its sync latency, the
 * index it announces its link to, when and by whom it is woken to try a failed round again, and how
 * long a round may take before the watchdog ends it, and where a new entity finds the issue it
 * adopted without being started ({@link IssueSeeds}).
 */
public record SyncContext(
    GitHubPort github,
    RoadmapPort roadmap,
    ConflictStrategy strategy,
    Function<IssueFields, Optional<String>> repoFor,
    Clock clock,
    SyncMetrics metrics,
    LinkIndex links,
    Requeue requeue,
    Duration roundLimit,
    CommentDeletes commentDeletes,
    IssueSeeds seeds) {

  /**
   * Longer than anything a healthy round can wait for: a primary-limit hold of the governor lasts
   * until GitHub's hourly reset, a secondary one up to 15 minutes, and the operation queue's
   * retries a few minutes more. Only a round that lost its answer runs this long.
   */
  public static final Duration ROUND_LIMIT = Duration.ofHours(2);

  /** With an index of its own (nobody else reads the links) and nobody to wake it for retries. */
  public SyncContext(
      GitHubPort github,
      RoadmapPort roadmap,
      ConflictStrategy strategy,
      Function<IssueFields, Optional<String>> repoFor,
      Clock clock,
      SyncMetrics metrics) {
    this(
        github,
        roadmap,
        strategy,
        repoFor,
        clock,
        metrics,
        new LinkIndex(),
        Requeue.NEVER,
        ROUND_LIMIT,
        CommentDeletes.KEEP,
        IssueSeeds.NONE);
  }

  /** Every issue in one repository (or none configured). */
  public SyncContext(
      GitHubPort github,
      RoadmapPort roadmap,
      ConflictStrategy strategy,
      Optional<String> repo,
      Clock clock,
      SyncMetrics metrics) {
    this(github, roadmap, strategy, fields -> repo, clock, metrics);
  }

  /** One repository, without metrics (tests, and callers that do not measure). */
  public SyncContext(
      GitHubPort github,
      RoadmapPort roadmap,
      ConflictStrategy strategy,
      Optional<String> repo,
      Clock clock) {
    this(github, roadmap, strategy, fields -> repo, clock, SyncMetrics.NONE);
  }

  public SyncContext withRequeue(Requeue other) {
    return new SyncContext(
        github,
        roadmap,
        strategy,
        repoFor,
        clock,
        metrics,
        links,
        other,
        roundLimit,
        commentDeletes,
        seeds);
  }

  public SyncContext withLinks(LinkIndex other) {
    return new SyncContext(
        github,
        roadmap,
        strategy,
        repoFor,
        clock,
        metrics,
        other,
        requeue,
        roundLimit,
        commentDeletes,
        seeds);
  }

  public SyncContext withRoundLimit(Duration other) {
    return new SyncContext(
        github,
        roadmap,
        strategy,
        repoFor,
        clock,
        metrics,
        links,
        requeue,
        other,
        commentDeletes,
        seeds);
  }

  public SyncContext withCommentDeletes(CommentDeletes other) {
    return new SyncContext(
        github,
        roadmap,
        strategy,
        repoFor,
        clock,
        metrics,
        links,
        requeue,
        roundLimit,
        other,
        seeds);
  }

  public SyncContext withSeeds(IssueSeeds other) {
    return new SyncContext(
        github,
        roadmap,
        strategy,
        repoFor,
        clock,
        metrics,
        links,
        requeue,
        roundLimit,
        commentDeletes,
        other);
  }
}
