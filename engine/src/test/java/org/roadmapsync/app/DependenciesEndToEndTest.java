package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.SimSettings;

/**
 * Dependencies both ways against the simulated GitHub (issue 21): 20 issues with a random graph,
 * edited in the files and on GitHub (adds and removes on each side), end with both sides equal,
 * each relation written once and no write sync did not need.
 */
class DependenciesEndToEndTest {

  private static final String TOKEN = "deps-token";
  private static final String REPO = "octo/deps";
  private static final String SECRET = "deps-secret";
  private static final String ADDS = "POST /repos/{o}/{r}/issues/{n}/dependencies/blocked_by 201";
  private static final String REMOVES =
      "DELETE /repos/{o}/{r}/issues/{n}/dependencies/blocked_by/{issue_id} 200";

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "dependencies",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** A relation as issue numbers: {@code blocked} is blocked by {@code blocking}. */
  private record Pair(int blocked, int blocking) implements Comparable<Pair> {
    public int compareTo(Pair o) {
      return blocked != o.blocked ? blocked - o.blocked : blocking - o.blocking;
    }
  }

  private static String id(int number) {
    return String.format("dep%05d", number);
  }

  /**
   * GitHub's writes are paced one a second (its secondary limits), and a graph takes dozens: a
   * longer deadline than {@link LiveService#eventually}'s.
   */
  private static void eventually(Runnable check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            java.time.Duration.ofSeconds(120),
            () -> {
              check.run();
              return null;
            });
  }

  private static long count(LiveService live, String route) {
    return live.github.control().stats().path("requests").path(route).asLong();
  }

  private static Set<Pair> onGitHub(LiveService live) {
    Set<Pair> pairs = new TreeSet<>();
    for (int n = 1; n <= 20; n++) {
      for (int blocking : live.github.control().blockedBy(REPO, n)) {
        pairs.add(new Pair(n, blocking));
      }
    }
    return pairs;
  }

  /** The files' relations; asserts both ends name each one. */
  private static Set<Pair> inFiles(RoadmapStore store) {
    Set<Pair> fromDependsOn = new TreeSet<>();
    Set<Pair> fromBlocks = new TreeSet<>();
    for (RoadmapIssue issue : store.loadAll().issues()) {
      int n = Integer.parseInt(issue.id().substring(3));
      issue
          .relations()
          .dependsOnIds()
          .forEach(x -> fromDependsOn.add(new Pair(n, Integer.parseInt(x.substring(3)))));
      issue
          .relations()
          .blocksIds()
          .forEach(y -> fromBlocks.add(new Pair(Integer.parseInt(y.substring(3)), n)));
    }
    assertEquals(fromDependsOn, fromBlocks, "depends_on and blocks agree");
    return fromDependsOn;
  }

  private static void edit(
      RoadmapStore store, int number, boolean dependsOn, int other, boolean add) {
    RoadmapIssue issue = store.read(id(number)).orElseThrow();
    List<String> list =
        new ArrayList<>(
            dependsOn ? issue.relations().dependsOnIds() : issue.relations().blocksIds());
    if (add) {
      list.add(id(other));
    } else {
      list.remove(id(other));
    }
    store.apply(
        id(number),
        dependsOn
            ? IssueEdit.builder().dependsOn(list).build()
            : IssueEdit.builder().blocks(list).build());
  }

  @Test
  void twentyIssuesWithARandomGraphEditedOnBothSidesEndEqual() {
    String[] ids = new String[20];
    for (int k = 0; k < 20; k++) {
      ids[k] = id(k + 1);
    }
    Random random = new Random(21);
    Set<Pair> start = new TreeSet<>();
    while (start.size() < 25) {
      int a = 1 + random.nextInt(20);
      int b = 1 + random.nextInt(20);
      if (a != b) {
        start.add(new Pair(a, b));
      }
    }
    try (var live =
        new LiveService(
            testKit,
            folder,
            TOKEN,
            REPO,
            Map.of("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false", "GITHUB_WEBHOOK_SECRET", SECRET),
            l -> l.seedLinked(ids),
            ids)) {
      live.eventually(() -> assertEquals(20, live.getJson("/api/issues?status=synced").size()));
      live.github
          .control()
          .setWebhook(
              Optional.of(
                  SimSettings.WebhookTarget.reliable(live.api + "/webhooks/github", SECRET)));
      RoadmapStore store = RoadmapStore.open(folder.resolve(".roadmap"));

      // the files state the graph (each relation on one end only, either one): GitHub gets it
      for (Pair p : start) {
        if (random.nextBoolean()) {
          edit(store, p.blocked(), true, p.blocking(), true);
        } else {
          edit(store, p.blocking(), false, p.blocked(), true);
        }
      }
      eventually(() -> assertEquals(start, onGitHub(live)));
      eventually(() -> assertEquals(start, inFiles(store)));
      assertEquals(start.size(), count(live, ADDS), "each relation written once");

      // edits on both sides: two removes and three adds in the files, the same on GitHub
      Set<Pair> expected = new TreeSet<>(start);
      List<Pair> existing = new ArrayList<>(start);
      for (int k = 0; k < 4; k++) {
        Pair p = existing.remove(random.nextInt(existing.size()));
        if (k % 2 == 0) {
          if (random.nextBoolean()) {
            edit(store, p.blocked(), true, p.blocking(), false);
          } else {
            edit(store, p.blocking(), false, p.blocked(), false);
          }
        } else {
          live.github.control().removeBlockedByAs("teammate", REPO, p.blocked(), p.blocking());
        }
        expected.remove(p);
      }
      int fileAdds = 0;
      for (int k = 0; fileAdds + (k - fileAdds) < 6; k++) {
        int a = 1 + random.nextInt(20);
        int b = 1 + random.nextInt(20);
        Pair p = new Pair(a, b);
        if (a == b || expected.contains(p) || start.contains(p)) {
          k--;
          continue;
        }
        if (k % 2 == 0) {
          edit(store, a, true, b, true);
          fileAdds++;
        } else {
          live.github.control().addBlockedByAs("teammate", REPO, a, b);
        }
        expected.add(p);
      }
      live.post("/api/sync", 202);
      eventually(() -> assertEquals(expected, onGitHub(live)));
      eventually(() -> assertEquals(expected, inFiles(store)));

      // no echo: exactly the writes the file edits needed
      assertEquals(start.size() + fileAdds, count(live, ADDS), "adds");
      assertEquals(2, count(live, REMOVES), "removes: the two made in the files");
      long adds = count(live, ADDS);
      live.post("/api/sync", 202);
      live.post("/api/sync", 202);
      live.eventually(() -> assertEquals(expected, onGitHub(live)));
      assertThat(count(live, ADDS)).isEqualTo(adds);
    }
  }
}
