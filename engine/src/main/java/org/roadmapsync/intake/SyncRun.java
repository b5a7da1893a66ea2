package org.roadmapsync.intake;

import java.time.Instant;

/**
 * One poll run of one repository and the entity work it hands out: the listing (every page), then
 * one observation per changed linked issue, each counted done when its entity has recorded it (the
 * entity then pulls or pushes on its own) or failed when it did not answer. Not thread-safe: owned
 * by one poller.
 */
public final class SyncRun {

  /** What {@code GET /api/sync} shows of a run. */
  public record Progress(
      String repo,
      String state,
      int total,
      int done,
      int failed,
      Instant startedAt,
      Instant finishedAt,
      String error) {

    public static Progress neverRun(String repo) {
      return new Progress(repo, NEVER_RUN, 0, 0, 0, null, null, null);
    }
  }

  public static final String NEVER_RUN = "never_run";
  public static final String LISTING = "listing";
  public static final String DISPATCHING = "dispatching";
  public static final String FINISHED = "finished";
  public static final String FAILED = "failed";

  private final String repo;
  private final Instant startedAt;
  private String state = LISTING;
  private int total;
  private int done;
  private int failed;
  private Instant finishedAt;
  private String error;
  private int loggedTenths;

  public SyncRun(String repo, Instant startedAt) {
    this.repo = repo;
    this.startedAt = startedAt;
  }

  public void dispatching(int issues) {
    state = DISPATCHING;
    total = issues;
  }

  /**
   * Counts one entity's answer; true when this answer crossed another tenth of the run (for the
   * progress log).
   */
  public boolean answered(boolean ok) {
    if (ok) {
      done++;
    } else {
      failed++;
    }
    int tenths = total == 0 ? 10 : (done + failed) * 10 / total;
    boolean crossed = tenths > loggedTenths;
    loggedTenths = Math.max(loggedTenths, tenths);
    return crossed;
  }

  public boolean complete() {
    return done + failed >= total;
  }

  public void finish(Instant at) {
    state = failed == 0 ? FINISHED : FAILED;
    if (failed > 0) {
      error = failed + " of " + total + " issues did not take the change";
    }
    finishedAt = at;
  }

  public void fail(String why, Instant at) {
    state = FAILED;
    error = why;
    finishedAt = at;
  }

  public boolean running() {
    return finishedAt == null;
  }

  public int failedCount() {
    return failed;
  }

  public int percent() {
    return total == 0 ? 100 : (done + failed) * 100 / total;
  }

  public Progress progress() {
    return new Progress(repo, state, total, done, failed, startedAt, finishedAt, error);
  }
}
