package org.roadmapsync.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the service, validated and typed. Built by {@link SettingsLoader}.
 *
 * @param readOnly read both sides, write neither ({@code ROADMAP_SYNC_READ_ONLY}): to see the plan
 *     before anything is written
 * @param git the git-backed roadmap ({@code ROADMAP_GIT_REMOTE}); when present, {@code roadmapDir}
 *     is the roadmap path inside the service's clone and {@code ROADMAP_DIR} is ignored
 */
public record Settings(
    Path roadmapDir,
    Path dataDir,
    GitHub github,
    Http http,
    DatabaseSettings database,
    LogFormat logFormat,
    Mapping mapping,
    boolean readOnly,
    Optional<GitSettings> git,
    Optional<ClusterSettings> cluster) {

  /**
   * The same settings with {@code repo} as the default repository: with a git-backed roadmap, the
   * clone's {@code config.yaml} can name it only once the clone exists.
   */
  public Settings withGitHubRepo(RepoRef repo) {
    var g = github;
    return new Settings(
        roadmapDir,
        dataDir,
        new GitHub(
            g.token(),
            Optional.of(repo),
            g.apiUrl(),
            g.syncInterval(),
            g.autoSyncEnabled(),
            g.healthCheckInterval(),
            g.webhookSecrets(),
            g.conflictStrategy(),
            g.milestoneRepos(),
            g.retry(),
            g.requeue(),
            g.pacing(),
            g.pulls(),
            g.hookId(),
            g.hookIds(),
            g.autoImport(),
            g.commentDeletes(),
            g.app()),
        http,
        database,
        logFormat,
        mapping,
        readOnly,
        git,
        cluster);
  }

  /**
   * @param token {@code GITHUB_TOKEN}; empty with a GitHub App
   * @param app the GitHub App the service authenticates as ({@code ROADMAP_GITHUB_APP_*})
   */
  public record GitHub(
      Optional<Secret> token,
      Optional<RepoRef> repo,
      URI apiUrl,
      Duration syncInterval,
      boolean autoSyncEnabled,
      Duration healthCheckInterval,
      List<Secret> webhookSecrets,
      ConflictStrategy conflictStrategy,
      Map<String, RepoRef> milestoneRepos,
      Retry retry,
      Requeue requeue,
      Pacing pacing,
      PullRequests pulls,
      Optional<Long> hookId,
      Map<RepoRef, Long> hookIds,
      AutoImport autoImport,
      CommentDeletes commentDeletes,
      Optional<GitHubApp> app) {

    /** A personal token or a GitHub App (never both: the loader refuses that). */
    public boolean configured() {
      return token.isPresent() || app.isPresent();
    }

    /**
     * The webhook of {@code repo} whose deliveries are read after a gap: its {@code hook-ids}
     * entry, else {@code hook-id} when {@code repo} is the default repository; empty when neither
     * names one (the service then looks for the hook itself). Repository names compare as GitHub
     * does, ignoring case.
     */
    public Optional<Long> hookIdFor(RepoRef repo) {
      Optional<Long> listed =
          hookIds.entrySet().stream()
              .filter(e -> sameRepository(e.getKey(), repo))
              .map(Map.Entry::getValue)
              .findFirst();
      if (listed.isPresent()) {
        return listed;
      }
      return this.repo.filter(r -> sameRepository(r, repo)).flatMap(r -> hookId);
    }

    private static boolean sameRepository(RepoRef a, RepoRef b) {
      return a.toString().equalsIgnoreCase(b.toString());
    }
  }

  /** Where roadmap pull requests go ({@code baseBranch}) and how an approved one is merged. */
  public record PullRequests(String baseBranch, MergeMethod mergeMethod) {}

  /** GitHub's {@code merge_method}. */
  public enum MergeMethod {
    MERGE,
    SQUASH,
    REBASE;

    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Backoff of retried GitHub calls: {@code base * 2^(n-1)} capped at {@code max}; {@code attempts}
   * includes the first.
   */
  public record Retry(Duration base, Duration max, int attempts) {}

  /**
   * When an issue or pull request whose sync failed for a passing reason (5xx, timeout, rate limit)
   * is tried again on its own: {@code base * 2^(n-1)} after its n-th failure in a row, capped at
   * {@code max}, with jitter.
   */
  public record Requeue(Duration base, Duration max) {}

  /**
   * What the rate-limit governor allows: reads at once, the gap between writes, writes per minute
   * and hour. {@code timeScale}: every duration of the governor (spacing, the minute and the hour,
   * holds) divided by it, for a simulator whose clock runs that many times faster; 1 with GitHub.
   */
  public record Pacing(
      int readsInFlight,
      Duration writeSpacing,
      int writesPerMinute,
      int writesPerHour,
      Duration secondaryHoldCap,
      double timeScale) {

    public Pacing(
        int readsInFlight,
        Duration writeSpacing,
        int writesPerMinute,
        int writesPerHour,
        Duration secondaryHoldCap) {
      this(readsInFlight, writeSpacing, writesPerMinute, writesPerHour, secondaryHoldCap, 1);
    }
  }

  public record Http(String host, int port, Optional<Secret> adminToken) {}

  /** Label prefixes for status, priority and issue type, and the fields that sync (API names). */
  /**
   * @param issueTypes roadmap {@code issue_type} ({@code feature}, {@code bug}, {@code other}) →
   *     the name of the GitHub issue type it is in repositories whose owner has issue types; an
   *     empty name: no type
   */
  public record Mapping(
      String statusLabelPrefix,
      String priorityLabelPrefix,
      String typeLabelPrefix,
      List<String> fields,
      Map<String, String> issueTypes) {

    /** The roadmap tool's issue types, the keys of {@code issueTypes}. */
    public static final List<String> ISSUE_TYPE_NAMES = List.of("feature", "bug", "other");

    public Mapping {
      fields = List.copyOf(fields);
      issueTypes = Map.copyOf(issueTypes);
    }

    /** The label mapping only: issue types named as GitHub's defaults. */
    public Mapping(
        String statusLabelPrefix,
        String priorityLabelPrefix,
        String typeLabelPrefix,
        List<String> fields) {
      this(
          statusLabelPrefix,
          priorityLabelPrefix,
          typeLabelPrefix,
          fields,
          Map.of("feature", "Feature", "bug", "Bug", "other", ""));
    }

    public static final List<String> FIELD_NAMES =
        List.of(
            "title", "body", "labels", "milestone", "assignee", "status", "priority", "issueType");
  }
}
