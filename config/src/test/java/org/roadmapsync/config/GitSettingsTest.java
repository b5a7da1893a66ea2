package org.roadmapsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSettingsTest {

  @TempDir Path dir;
  private Path bare;

  @BeforeEach
  void aBareRepository() throws IOException {
    bare = Files.createDirectories(dir.resolve("team/roadmap.git"));
    Files.writeString(bare.resolve("HEAD"), "ref: refs/heads/main\n");
  }

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("ROADMAP_DIR", dir.resolve("elsewhere/.roadmap").toString());
    env.put("ROADMAP_SYNC_DATA_DIR", dir.resolve("data").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void withoutARemoteTheRoadmapFolderIsRoadmapDirAsBefore() {
    Settings s = SettingsLoader.load(env(), ConfigFactory.empty());
    assertTrue(s.git().isEmpty());
    assertEquals(dir.resolve("elsewhere/.roadmap"), s.roadmapDir());
  }

  @Test
  void withARemoteTheRoadmapFolderIsInsideTheClone() {
    Settings s =
        SettingsLoader.load(env("ROADMAP_GIT_REMOTE", bare.toString()), ConfigFactory.empty());
    GitSettings git = s.git().orElseThrow();
    assertEquals(bare.toString(), git.remote());
    assertEquals(Optional.empty(), git.branch());
    assertEquals(".roadmap", git.path());
    assertEquals("roadmap-sync", git.authorName());
    assertEquals("roadmap-sync@localhost", git.authorEmail());
    assertEquals(dir.resolve("data/git/roadmap"), git.cloneDir());
    assertEquals(dir.resolve("data/git/roadmap/.roadmap"), s.roadmapDir());
    assertEquals("team/roadmap", git.repositoryName());
  }

  @Test
  void everyGitSettingCanBeSet() {
    Settings s =
        SettingsLoader.load(
            env(
                "ROADMAP_GIT_REMOTE", "https://github.com/octo/plans.git",
                "ROADMAP_GIT_BRANCH", "roadmap",
                "ROADMAP_GIT_PATH", "docs/./.roadmap/",
                "ROADMAP_GIT_AUTHOR_NAME", "Sync Bot",
                "ROADMAP_GIT_AUTHOR_EMAIL", "bot@example.com"),
            ConfigFactory.empty());
    GitSettings git = s.git().orElseThrow();
    assertTrue(git.https());
    assertEquals(Optional.of("roadmap"), git.branch());
    assertEquals("docs/.roadmap", git.path());
    assertEquals("Sync Bot", git.authorName());
    assertEquals("bot@example.com", git.authorEmail());
    assertEquals("octo/plans", git.repositoryName());
    assertEquals(dir.resolve("data/git/plans/docs/.roadmap"), s.roadmapDir());
  }

  @Test
  void everyBadGitValueIsNamedAtOnce() {
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env(
                        "ROADMAP_GIT_REMOTE", "ssh://git@github.com/o/r.git",
                        "ROADMAP_GIT_BRANCH", "a..b",
                        "ROADMAP_GIT_PATH", "../outside",
                        "ROADMAP_GIT_AUTHOR_NAME", "",
                        "ROADMAP_GIT_AUTHOR_EMAIL", "nobody"),
                    ConfigFactory.empty()));
    assertEquals(5, e.problems().size(), e.getMessage());
    assertThat(e.problems())
        .anySatisfy(p -> assertThat(p).startsWith("ROADMAP_GIT_REMOTE: 'ssh://"))
        .anySatisfy(p -> assertThat(p).startsWith("ROADMAP_GIT_BRANCH: 'a..b'"))
        .anySatisfy(p -> assertThat(p).startsWith("ROADMAP_GIT_PATH: '../outside'"))
        .anySatisfy(p -> assertThat(p).startsWith("ROADMAP_GIT_AUTHOR_NAME: ''"))
        .anySatisfy(p -> assertThat(p).startsWith("ROADMAP_GIT_AUTHOR_EMAIL: 'nobody'"));
  }

  @Test
  void theRepositorysRootIsNoRoadmapPath() {
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env("ROADMAP_GIT_REMOTE", bare.toString(), "ROADMAP_GIT_PATH", "./"),
                    ConfigFactory.empty()));
    assertThat(e.problems().get(0)).startsWith("ROADMAP_GIT_PATH: './'").contains("not its root");
  }

  @Test
  void credentialsInTheRemoteAreRefusedWithoutEchoingThem() {
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env("ROADMAP_GIT_REMOTE", "https://x-access-token:ghp_s3cret@github.com/o/r"),
                    ConfigFactory.empty()));
    assertThat(e.getMessage()).contains("ROADMAP_GIT_REMOTE").doesNotContain("ghp_s3cret");
  }

  @Test
  void aLocalRemoteMustBeARepository() {
    var e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.load(
                    env("ROADMAP_GIT_REMOTE", dir.resolve("missing.git").toString()),
                    ConfigFactory.empty()));
    assertThat(e.problems().get(0)).contains("an existing git repository");
  }

  @Test
  void theDefaultRepositoryIsReadFromTheCloneOnceItExists() throws IOException {
    Path roadmap = Files.createDirectories(dir.resolve("clone/.roadmap"));
    Files.writeString(roadmap.resolve("config.yaml"), "github:\n  owner: octo\n  repo: plans\n");
    assertEquals("octo/plans", SettingsLoader.repoOfRoadmap(roadmap).orElseThrow().toString());
  }
}
