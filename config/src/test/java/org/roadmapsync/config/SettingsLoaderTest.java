package org.roadmapsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {

  @TempDir Path dir;

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("ROADMAP_DIR", dir.resolve(".roadmap").toString());
    env.put("ROADMAP_SYNC_DATA_DIR", dir.resolve(".roadmap-sync").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static Config hocon(String text) {
    return ConfigFactory.parseString(text);
  }

  private void writeRoadmapConfig(String owner, String repo) throws IOException {
    Files.createDirectories(dir.resolve(".roadmap"));
    Files.writeString(
        dir.resolve(".roadmap/config.yaml"),
        "github:\n  owner: " + owner + "\n  repo: " + repo + "\n  enabled: true\n");
  }

  @Test
  void defaultsMatchTheContract() {
    Settings s = SettingsLoader.load(env(), ConfigFactory.empty());
    assertEquals(dir.resolve(".roadmap"), s.roadmapDir());
    assertEquals("https://api.github.com", s.github().apiUrl().toString());
    assertEquals(Duration.ofMinutes(30), s.github().syncInterval());
    assertEquals(Duration.ofMinutes(5), s.github().healthCheckInterval());
    assertTrue(s.github().autoSyncEnabled());
    assertTrue(s.github().token().isEmpty());
    assertTrue(s.github().repo().isEmpty());
    assertTrue(s.github().webhookSecrets().isEmpty());
    assertEquals(ConflictStrategy.LAST_WRITE_WINS, s.github().conflictStrategy());
    assertEquals("127.0.0.1", s.http().host());
    assertEquals(7480, s.http().port());
    assertEquals(DatabaseSettings.Kind.H2, s.database().kind());
    assertTrue(s.database().embedded());
    assertThat(s.database().url())
        .startsWith("jdbc:h2:file:" + dir.resolve(".roadmap-sync"))
        .contains("DATABASE_TO_UPPER=false");
    assertEquals(LogFormat.TEXT, s.logFormat());
    assertEquals(
        new Settings.PullRequests("main", Settings.MergeMethod.SQUASH), s.github().pulls());
    assertEquals(false, s.readOnly());
  }

  @Test
  void pullRequestSettingsComeFromTheEnvironmentOrHocon() {
    Settings fromEnv =
        SettingsLoader.load(
            env(
                "ROADMAP_GITHUB_PR_BASE_BRANCH",
                "release/2.x",
                "ROADMAP_GITHUB_PR_MERGE_METHOD",
                "rebase"),
            ConfigFactory.empty());
    assertEquals(
        new Settings.PullRequests("release/2.x", Settings.MergeMethod.REBASE),
        fromEnv.github().pulls());
    Settings fromFile =
        SettingsLoader.load(env(), hocon("roadmap-sync.github.pull-requests.merge-method = merge"));
    assertEquals(Settings.MergeMethod.MERGE, fromFile.github().pulls().mergeMethod());
    assertEquals("merge", fromFile.github().pulls().mergeMethod().apiName());
  }

  @Test
  void environmentBeatsHoconBeatsConfigYaml() throws IOException {
    writeRoadmapConfig("yaml-owner", "yaml-repo");

    Settings fromYaml = SettingsLoader.load(env(), ConfigFactory.empty());
    assertEquals("yaml-owner/yaml-repo", fromYaml.github().repo().orElseThrow().toString());

    Config file =
        hocon("roadmap-sync.github { repo = \"file-owner/file-repo\", sync-interval-minutes = 2 }");
    Settings fromFile = SettingsLoader.load(env(), file);
    assertEquals("file-owner/file-repo", fromFile.github().repo().orElseThrow().toString());
    assertEquals(Duration.ofMinutes(2), fromFile.github().syncInterval());

    Settings fromEnv =
        SettingsLoader.load(
            env(
                "ROADMAP_GITHUB_REPO",
                "env-owner/env.repo",
                "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES",
                "0.1"),
            file);
    assertEquals("env-owner/env.repo", fromEnv.github().repo().orElseThrow().toString());
    assertEquals(Duration.ofSeconds(6), fromEnv.github().syncInterval());
  }

  @Test
  void everyVariableOverridesItsKey() {
    Settings s =
        SettingsLoader.load(
            env(
                "GITHUB_TOKEN", "ghp_secret",
                "ROADMAP_GITHUB_API_URL", "http://127.0.0.1:9999",
                "ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false",
                "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES", "1.5",
                "GITHUB_WEBHOOK_SECRET", "old, new ,",
                "ROADMAP_GITHUB_CONFLICT_STRATEGY", "manual",
                "ROADMAP_SYNC_HTTP_HOST", "0.0.0.0",
                "ROADMAP_SYNC_HTTP_PORT", "0",
                "ROADMAP_SYNC_ADMIN_TOKEN", "admin",
                "ROADMAP_SYNC_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                "ROADMAP_SYNC_DB_USER", "postgres",
                "ROADMAP_SYNC_DB_PASSWORD", "pw",
                "ROADMAP_SYNC_LOG_FORMAT", "json",
                "ROADMAP_SYNC_READ_ONLY", "true"),
            ConfigFactory.empty());
    assertTrue(s.github().token().orElseThrow().matches("ghp_secret"));
    assertEquals("http://127.0.0.1:9999", s.github().apiUrl().toString());
    assertEquals(false, s.github().autoSyncEnabled());
    assertEquals(Duration.ofSeconds(90), s.github().healthCheckInterval());
    assertEquals(2, s.github().webhookSecrets().size());
    assertTrue(s.github().webhookSecrets().get(1).matches("new"));
    assertEquals(ConflictStrategy.MANUAL, s.github().conflictStrategy());
    assertEquals("0.0.0.0", s.http().host());
    assertEquals(0, s.http().port());
    assertTrue(s.http().adminToken().orElseThrow().matches("admin"));
    assertEquals(DatabaseSettings.Kind.POSTGRESQL, s.database().kind());
    assertEquals("postgres", s.database().user());
    assertTrue(s.database().password().orElseThrow().matches("pw"));
    assertEquals(LogFormat.JSON, s.logFormat());
    assertTrue(s.readOnly());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES | ten   | a positive number of minutes",
        "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES | 0     | a positive number of minutes",
        "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES | -5    | a positive number of minutes",
        "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES  | soon  | a positive number of minutes",
        "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES  | 0.0   | a positive number of minutes",
        "ROADMAP_GITHUB_CONFLICT_STRATEGY     | newest | one of last-write-wins, prefer-roadmap, prefer-github, manual",
        "ROADMAP_GITHUB_REPO                  | just-a-name | owner/name",
        "ROADMAP_GITHUB_REPO                  | a/b/c | owner/name",
        "ROADMAP_SYNC_HTTP_PORT               | 70000 | a port number from 0 to 65535",
        "ROADMAP_SYNC_HTTP_PORT               | http  | a port number from 0 to 65535",
        "ROADMAP_GITHUB_API_URL               | ftp://example.com | an http:// or https:// URL",
        "ROADMAP_GITHUB_API_URL               | api.github.com | an http:// or https:// URL",
        "ROADMAP_GITHUB_AUTO_SYNC_ENABLED     | yes   | true or false",
        "ROADMAP_SYNC_LOG_FORMAT              | xml   | text or json",
        "ROADMAP_GITHUB_PR_MERGE_METHOD       | fast-forward | one of merge, squash, rebase",
        "ROADMAP_GITHUB_PR_BASE_BRANCH        | my branch | a branch name such as main",
        "ROADMAP_GITHUB_PR_BASE_BRANCH        | a..b  | a branch name such as main",
        "ROADMAP_GITHUB_PR_BASE_BRANCH        | /main | a branch name such as main",
        "ROADMAP_GITHUB_PR_BASE_BRANCH        | main/ | a branch name such as main",
        "ROADMAP_GITHUB_HOOK_ID               | 0     | a positive whole number",
        "ROADMAP_GITHUB_HOOK_ID               | -4    | a positive whole number",
        "ROADMAP_GITHUB_HOOK_ID               | 12.5  | a positive whole number",
        "ROADMAP_GITHUB_HOOK_ID               | hook  | a positive whole number",
        "ROADMAP_GITHUB_HOOK_ID               | 99999999999999999999 | a positive whole number",
        "ROADMAP_GITHUB_AUTO_IMPORT           | yes   | off, all or label:NAME",
        "ROADMAP_SYNC_READ_ONLY               | maybe | true or false",
        "ROADMAP_GITHUB_AUTO_IMPORT           | label: | off, all or label:NAME",
        "ROADMAP_GITHUB_AUTO_IMPORT           | tag:x | off, all or label:NAME",
        "ROADMAP_GITHUB_COMMENT_DELETES       | delete | keep or mirror",
      })
  void eachBadValueIsNamedWithWhatIsAccepted(String variable, String value, String accepted) {
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () -> SettingsLoader.load(env(variable, value), ConfigFactory.empty()));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertThat(e.problems().get(0)).startsWith(variable + ": '" + value + "'").contains(accepted);
  }

  @Test
  void aDatabaseUrlThatIsNeitherH2NorPostgresIsRefusedWithoutEchoingIt() {
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env("ROADMAP_SYNC_DB_URL", "jdbc:mysql://db/x?password=hunter2"),
                    ConfigFactory.empty()));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("ROADMAP_SYNC_DB_URL:")
        .contains("jdbc:h2: or jdbc:postgresql:")
        .doesNotContain("hunter2");
  }

  @Test
  void aRoadmapDirThatIsAFileIsUnreadable() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () -> SettingsLoader.load(env("ROADMAP_DIR", file.toString()), ConfigFactory.empty()));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("ROADMAP_DIR: '" + file + "'")
        .contains("a readable folder");
  }

  @Test
  void everyProblemIsReportedNotJustTheFirst() {
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env(
                        "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES", "x",
                        "ROADMAP_SYNC_HTTP_PORT", "-1",
                        "ROADMAP_GITHUB_CONFLICT_STRATEGY", "?"),
                    ConfigFactory.empty()));
    assertEquals(3, e.problems().size());
  }

  @Test
  void aBadValueFromTheHoconFileIsNamedByItsKey() {
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () -> SettingsLoader.load(env(), hocon("roadmap-sync.http.port = 99999")));
    assertThat(e.problems())
        .containsExactly(
            "roadmap-sync.http.port: '99999' is not accepted; expected a port number from 0 to 65535 (0 = any free port)");
  }

  @Test
  void aMalformedRepoInConfigYamlIsNamedByTheFile() throws IOException {
    writeRoadmapConfig("bad owner", "x");
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () -> SettingsLoader.load(env(), ConfigFactory.empty()));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .contains("config.yaml")
        .contains("owner/name");
  }

  @Test
  void milestonesCanBeRoutedToOtherRepositories() {
    Settings s =
        SettingsLoader.load(
            env(),
            hocon(
                "roadmap-sync.github.milestone-repos { \"v1.0\" = acme/web, backlog = \"acme/ops\" }"));
    assertEquals(
        Map.of("v1.0", RepoRef.parse("acme/web"), "backlog", RepoRef.parse("acme/ops")),
        s.github().milestoneRepos());
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env(), hocon("roadmap-sync.github.milestone-repos { v2 = nope }")));
    assertThat(e.problems())
        .containsExactly(
            "roadmap-sync.github.milestone-repos.\"v2\": 'nope' is not accepted; expected owner/name, e.g. octo-org/roadmap");
  }

  @Test
  void theFieldMappingIsConfigurableAndValidated() {
    Settings s =
        SettingsLoader.load(
            env(),
            hocon(
                "roadmap-sync.mapping { status-label-prefix = \"state/\", fields = [title, status] }"));
    assertEquals("state/", s.mapping().statusLabelPrefix());
    assertEquals("priority:", s.mapping().priorityLabelPrefix());
    assertEquals(List.of("title", "status"), s.mapping().fields());

    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env(),
                    hocon(
                        "roadmap-sync.mapping { status-label-prefix = \"p\", type-label-prefix = \"\", fields = [title, colour] }")));
    assertThat(e.problems())
        .hasSize(3)
        .anyMatch(p -> p.startsWith("roadmap-sync.mapping.type-label-prefix: ''"))
        .anyMatch(p -> p.contains("'p' and 'priority:' overlap"))
        .anyMatch(p -> p.startsWith("roadmap-sync.mapping.fields: 'colour'"));
  }

  @Test
  void issueTypeNamesComeFromHoconThenTheEnvironment() {
    Settings defaults = SettingsLoader.load(env(), ConfigFactory.empty());
    assertEquals(
        Map.of("feature", "Feature", "bug", "Bug", "other", ""), defaults.mapping().issueTypes());

    Settings s =
        SettingsLoader.load(
            env("ROADMAP_GITHUB_ISSUE_TYPES", "bug=Defect, other=Task"),
            hocon("roadmap-sync.mapping.issue-types { feature = Enhancement }"));
    assertEquals(
        Map.of("feature", "Enhancement", "bug", "Defect", "other", "Task"),
        s.mapping().issueTypes());

    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env("ROADMAP_GITHUB_ISSUE_TYPES", "epic=Epic"),
                    hocon("roadmap-sync.mapping.issue-types { bug = Feature }")));
    assertThat(e.problems())
        .hasSize(2)
        .anyMatch(p -> p.startsWith("ROADMAP_GITHUB_ISSUE_TYPES: 'epic=Epic' is not accepted"))
        .anyMatch(
            p ->
                p.startsWith(
                    "roadmap-sync.mapping.issue-types: 'bug' and 'feature' both name the GitHub"
                        + " issue type 'Feature'"));
  }

  @Test
  void secretsNeverShowInToString() {
    Settings s =
        SettingsLoader.load(
            env("GITHUB_TOKEN", "ghp_topsecret", "ROADMAP_SYNC_ADMIN_TOKEN", "adm1n"),
            ConfigFactory.empty());
    assertThat(s.toString())
        .doesNotContain("ghp_topsecret")
        .doesNotContain("adm1n")
        .contains("****");
  }

  @Test
  void repoRefParsing() {
    assertEquals(
        List.of("octo-org", "roadmap.js"),
        RepoRef.tryParse("octo-org/roadmap.js")
            .map(r -> List.of(r.owner(), r.name()))
            .orElseThrow());
    assertTrue(RepoRef.tryParse("-bad/x").isEmpty());
    assertTrue(RepoRef.tryParse("owner/..").isEmpty());
    assertTrue(RepoRef.tryParse(null).isEmpty());
  }

  @Test
  void retryBackoffDefaultsAndOverrides() {
    Settings defaults = SettingsLoader.load(env(), ConfigFactory.empty());
    assertEquals(
        new Settings.Retry(Duration.ofSeconds(1), Duration.ofSeconds(60), 5),
        defaults.github().retry());
    Settings tuned =
        SettingsLoader.load(
            env(), hocon("roadmap-sync.github.retry { base = 10ms, max = 2s, attempts = 4 }"));
    assertEquals(
        new Settings.Retry(Duration.ofMillis(10), Duration.ofSeconds(2), 4),
        tuned.github().retry());
  }

  @Test
  void badRetrySettingsAreEachNamed() {
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env(),
                    hocon("roadmap-sync.github.retry { base = soon, max = 0s, attempts = zero }")));
    assertThat(e.getMessage())
        .contains(
            "roadmap-sync.github.retry.base: 'soon' is not accepted; expected a positive duration")
        .contains(
            "roadmap-sync.github.retry.max: '0s' is not accepted; expected a positive duration")
        .contains(
            "roadmap-sync.github.retry.attempts: 'zero' is not accepted; expected a whole number of attempts");
    var shorter =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env(),
                    hocon("roadmap-sync.github.retry { base = 5s, max = 1s, attempts = 0 }")));
    assertThat(shorter.getMessage())
        .contains(
            "roadmap-sync.github.retry.max: '1s' is not accepted; expected a duration at least as long as")
        .contains("roadmap-sync.github.retry.attempts: '0' is not accepted");
  }

  @Test
  void requeueBackoffDefaultsOverridesAndBadValues() {
    assertEquals(
        new Settings.Requeue(Duration.ofSeconds(30), Duration.ofMinutes(30)),
        SettingsLoader.load(env(), ConfigFactory.empty()).github().requeue());
    assertEquals(
        new Settings.Requeue(Duration.ofMillis(200), Duration.ofSeconds(2)),
        SettingsLoader.load(env(), hocon("roadmap-sync.github.requeue { base = 200ms, max = 2s }"))
            .github()
            .requeue());
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env(), hocon("roadmap-sync.github.requeue { base = later, max = 1s }")));
    assertThat(e.getMessage())
        .contains(
            "roadmap-sync.github.requeue.base: 'later' is not accepted; expected a positive duration");
    var shorter =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env(), hocon("roadmap-sync.github.requeue { base = 1m, max = 10s }")));
    assertThat(shorter.getMessage())
        .contains(
            "roadmap-sync.github.requeue.max: '10s' is not accepted; expected a duration at least as long as");
  }

  @Test
  void pacingDefaultsToGitHubsLimitsAndIsValidated() {
    Settings defaults = SettingsLoader.load(env(), ConfigFactory.empty());
    assertEquals(
        new Settings.Pacing(4, Duration.ofSeconds(1), 80, 500, Duration.ofMinutes(15)),
        defaults.github().pacing());
    Settings tuned =
        SettingsLoader.load(
            env(),
            hocon(
                "roadmap-sync.github.pacing { reads-in-flight = 2, write-spacing = 0s, writes-per-minute = 30, writes-per-hour = 300 }"));
    assertEquals(
        new Settings.Pacing(2, Duration.ZERO, 30, 300, Duration.ofMinutes(15)),
        tuned.github().pacing());
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env(),
                    hocon(
                        "roadmap-sync.github.pacing { reads-in-flight = 0, write-spacing = -1s, writes-per-minute = many,"
                            + " writes-per-hour = 0, secondary-hold-cap = 10s }")));
    assertThat(e.getMessage())
        .contains(
            "roadmap-sync.github.pacing.reads-in-flight: '0' is not accepted; expected a whole number from 1 to 100")
        .contains(
            "roadmap-sync.github.pacing.write-spacing: '-1s' is not accepted; expected a duration of 0 or more")
        .contains("roadmap-sync.github.pacing.writes-per-minute: 'many' is not accepted")
        .contains("roadmap-sync.github.pacing.writes-per-hour: '0' is not accepted")
        .contains(
            "roadmap-sync.github.pacing.secondary-hold-cap: '10s' is not accepted; expected at least 60s");
  }

  @Test
  void aHookIdIsOptionalAndNamesTheDefaultRepositorysWebhook() {
    Settings none = SettingsLoader.load(env(), ConfigFactory.empty());
    assertTrue(none.github().hookId().isEmpty());
    assertTrue(none.github().hookIds().isEmpty());

    Settings fromEnv =
        SettingsLoader.load(
            env("ROADMAP_GITHUB_REPO", "Octo/Roadmap", "ROADMAP_GITHUB_HOOK_ID", " 4211 "),
            hocon("roadmap-sync.github.hook-id = 7"));
    assertEquals(4211L, fromEnv.github().hookId().orElseThrow(), "the environment wins");
    assertEquals(4211L, fromEnv.github().hookIdFor(RepoRef.parse("octo/roadmap")).orElseThrow());
    assertTrue(
        fromEnv.github().hookIdFor(RepoRef.parse("octo/other")).isEmpty(),
        "hook-id is the default repository's only");

    Settings fromHocon =
        SettingsLoader.load(
            env("ROADMAP_GITHUB_REPO", "octo/roadmap"), hocon("roadmap-sync.github.hook-id = 7"));
    assertEquals(7L, fromHocon.github().hookIdFor(RepoRef.parse("octo/roadmap")).orElseThrow());
  }

  @Test
  void severalRepositoriesNameTheirHooksInAMap() {
    Settings s =
        SettingsLoader.load(
            env("ROADMAP_GITHUB_REPO", "octo/roadmap", "ROADMAP_GITHUB_HOOK_ID", "1"),
            hocon(
                "roadmap-sync.github.hook-ids { \"octo/web\" = 123, \"octo/roadmap\" = \"456\" }"));
    assertEquals(
        Map.of(RepoRef.parse("octo/web"), 123L, RepoRef.parse("octo/roadmap"), 456L),
        s.github().hookIds());
    assertEquals(123L, s.github().hookIdFor(RepoRef.parse("Octo/Web")).orElseThrow());
    assertEquals(
        456L,
        s.github().hookIdFor(RepoRef.parse("octo/roadmap")).orElseThrow(),
        "the map's entry wins over hook-id");
    assertTrue(s.github().hookIdFor(RepoRef.parse("octo/ops")).isEmpty());

    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env(),
                    hocon(
                        "roadmap-sync.github.hook-ids { \"octo/web\" = 0, \"not a repo\" = 5, \"octo/ops\" = [1] }")));
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "roadmap-sync.github.hook-ids.\"octo/web\": '0' is not accepted; expected a positive whole number: the id of the repository's webhook (GET /repos/{owner}/{repo}/hooks)",
            "roadmap-sync.github.hook-ids: the key 'not a repo' is not accepted; expected owner/name, e.g. \"octo-org/roadmap\" = 123",
            "roadmap-sync.github.hook-ids.\"octo/ops\": '[1]' is not accepted; expected a positive whole number: the id of the repository's webhook (GET /repos/{owner}/{repo}/hooks)");
  }

  @Test
  void aBadHookIdInHoconIsNamedByItsKey() {
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () -> SettingsLoader.load(env(), hocon("roadmap-sync.github.hook-id = abc")));
    assertThat(e.problems())
        .containsExactly(
            "roadmap-sync.github.hook-id: 'abc' is not accepted; expected a positive whole number: the id of the repository's webhook (GET /repos/{owner}/{repo}/hooks)");
  }

  @Test
  void commentDeletesAreKeptUnlessMirrored() {
    assertEquals(
        CommentDeletes.KEEP,
        SettingsLoader.load(env(), ConfigFactory.empty()).github().commentDeletes());
    assertEquals(
        CommentDeletes.MIRROR,
        SettingsLoader.load(
                env("ROADMAP_GITHUB_COMMENT_DELETES", " Mirror "), ConfigFactory.empty())
            .github()
            .commentDeletes());
    assertEquals(
        CommentDeletes.MIRROR,
        SettingsLoader.load(env(), hocon("roadmap-sync.github.comment-deletes = mirror"))
            .github()
            .commentDeletes());
  }

  @Test
  void autoImportIsOffUnlessAskedForAllOrOneLabel() {
    assertEquals(
        AutoImport.OFF, SettingsLoader.load(env(), ConfigFactory.empty()).github().autoImport());
    assertEquals(
        AutoImport.ALL,
        SettingsLoader.load(env("ROADMAP_GITHUB_AUTO_IMPORT", " ALL "), ConfigFactory.empty())
            .github()
            .autoImport());
    AutoImport label =
        SettingsLoader.load(
                env(), hocon("roadmap-sync.github.auto-import = \"label: needs roadmap\""))
            .github()
            .autoImport();
    assertEquals(AutoImport.label("needs roadmap"), label);
    assertTrue(label.takes(List.of("bug", "Needs Roadmap")));
    assertEquals(false, label.takes(List.of("bug")));
    assertEquals(false, AutoImport.OFF.takes(List.of("needs roadmap")));
    assertEquals("label:needs roadmap", label.toString());
  }

  @Test
  void pacingTimeScaleIsForSimulatorsAndValidated() {
    assertEquals(
        1.0, SettingsLoader.load(env(), ConfigFactory.empty()).github().pacing().timeScale());
    assertEquals(
        20.0,
        SettingsLoader.load(env(), hocon("roadmap-sync.github.pacing.time-scale = 20"))
            .github()
            .pacing()
            .timeScale());
    for (String bad : List.of("0.5", "fast", "5000")) {
      var e =
          assertThrows(
              InvalidSettingsException.class,
              () ->
                  SettingsLoader.load(
                      env(), hocon("roadmap-sync.github.pacing.time-scale = \"" + bad + "\"")));
      assertThat(e.problems())
          .singleElement()
          .asString()
          .startsWith("roadmap-sync.github.pacing.time-scale: '" + bad + "'")
          .contains("a number from 1 to 1000");
    }
  }
}
