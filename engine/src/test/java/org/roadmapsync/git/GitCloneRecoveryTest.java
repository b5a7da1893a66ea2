package org.roadmapsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.eclipse.jgit.lib.RepositoryState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.config.GitSettings;
import org.roadmapsync.config.Secret;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.RoadmapStore;

/**
 * The clone's start-up and its actor over real repositories: a bare remote on disk, the teammate's
 * clone driven by command-line git. Crashes are simulated by closing the clone where a kill would
 * leave it: a commit not pushed, a write not committed, a rebase stopped half-way.
 */
class GitCloneRecoveryTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "git-recovery",
          ConfigFactory.parseResources("roadmap-sync-persistence.conf")
              .withFallback(ConfigFactory.load()));
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final RoadmapGit.Timing QUICK =
      new RoadmapGit.Timing(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(1));

  @TempDir Path dir;
  GitCli git;
  Path bare;
  Path teammate;
  GitSettings settings;

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void aRemoteWithTwoIssues() throws IOException {
    git = new GitCli(dir.resolve("home"));
    Files.createDirectories(dir.resolve("team"));
    teammate = dir.resolve("teammate");
    bare =
        git.bareWith(
            dir.resolve("team/roadmap.git"),
            teammate,
            List.of(
                new String[] {path("aaaa0001"), GitCli.issue("aaaa0001", "First", "high")},
                new String[] {path("aaaa0002"), GitCli.issue("aaaa0002", "Second", "high")}));
    settings =
        new GitSettings(
            bare.toString(),
            Optional.empty(),
            ".roadmap",
            "roadmap-sync",
            "roadmap-sync@localhost",
            dir.resolve("data/git/roadmap"));
  }

  private static String path(String id) {
    return GitCli.ROADMAP + id + "-issue.md";
  }

  private Path cloned(String id) {
    return settings.cloneDir().resolve(path(id));
  }

  private static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  @Test
  void theFirstStartClonesTheRemotesDefaultBranch() throws IOException {
    try (RoadmapClone clone = CloneStartup.prepare(settings, Optional.empty()).roadmapClone()) {
      assertEquals("main", clone.branch());
      assertThat(Files.readString(cloned("aaaa0001"))).contains("title: First");
      assertFalse(
          Files.readString(settings.cloneDir().resolve(".git/config")).contains("token"),
          "no credentials in the clone's configuration");
    }
    assertFalse(Files.exists(dir.resolve("data/git/roadmap.cloning")), "the clone is whole");
  }

  @Test
  void aBranchTheRemoteDoesNotHaveIsABadSettingNamingIt() {
    var wrong =
        new GitSettings(
            bare.toString(),
            Optional.of("nope"),
            ".roadmap",
            "roadmap-sync",
            "roadmap-sync@localhost",
            dir.resolve("data/git/roadmap"));
    var e =
        assertThrows(GitSetupException.class, () -> CloneStartup.prepare(wrong, Optional.empty()));
    assertTrue(e.badConfiguration());
    assertThat(e.getMessage())
        .startsWith("ROADMAP_GIT_BRANCH: 'nope' does not exist on " + bare)
        .contains("main");
  }

  @Test
  void aHalfDoneRebaseIsAbortedAtStartAndItsCommitStillReachesTheRemote() throws IOException {
    try (RoadmapClone clone = CloneStartup.prepare(settings, Optional.empty()).roadmapClone()) {
      replace(cloned("aaaa0001"), "title: First", "title: First, from GitHub");
      assertTrue(commit(clone));
    }
    git.pull(teammate);
    replace(teammate.resolve(path("aaaa0001")), "priority: high", "priority: low");
    git.commitAndPush(teammate, "first can wait");
    String teammatesTip = git.remoteTip(bare);
    // a rebase that stopped on the conflict, as a crash in the middle of one leaves it
    git.run(settings.cloneDir(), "fetch", "origin");
    assertThat(git.tryRun(settings.cloneDir(), "rebase", "origin/main").exit()).isNotZero();
    assertTrue(Files.isDirectory(settings.cloneDir().resolve(".git/rebase-merge")));

    try (RoadmapClone clone = CloneStartup.prepare(settings, Optional.empty()).roadmapClone()) {
      assertEquals(RepositoryState.SAFE, clone.repository().getRepositoryState());
      assertEquals("main", clone.repository().getBranch());
      assertEquals(1, clone.aheadBehind().ahead(), "the service's commit is still there");
      cycle(clone).run(true);
      assertEquals(0, clone.aheadBehind().ahead());
    }
    String remote = git.remoteFile(bare, path("aaaa0001"));
    assertThat(remote).contains("title: First, from GitHub").contains("priority: low");
    assertTrue(git.isAncestor(bare, teammatesTip, git.remoteTip(bare)), "no force push");
  }

  @Test
  void aCommitAndAWriteLeftByAKillArePushedWhenTheActorStartsAgain() throws IOException {
    try (RoadmapClone clone = CloneStartup.prepare(settings, Optional.empty()).roadmapClone()) {
      replace(cloned("aaaa0001"), "title: First", "title: Committed, not pushed");
      assertTrue(commit(clone));
    }
    // written after the commit, killed before the next one
    replace(cloned("aaaa0002"), "title: Second", "title: Written, not committed");
    String before = git.remoteTip(bare);

    CloneStartup.Prepared prepared = CloneStartup.prepare(settings, Optional.empty());
    RoadmapStore store = RoadmapStore.open(settings.roadmapDir());
    RoadmapGit[] started = new RoadmapGit[1];
    testKit.spawn(
        Behaviors.setup(
            context -> {
              started[0] =
                  RoadmapGit.start(
                      context,
                      prepared,
                      "team/roadmap",
                      Optional.of(store),
                      Duration.ofHours(1),
                      false,
                      GitEvents.NONE,
                      QUICK);
              return Behaviors.empty();
            }));

    eventually(
        () -> {
          assertThat(git.remoteFile(bare, path("aaaa0001")))
              .contains("title: Committed, not pushed");
          assertThat(git.remoteFile(bare, path("aaaa0002")))
              .contains("title: Written, not committed");
        });
    assertTrue(git.isAncestor(bare, before, git.remoteTip(bare)));
    assertEquals(
        "roadmap-sync", git.run(bare, "log", "-1", "--format=%an", "main"), "the service's author");

    // and a write of the store from now on is committed and pushed within the window
    store.apply("aaaa0002", IssueEdit.builder().title("Through the store").build());
    eventually(
        () ->
            assertThat(git.remoteFile(bare, path("aaaa0002")))
                .contains("title: Through the store"));
    eventually(() -> assertEquals(GitStatus.UP, started[0].status().status()));
    prepared.roadmapClone().close();
  }

  @Test
  void anUnreachableRemoteDegradesTheStatusAndCommitsWaitForIt() throws IOException {
    CloneStartup.Prepared prepared = CloneStartup.prepare(settings, Optional.empty());
    RoadmapStore store = RoadmapStore.open(settings.roadmapDir());
    RoadmapGit[] started = new RoadmapGit[1];
    testKit.spawn(
        Behaviors.setup(
            context -> {
              started[0] =
                  RoadmapGit.start(
                      context,
                      prepared,
                      "team/roadmap",
                      Optional.of(store),
                      Duration.ofHours(1),
                      false,
                      GitEvents.NONE,
                      QUICK);
              return Behaviors.empty();
            }));
    eventually(() -> assertEquals(GitStatus.UP, started[0].status().status()));
    Path away = dir.resolve("team/away.git");
    Files.move(bare, away);

    store.apply("aaaa0001", IssueEdit.builder().title("Written while the remote is away").build());
    started[0].fetchNow();

    eventually(
        () -> {
          GitStatus status = started[0].status();
          assertEquals(GitStatus.DEGRADED, status.status());
          assertThat(status.lastError()).contains(bare.toString());
          assertThat(status.ahead()).isPositive();
        });
    Files.move(away, bare);
    eventually(
        () -> {
          assertEquals(GitStatus.UP, started[0].status().status());
          assertThat(git.remoteFile(bare, path("aaaa0001")))
              .contains("title: Written while the remote is away");
        });
    prepared.roadmapClone().close();
  }

  @Test
  void aRefusedPushDegradesWithTheRemotesReasonAndIsPushedOnceAllowed() throws IOException {
    Path hook = bare.resolve("hooks/pre-receive");
    Files.createDirectories(hook.getParent());
    Files.writeString(
        hook, "#!/bin/sh\necho 'protected branch: main needs a review' >&2\nexit 1\n");
    assertTrue(hook.toFile().setExecutable(true));
    CloneStartup.Prepared prepared = CloneStartup.prepare(settings, Optional.empty());
    // command-line git receives the push, as a server would, so the remote's hook runs (JGit's own
    // receiver runs none)
    var config = prepared.roadmapClone().repository().getConfig();
    config.setString(
        "remote",
        "origin",
        "receivepack",
        Path.of(git.run(dir, "--exec-path"), "git-receive-pack").toString());
    config.save();
    RoadmapStore store = RoadmapStore.open(settings.roadmapDir());
    var pushes = new java.util.concurrent.CopyOnWriteArrayList<String>();
    GitEvents events =
        new GitEvents() {
          public void fetched(String outcome) {}

          public void pushed(String outcome) {
            pushes.add(outcome);
          }

          public void committed() {}
        };
    RoadmapGit[] started = new RoadmapGit[1];
    testKit.spawn(
        Behaviors.setup(
            context -> {
              started[0] =
                  RoadmapGit.start(
                      context,
                      prepared,
                      "team/roadmap",
                      Optional.of(store),
                      Duration.ofHours(1),
                      false,
                      events,
                      QUICK);
              return Behaviors.empty();
            }));
    String before = git.remoteTip(bare);

    store.apply("aaaa0001", IssueEdit.builder().title("Refused at first").build());

    eventually(
        () -> {
          GitStatus status = started[0].status();
          assertEquals(GitStatus.DEGRADED, status.status());
          assertThat(status.lastError())
              .startsWith("push refused by " + bare)
              .contains("protected branch: main needs a review");
          assertEquals(1, status.ahead(), "the commit is kept");
        });
    assertThat(pushes).contains("refused");
    assertEquals(before, git.remoteTip(bare));

    Files.delete(hook);
    eventually(
        () -> {
          assertEquals(GitStatus.UP, started[0].status().status());
          assertThat(git.remoteFile(bare, path("aaaa0001"))).contains("title: Refused at first");
        });
    prepared.roadmapClone().close();
  }

  @Test
  void thePollScheduleFetchesATeammatesPushWithoutBeingAsked() throws IOException {
    CloneStartup.Prepared prepared = CloneStartup.prepare(settings, Optional.empty());
    RoadmapStore store = RoadmapStore.open(settings.roadmapDir());
    testKit.spawn(
        Behaviors.setup(
            context -> {
              RoadmapGit.start(
                  context,
                  prepared,
                  "team/roadmap",
                  Optional.of(store),
                  Duration.ofMillis(300),
                  true,
                  GitEvents.NONE,
                  QUICK);
              return Behaviors.empty();
            }));
    git.pull(teammate);
    replace(teammate.resolve(path("aaaa0002")), "title: Second", "title: Fetched by the poll");
    git.commitAndPush(teammate, "second renamed");

    eventually(
        () ->
            assertThat(Files.readString(cloned("aaaa0002")))
                .contains("title: Fetched by the poll"));
    prepared.roadmapClone().close();
  }

  @Test
  void theTokenIsGivenToHttpsRemotesOnlyAndNeverShown() {
    var https =
        new GitSettings(
            "https://github.com/team/roadmap.git",
            Optional.empty(),
            ".roadmap",
            "roadmap-sync",
            "roadmap-sync@localhost",
            dir.resolve("x"));
    var remote = new GitRemote(https, Optional.of(new Secret("ghs_s3cret")));
    assertThat(remote.credentials()).isNotNull();
    assertThat(remote.describe(new IllegalStateException("auth failed for ghs_s3cret")))
        .isEqualTo("auth failed for ****");
    assertThat(remote.scrub("https://x-access-token:abc@github.com/o/r"))
        .isEqualTo("https://github.com/o/r");
    assertThat(new GitRemote(settings, Optional.of(new Secret("ghs_s3cret"))).credentials())
        .isNull();
  }

  private static boolean commit(RoadmapClone clone) {
    try {
      return clone.commitRoadmap().isPresent();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static GitCycle cycle(RoadmapClone clone) {
    return new GitCycle(
        clone,
        GitCycle.Gate.NONE,
        new GitStatusBoard(clone, Clock.systemUTC(), Optional.empty()),
        GitEvents.NONE);
  }

  interface Check {
    void run() throws Exception;
  }

  private static void eventually(Check check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              try {
                check.run();
              } catch (RuntimeException | Error e) {
                throw e;
              } catch (Exception e) {
                throw new AssertionError(e);
              }
              return null;
            });
  }
}
