package org.roadmapsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link Settings} with the precedence environment &gt; HOCON file (application.conf or
 * -Dconfig.file) &gt; {@code .roadmap/config.yaml} &gt; reference.conf defaults, and validates all
 * of it at once so the user sees every problem in one run.
 */
public final class SettingsLoader {

  /** Environment variable → HOCON key it overrides. */
  static final Map<String, String> ENVIRONMENT_KEYS =
      Map.ofEntries(
          Map.entry("ROADMAP_DIR", "roadmap-sync.roadmap-dir"),
          Map.entry("ROADMAP_SYNC_DATA_DIR", "roadmap-sync.data-dir"),
          Map.entry("GITHUB_TOKEN", "roadmap-sync.github.token"),
          Map.entry("ROADMAP_GITHUB_APP_ID", "roadmap-sync.github.app.id"),
          Map.entry("ROADMAP_GITHUB_APP_PRIVATE_KEY", "roadmap-sync.github.app.private-key"),
          Map.entry(
              "ROADMAP_GITHUB_APP_INSTALLATION_ID", "roadmap-sync.github.app.installation-id"),
          Map.entry("ROADMAP_GITHUB_REPO", "roadmap-sync.github.repo"),
          Map.entry("ROADMAP_GITHUB_API_URL", "roadmap-sync.github.api-url"),
          Map.entry(
              "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES", "roadmap-sync.github.sync-interval-minutes"),
          Map.entry("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "roadmap-sync.github.auto-sync-enabled"),
          Map.entry(
              "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES", "roadmap-sync.github.health-check-minutes"),
          Map.entry("GITHUB_WEBHOOK_SECRET", "roadmap-sync.github.webhook-secret"),
          Map.entry("ROADMAP_GITHUB_HOOK_ID", "roadmap-sync.github.hook-id"),
          Map.entry("ROADMAP_GITHUB_CONFLICT_STRATEGY", "roadmap-sync.github.conflict-strategy"),
          Map.entry("ROADMAP_GITHUB_AUTO_IMPORT", "roadmap-sync.github.auto-import"),
          Map.entry("ROADMAP_GITHUB_COMMENT_DELETES", "roadmap-sync.github.comment-deletes"),
          Map.entry(
              "ROADMAP_GITHUB_PR_BASE_BRANCH", "roadmap-sync.github.pull-requests.base-branch"),
          Map.entry(
              "ROADMAP_GITHUB_PR_MERGE_METHOD", "roadmap-sync.github.pull-requests.merge-method"),
          Map.entry("ROADMAP_SYNC_HTTP_HOST", "roadmap-sync.http.host"),
          Map.entry("ROADMAP_SYNC_HTTP_PORT", "roadmap-sync.http.port"),
          Map.entry("ROADMAP_SYNC_ADMIN_TOKEN", "roadmap-sync.http.admin-token"),
          Map.entry("ROADMAP_SYNC_DB_URL", "roadmap-sync.db.url"),
          Map.entry("ROADMAP_SYNC_DB_USER", "roadmap-sync.db.user"),
          Map.entry("ROADMAP_SYNC_DB_PASSWORD", "roadmap-sync.db.password"),
          Map.entry("ROADMAP_SYNC_LOG_FORMAT", "roadmap-sync.log-format"),
          Map.entry("ROADMAP_SYNC_READ_ONLY", "roadmap-sync.read-only"),
          Map.entry("ROADMAP_GIT_REMOTE", "roadmap-sync.git.remote"),
          Map.entry("ROADMAP_GIT_BRANCH", "roadmap-sync.git.branch"),
          Map.entry("ROADMAP_GIT_PATH", "roadmap-sync.git.path"),
          Map.entry("ROADMAP_GIT_AUTHOR_NAME", "roadmap-sync.git.author-name"),
          Map.entry("ROADMAP_GIT_AUTHOR_EMAIL", "roadmap-sync.git.author-email"),
          Map.entry("ROADMAP_SYNC_CLUSTER_HOST", "roadmap-sync.cluster.host"),
          Map.entry("ROADMAP_SYNC_CLUSTER_PORT", "roadmap-sync.cluster.port"),
          Map.entry("ROADMAP_SYNC_CLUSTER_SEED_NODES", "roadmap-sync.cluster.seed-nodes"));

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();
  private final HoconSections sections;

  private SettingsLoader(Map<String, String> env, Config hocon) {
    this.env = env;
    this.sections = new HoconSections(hocon, problems);
  }

  /** The process's own environment and HOCON files. */
  public static Settings load() {
    return load(System.getenv(), ConfigFactory.load());
  }

  /**
   * @throws InvalidSettingsException listing every problem found, one line each
   */
  public static Settings load(Map<String, String> env, Config hocon) {
    return new SettingsLoader(env, hocon.withFallback(ConfigFactory.defaultReference())).build();
  }

  /**
   * The default repository {@code config.yaml} of this roadmap folder names, if any: read again
   * once a git-backed roadmap's clone exists (it did not when the settings were loaded).
   */
  public static Optional<RepoRef> repoOfRoadmap(Path roadmapDir) {
    try {
      return RoadmapConfigFile.githubRepo(roadmapDir).flatMap(RepoRef::tryParse);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Settings build() {
    Path dataDir = dataDir(raw("ROADMAP_SYNC_DATA_DIR"));
    Optional<GitSettings> git = new GitSettingsReader(this::raw, problems).read(dataDir);
    // With a git remote the roadmap folder is the service's clone's: ROADMAP_DIR is ignored.
    Path roadmapDir = git.isPresent() ? git.get().roadmapDir() : roadmapDir(raw("ROADMAP_DIR"));
    Optional<Secret> token = secret(raw("GITHUB_TOKEN"));
    Optional<GitHubApp> app =
        new GitHubAppSettingsReader(this::raw, problems).read(token.isPresent());
    var github =
        new Settings.GitHub(
            token,
            repo(roadmapDir),
            apiUrl(raw("ROADMAP_GITHUB_API_URL")),
            positiveMinutes(raw("ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES")),
            bool(raw("ROADMAP_GITHUB_AUTO_SYNC_ENABLED")),
            positiveMinutes(raw("ROADMAP_GITHUB_HEALTH_CHECK_MINUTES")),
            secrets(raw("GITHUB_WEBHOOK_SECRET")),
            conflictStrategy(raw("ROADMAP_GITHUB_CONFLICT_STRATEGY")),
            sections.milestoneRepos(),
            sections.retry(),
            sections.requeue(),
            sections.pacing(),
            new Settings.PullRequests(
                baseBranch(raw("ROADMAP_GITHUB_PR_BASE_BRANCH")),
                mergeMethod(raw("ROADMAP_GITHUB_PR_MERGE_METHOD"))),
            hookId(raw("ROADMAP_GITHUB_HOOK_ID")),
            sections.hookIds(),
            autoImport(raw("ROADMAP_GITHUB_AUTO_IMPORT")),
            commentDeletes(raw("ROADMAP_GITHUB_COMMENT_DELETES")),
            app);
    var http =
        new Settings.Http(
            host(raw("ROADMAP_SYNC_HTTP_HOST")),
            raw("ROADMAP_SYNC_HTTP_PORT").port(0, problems),
            secret(raw("ROADMAP_SYNC_ADMIN_TOKEN")));
    var database = database(dataDir);
    var logFormat = logFormat(raw("ROADMAP_SYNC_LOG_FORMAT"));
    var mapping = sections.mapping(Optional.ofNullable(env.get("ROADMAP_GITHUB_ISSUE_TYPES")));
    boolean readOnly = bool(raw("ROADMAP_SYNC_READ_ONLY"));
    Optional<ClusterSettings> cluster =
        new ClusterSettingsReader(this::raw, problems).read(database, git.isPresent());
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    return new Settings(
        roadmapDir, dataDir, github, http, database, logFormat, mapping, readOnly, git, cluster);
  }

  private RawSetting raw(String variable) {
    String value = env.get(variable);
    if (value != null) {
      return new RawSetting(variable, value);
    }
    return sections.raw(ENVIRONMENT_KEYS.get(variable));
  }

  private Optional<Path> path(RawSetting raw) {
    try {
      if (raw.isBlank()) {
        problems.add(raw.problem("a folder path"));
        return Optional.empty();
      }
      return Optional.of(Path.of(raw.value()).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      problems.add(raw.problem("a folder path (" + e.getReason() + ")"));
      return Optional.empty();
    }
  }

  private Path roadmapDir(RawSetting raw) {
    Path dir = path(raw).orElse(null);
    // A missing folder is fine (nothing to sync yet, health says so); one we cannot read is not.
    if (dir != null && Files.exists(dir) && !(Files.isDirectory(dir) && Files.isReadable(dir))) {
      problems.add(raw.problem("a readable folder"));
    }
    return dir;
  }

  private Path dataDir(RawSetting raw) {
    Path dir = path(raw).orElse(null);
    if (dir != null && Files.exists(dir) && !(Files.isDirectory(dir) && Files.isWritable(dir))) {
      problems.add(raw.problem("a writable folder (it is created when missing)"));
    }
    return dir;
  }

  private Optional<RepoRef> repo(Path roadmapDir) {
    RawSetting raw = raw("ROADMAP_GITHUB_REPO");
    if (raw.isBlank() && roadmapDir != null) {
      try {
        Optional<String> fromFile = RoadmapConfigFile.githubRepo(roadmapDir);
        if (fromFile.isEmpty()) {
          return Optional.empty();
        }
        raw =
            new RawSetting(
                roadmapDir.resolve("config.yaml") + " (github.owner/github.repo)", fromFile.get());
      } catch (IOException e) {
        problems.add(
            raw.name()
                + ": not set, and "
                + roadmapDir.resolve("config.yaml")
                + " cannot be read ("
                + e.getMessage().lines().findFirst().orElse("")
                + ");"
                + " expected owner/name here or a valid config.yaml");
        return Optional.empty();
      }
    }
    if (raw.isBlank()) {
      return Optional.empty();
    }
    Optional<RepoRef> repo = RepoRef.tryParse(raw.value());
    if (repo.isEmpty()) {
      problems.add(raw.problem("owner/name, e.g. octo-org/roadmap"));
    }
    return repo;
  }

  private URI apiUrl(RawSetting raw) {
    try {
      URI uri = new URI(raw.value().trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, like any other unusable URL
    }
    problems.add(raw.problem("an http:// or https:// URL such as https://api.github.com"));
    return null;
  }

  private Duration positiveMinutes(RawSetting raw) {
    try {
      BigDecimal minutes = new BigDecimal(raw.value().trim());
      long millis = minutes.multiply(BigDecimal.valueOf(60_000)).longValueExact();
      if (millis > 0) {
        return Duration.ofMillis(millis);
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // reported below
    }
    problems.add(raw.problem("a positive number of minutes, decimals allowed (0.1 = 6 s)"));
    return null;
  }

  private boolean bool(RawSetting raw) {
    return switch (raw.value().trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problems.add(raw.problem("true or false"));
        yield false;
      }
    };
  }

  private ConflictStrategy conflictStrategy(RawSetting raw) {
    return ConflictStrategy.fromConfigName(raw.value().trim())
        .orElseGet(
            () -> {
              problems.add(
                  raw.problem(
                      "one of "
                          + String.join(
                              ", ",
                              Arrays.stream(ConflictStrategy.values())
                                  .map(ConflictStrategy::configName)
                                  .toList())));
              return null;
            });
  }

  private String baseBranch(RawSetting raw) {
    String branch = raw.value().trim();
    if (!isBranchName(branch)) {
      problems.add(raw.problem("a branch name such as main"));
    }
    return branch;
  }

  /**
   * git's ref rules, the parts a typo is likely to break: no spaces, no "..", no leading or
   * trailing slash.
   */
  static boolean isBranchName(String branch) {
    return !branch.isEmpty()
        && branch.matches("[A-Za-z0-9._/-]+")
        && !branch.contains("..")
        && !branch.startsWith("/")
        && !branch.endsWith("/");
  }

  private Settings.MergeMethod mergeMethod(RawSetting raw) {
    String value = raw.value().trim();
    return Arrays.stream(Settings.MergeMethod.values())
        .filter(m -> m.apiName().equals(value))
        .findFirst()
        .orElseGet(
            () -> {
              problems.add(raw.problem("one of merge, squash, rebase"));
              return null;
            });
  }

  private Optional<Long> hookId(RawSetting raw) {
    if (raw.isBlank()) {
      return Optional.empty();
    }
    Optional<Long> id = HoconSections.positiveWholeNumber(raw.value());
    if (id.isEmpty()) {
      problems.add(raw.problem(HoconSections.HOOK_ID_ACCEPTED));
    }
    return id;
  }

  private AutoImport autoImport(RawSetting raw) {
    return AutoImport.parse(raw.value())
        .orElseGet(
            () -> {
              problems.add(raw.problem("off, all or label:NAME (a GitHub label)"));
              return AutoImport.OFF;
            });
  }

  private CommentDeletes commentDeletes(RawSetting raw) {
    return CommentDeletes.parse(raw.value())
        .orElseGet(
            () -> {
              problems.add(raw.problem("keep or mirror"));
              return CommentDeletes.KEEP;
            });
  }

  private String host(RawSetting raw) {
    if (raw.isBlank() || raw.value().trim().contains(" ")) {
      problems.add(raw.problem("a host name or IP address such as 127.0.0.1"));
    }
    return raw.value().trim();
  }

  private Optional<Secret> secret(RawSetting raw) {
    return raw.isBlank() ? Optional.empty() : Optional.of(new Secret(raw.value().trim()));
  }

  private List<Secret> secrets(RawSetting raw) {
    return Arrays.stream(raw.value().split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(Secret::new)
        .toList();
  }

  private DatabaseSettings database(Path dataDir) {
    RawSetting url = raw("ROADMAP_SYNC_DB_URL");
    if (url.isBlank()) {
      return dataDir == null ? null : DatabaseSettings.embeddedH2(dataDir);
    }
    String value = url.value().trim();
    DatabaseSettings.Kind kind;
    if (value.startsWith("jdbc:h2:")) {
      kind = DatabaseSettings.Kind.H2;
    } else if (value.startsWith("jdbc:postgresql:")) {
      kind = DatabaseSettings.Kind.POSTGRESQL;
    } else {
      // A DB URL may carry a password: name the variable, never echo it.
      problems.add(url.secretProblem("a jdbc:h2: or jdbc:postgresql: URL"));
      return null;
    }
    return new DatabaseSettings(
        kind,
        value,
        raw("ROADMAP_SYNC_DB_USER").value().trim(),
        secret(raw("ROADMAP_SYNC_DB_PASSWORD")));
  }

  private LogFormat logFormat(RawSetting raw) {
    return switch (raw.value().trim().toLowerCase(Locale.ROOT)) {
      case "text" -> LogFormat.TEXT;
      case "json" -> LogFormat.JSON;
      default -> {
        problems.add(raw.problem("text or json"));
        yield LogFormat.TEXT;
      }
    };
  }
}
