package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.EmbeddedH2;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.intake.LinkedBenchIssues;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.roadmap.RepositoryRouting;
import org.roadmapsync.roadmap.RoadmapStore;

/**
 * The dependencies' sync over real files and a real H2 agreement: which news starts a run (each run
 * reads every file). No GitHub here: the runs it is given need none.
 */
class DependencySyncTest {

  private static final String REPO = "bench/repo";
  @TempDir static Path folder;
  static EmbeddedH2 h2;
  static ActorTestKit testKit;
  static Database database;

  @BeforeAll
  static void start() {
    h2 = EmbeddedH2.start("DependencySyncTest", folder);
    testKit = h2.testKit();
    database = h2.database();
  }

  @AfterAll
  static void stop() {
    h2.close();
  }

  @Test
  void aZeroCountOfAnIssueNothingRelatesStartsNoRunOneThatAFileRelatesDoes() throws Exception {
    // #1..#5 linked; #2's file depends on #3's
    LinkedBenchIssues.writeFiles(folder, 5);
    Path second = LinkedBenchIssues.file(folder, 2);
    Files.writeString(
        second,
        Files.readString(second)
            .replace(
                "github_issue: 2\n",
                "github_issue: 2\ndepends_on:\n- " + LinkedBenchIssues.id(3) + "\n"));
    RoadmapStore store = RoadmapStore.open(folder.resolve(".roadmap"));
    AtomicInteger tasks = new AtomicInteger();
    Executor counted =
        task -> {
          tasks.incrementAndGet(); // a run starts by reading every file on this executor
          ForkJoinPool.commonPool().execute(task);
        };
    ActorRef<DependencySync.Command> sync =
        testKit.spawn(
            DependencySync.create(
                new DependencySync.Wiring(
                    store,
                    RepositoryRouting.of(store, Optional.of(RepoRef.parse(REPO)), Map.of()),
                    null, // no read is due: the poller's listing brings every count, all 0
                    counted,
                    issue -> {},
                    Duration.ofHours(1),
                    true,
                    new AgreedRelations(database, ForkJoinPool.commonPool()),
                    (id, note, trigger) -> {},
                    CompletableFuture.completedFuture(null))));
    TestProbe<DependencySync.IssueDependencies> probe = testKit.createTestProbe();
    sync.tell(new DependencySync.Reconcile("the roadmap is loaded"));
    probe.awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          sync.tell(new DependencySync.Status(LinkedBenchIssues.id(2), probe.getRef()));
          assertThat(probe.receiveMessage().dependsOn()).containsExactly(LinkedBenchIssues.id(3));
          return null;
        });
    int afterFirstRun = tasks.get();
    assertThat(afterFirstRun).isPositive();

    // a webhook burst over issues no file and no agreement relates: nothing for a run to do
    for (int round = 0; round < 20; round++) {
      for (long number : List.of(1L, 4L, 5L)) {
        sync.tell(new DependencySync.Seen(REPO, number, 1000 + number, 0));
      }
    }
    sync.tell(new DependencySync.Status(LinkedBenchIssues.id(2), probe.getRef()));
    probe.receiveMessage();
    assertThat(tasks.get()).as("no run started").isEqualTo(afterFirstRun);

    // the same count for an issue a file relates: its GitHub side is news for the plan
    sync.tell(new DependencySync.Seen(REPO, 3, 1003, 0));
    sync.tell(new DependencySync.Status(LinkedBenchIssues.id(2), probe.getRef()));
    probe.receiveMessage();
    assertThat(tasks.get()).as("a run started").isGreaterThan(afterFirstRun);
  }
}
