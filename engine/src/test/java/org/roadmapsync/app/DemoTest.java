package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo in-process on free ports in a temp folder: its files, its instructions, and sync both
 * ways.
 */
class DemoTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("demo-test", ConfigFactory.load());
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path temp;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void eventually(Runnable check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              check.run();
              return null;
            });
  }

  @Test
  void theDemoLinksTheSamplesPrintsWhatToTryAndSyncsBothWays() {
    Path dir = temp.resolve("roadmap-sync-demo");
    try (Demo demo = Demo.start(dir, 0)) {
      assertThat(Files.exists(dir.resolve(DemoFolder.MARKER))).isTrue();
      assertEquals(DemoFolder.SAMPLES.size(), demo.issues().size());
      String repo = Demo.REPO;
      for (Demo.Linked issue : demo.issues()) {
        assertThat(read(issue.file())).contains("github_issue: " + issue.number());
        String title =
            read(issue.file())
                .lines()
                .filter(l -> l.startsWith("title: "))
                .findFirst()
                .orElseThrow()
                .substring(7);
        assertEquals(
            title,
            demo.simulator().control().issue(repo, (int) issue.number()).path("title").asText());
      }

      String text = demo.instructions();
      assertThat(text).contains("SIMULATION").contains("127.0.0.1").doesNotContain("localhost");
      assertThat(text)
          .contains(demo.api() + "/api/issues")
          .contains(demo.simulator().baseUrl() + "/_sim/repos/" + repo + "/issues/");
      assertThat(text).contains("curl -s -H 'Authorization: token ");
      demo.issues()
          .forEach(issue -> assertThat(text).contains("#" + issue.number() + "  " + issue.id()));

      // a file edit reaches the simulated GitHub
      Demo.Linked first = demo.issues().get(0);
      String original = read(first.file());
      try {
        Files.writeString(
            first.file(),
            original.replaceFirst("(?m)^title: .*$", "title: Edited in the demo folder"));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      eventually(
          () ->
              assertEquals(
                  "Edited in the demo folder",
                  demo.simulator()
                      .control()
                      .issue(repo, (int) first.number())
                      .path("title")
                      .asText()));

      // a simulated GitHub edit reaches the file through the simulator's signed webhook
      Demo.Linked third = demo.issues().get(2);
      demo.simulator()
          .control()
          .editIssueAs("octocat", repo, (int) third.number(), "{\"title\":\"Renamed on GitHub\"}");
      eventually(() -> assertThat(read(third.file())).contains("title: Renamed on GitHub"));
      assertThat(demo.simulator().control().stats().path("webhooks").path("delivered").asInt())
          .isPositive();
    }

    // a previous demo's folder is started over
    try (Demo again = Demo.start(dir, 0)) {
      assertEquals(DemoFolder.SAMPLES.size(), again.issues().size());
      assertThat(read(again.issues().get(0).file()))
          .contains("title: Set up continuous integration");
    }
  }

  @Test
  void theGitDemoCarriesATeammatesPushToGitHubAndAGitHubEditBackAsACommit() throws Exception {
    Path dir = temp.resolve("git-demo");
    try (Demo demo = Demo.start(dir, 0, true)) {
      String repo = Demo.REPO;
      Path teammate = DemoFolder.teammate(dir);
      for (Demo.Linked issue : demo.issues()) {
        assertThat(issue.file()).startsWith(teammate);
        assertThat(read(issue.file())).contains("github_issue: " + issue.number());
      }
      assertThat(demo.instructions())
          .contains("DEMO --git")
          .contains(DemoFolder.remote(dir).toString())
          .contains(demo.api() + "/api/git");

      Demo.Linked first = demo.issues().get(0);
      Files.writeString(
          first.file(),
          read(first.file()).replaceFirst("(?m)^title: .*$", "title: Pushed by a teammate"));
      try (var git = org.eclipse.jgit.api.Git.open(teammate.toFile())) {
        git.commit().setAll(true).setSign(false).setMessage("a teammate edit").call();
        git.push().call();
      }
      org.apache.pekko.http.javadsl.Http.get(testKit.system())
          .singleRequest(
              org.apache.pekko.http.javadsl.model.HttpRequest.POST(demo.api() + "/api/sync"))
          .toCompletableFuture()
          .get();
      eventually(
          () ->
              assertEquals(
                  "Pushed by a teammate",
                  demo.simulator()
                      .control()
                      .issue(repo, (int) first.number())
                      .path("title")
                      .asText()));

      Demo.Linked third = demo.issues().get(2);
      demo.simulator()
          .control()
          .editIssueAs("octocat", repo, (int) third.number(), "{\"title\":\"Renamed on GitHub\"}");
      eventually(
          () -> {
            try (var git = org.eclipse.jgit.api.Git.open(teammate.toFile())) {
              git.pull().setRebase(true).call();
              assertThat(read(third.file())).contains("title: Renamed on GitHub");
              assertEquals(
                  "roadmap-sync",
                  git.log().setMaxCount(1).call().iterator().next().getAuthorIdent().getName());
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
    }
  }

  @Test
  void aFolderWithOtherContentIsRefusedAndLeftAlone() throws IOException {
    Path dir = temp.resolve("mine");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "mine");
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));

    int exit = cli.execute("demo", "--dir", dir.toString());

    assertEquals(DemoCommand.EXIT_REFUSED, exit);
    assertThat(err.toString())
        .contains("is not empty and is not a previous demo")
        .contains("--dir");
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "nothing written");
    }
  }
}
