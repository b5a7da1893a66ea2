package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.RoadmapComment;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;

/**
 * Never a duplicate comment (issue 16): the service's JVM is killed ({@code kill -9}) ten times
 * while it posts 30 file comments, each time once it has made a few more; started again, it looks
 * for a post cut off between GitHub's 201 and its journal before making it again. GitHub ends with
 * each comment once.
 */
class CommentsCrashEndToEndTest {

  private static final String TOKEN = "crash-token";
  private static final String REPO = "octo/crash";
  private static final String[] IDS = {"crsh0001", "crsh0002", "crsh0003"};
  private static final int PER_ISSUE = 10;
  private static final int KILLS = 10;
  private static final String POSTS = "POST /repos/{o}/{r}/issues/{n}/comments 201";
  private static final Duration START = Duration.ofSeconds(90);

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "comments-crash",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void killedTenTimesWhilePostingThirtyCommentsEachIsPostedOnce() throws Exception {
    GitHubSimulator github =
        GitHubSimulator.start(testKit.system(), SimSettings.defaults(TOKEN, REPO));
    try {
      github.control().seed(LiveService.linkedSeed(REPO, IDS));
      Path roadmap = folder.resolve(".roadmap");
      Files.createDirectories(roadmap.resolve("issues/backlog"));
      for (int k = 0; k < IDS.length; k++) {
        Files.writeString(
            roadmap.resolve("issues/backlog/" + IDS[k] + "-issue.md"),
            LiveService.issueText(IDS[k], "null")
                .replaceFirst("\n---\n", "\ngithub_issue: " + (k + 1) + "\n---\n"));
      }
      RoadmapStore store = RoadmapStore.open(roadmap);
      for (String id : IDS) {
        List<RoadmapComment> notes = new ArrayList<>();
        for (int n = 1; n <= PER_ISSUE; n++) {
          Instant at = Instant.parse("2026-12-07T09:00:00Z").plusSeconds(n);
          notes.add(
              RoadmapComment.of(n, id, "alice", "note " + n + " of " + id, at, at, null, null));
        }
        store.apply(id, IssueEdit.builder().comments(notes).build());
      }
      Map<String, String> env = new HashMap<>();
      env.put("ROADMAP_DIR", roadmap.toString());
      env.put("ROADMAP_SYNC_DATA_DIR", folder.resolve("data").toString());
      env.put("ROADMAP_SYNC_HTTP_PORT", "0");
      env.put("GITHUB_TOKEN", TOKEN);
      env.put("ROADMAP_GITHUB_API_URL", github.baseUrl());
      env.put("ROADMAP_GITHUB_REPO", REPO);
      env.put("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false");
      // GitHub's pacing of writes (1 s apart), 5 times faster: the posts are spread over the lives
      env.put("JAVA_TOOL_OPTIONS", "-Droadmap-sync.github.pacing.time-scale=5");
      int total = IDS.length * PER_ISSUE;

      for (int life = 0; life < KILLS && posts(github) < total; life++) {
        long before = posts(github);
        try (ServiceProcess service = ServiceProcess.start(folder, env)) {
          service.awaitListening(START);
          awaitUntil(() -> posts(github) >= Math.min(total, before + 2));
          service.kill();
        }
      }
      System.out.printf("after %d kills: %d of %d comments posted%n", KILLS, posts(github), total);
      try (ServiceProcess last = ServiceProcess.start(folder, env)) {
        last.awaitListening(START);
        awaitUntil(
            () ->
                store.loadAll().issues().stream()
                    .allMatch(
                        i ->
                            i.comments().size() == PER_ISSUE
                                && i.comments().stream().allMatch(c -> c.githubUrl() != null)));
        last.terminate();
        last.awaitExit(Duration.ofSeconds(30));
      }

      for (int k = 0; k < IDS.length; k++) {
        List<String> texts = new ArrayList<>();
        for (JsonNode c : github.control().comments(REPO, k + 1)) {
          texts.add(c.path("body").asText().replaceFirst("\\n\\n<!-- roadmap-sync:\\S+ -->$", ""));
        }
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= PER_ISSUE; n++) {
          expected.add("note " + n + " of " + IDS[k]);
        }
        assertThat(texts).as(IDS[k]).containsExactlyInAnyOrderElementsOf(expected);
      }
      assertEquals(total, posts(github), "every POST made a comment that stayed: none twice");
    } finally {
      github.stop();
    }
  }

  private static long posts(GitHubSimulator github) {
    return github.control().stats().path("requests").path(POSTS).asLong();
  }

  private static void awaitUntil(java.util.function.BooleanSupplier done) {
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(120),
            Duration.ofMillis(20),
            () -> {
              assertThat(done.getAsBoolean()).isTrue();
              return null;
            });
  }
}
