package org.roadmapsync.onboarding;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The progress of one repository's imports, in the form of {@code GET /api/sync}: the run of the
 * issues asked for by {@code POST /api/import} ({@code state}, {@code total}, {@code done}, {@code
 * failed}, {@code startedAt}, {@code finishedAt}), what became of each, and the continuous import's
 * counts. Kept by its {@link RepositoryImporter} only.
 */
public final class ImportRun {

  static final int RECENT = 50;

  /** What became of one GitHub issue. */
  public record Outcome(long githubIssue, String result, String id, String file, String reason) {}

  /** Counts of the issues the intake offered ({@code ROADMAP_GITHUB_AUTO_IMPORT}). */
  public record Continuous(int created, int skipped, int failed, Instant lastCreatedAt) {}

  /**
   * {@code GET /api/import}, per repository; {@code done} counts the issues imported or skipped,
   * {@code failed} the others. {@code state}: {@code never-run}, {@code running}, {@code finished}
   * or {@code failed} (stopped early: {@code error} says why).
   */
  public record Progress(
      String repo,
      String state,
      int total,
      int done,
      int created,
      int skipped,
      int failed,
      Instant startedAt,
      Instant finishedAt,
      String error,
      List<Outcome> recent,
      Continuous continuous) {}

  private final String repo;
  private String state = "never-run";
  private int total;
  private int created;
  private int skipped;
  private int failed;
  private Instant startedAt;
  private Instant finishedAt;
  private String error;
  private final Deque<Outcome> recent = new ArrayDeque<>();
  private int autoCreated;
  private int autoSkipped;
  private int autoFailed;
  private Instant lastAutoCreatedAt;

  ImportRun(String repo) {
    this.repo = repo;
  }

  /** More issues asked for: a new run, or more for the one under way. */
  void asked(int issues, Instant now) {
    if (!running()) {
      state = "running";
      total = 0;
      created = 0;
      skipped = 0;
      failed = 0;
      startedAt = now;
      finishedAt = null;
      error = null;
    }
    total += issues;
  }

  boolean running() {
    return state.equals("running");
  }

  void record(Outcome outcome, boolean asked, Instant now) {
    recent.addFirst(outcome);
    while (recent.size() > RECENT) {
      recent.removeLast();
    }
    switch (outcome.result()) {
      case "created" -> {
        if (asked) {
          created++;
        } else {
          autoCreated++;
          lastAutoCreatedAt = now;
        }
      }
      case "skipped" -> {
        if (asked) {
          skipped++;
        } else {
          autoSkipped++;
        }
      }
      default -> {
        if (asked) {
          failed++;
        } else {
          autoFailed++;
        }
      }
    }
    if (asked && running() && created + skipped + failed >= total) {
      state = "finished";
      finishedAt = now;
    }
  }

  /** The run stops early: what is left of it is counted failed. */
  void stop(String why, Instant now) {
    if (running()) {
      failed = total - created - skipped;
      state = "failed";
      error = why;
      finishedAt = now;
    }
  }

  Progress progress() {
    return new Progress(
        repo,
        state,
        total,
        created + skipped,
        created,
        skipped,
        failed,
        startedAt,
        finishedAt,
        error,
        List.copyOf(recent),
        new Continuous(autoCreated, autoSkipped, autoFailed, lastAutoCreatedAt));
  }
}
