package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.config.ConflictStrategy;
import org.roadmapsync.config.DatabaseSettings;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.roadmap.RoadmapWatcher;
import org.roadmapsync.sync.IssueSyncEntity.ObserveLocal;

/**
 * The observer reads changed files in parallel; a read that finishes after a read of a newer change
 * of the same file (as a read of a half-written file can) is not handed over: the newest change has
 * the last word. The reads run on an executor the test drives, to finish them in the wrong order on
 * purpose.
 */
class RoadmapObserverTest {

  private static final ActorTestKit testKit = ActorTestKit.create("RoadmapObserverTest");
  private static final String ID = "obs00001";

  @TempDir Path folder;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** Holds each task until the test runs it. */
  private static final class HeldTasks implements Executor {
    final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    Runnable next() throws InterruptedException {
      Runnable task = tasks.poll(20, TimeUnit.SECONDS);
      assertThat(task).as("a task handed to the executor").isNotNull();
      return task;
    }
  }

  @Test
  void aReadOfAnOlderChangeThatFinishesLastIsNotHandedOver() throws Exception {
    Path issues = Files.createDirectories(folder.resolve(".roadmap/issues/backlog"));
    RoadmapStore store = RoadmapStore.open(folder.resolve(".roadmap"));
    HeldTasks held = new HeldTasks();
    TestProbe<IssueSyncEntity.Command> entity = testKit.createTestProbe();
    CompletableFuture<Done> loaded = new CompletableFuture<>();
    try (Database database = Database.open(DatabaseSettings.embeddedH2(folder.resolve("data")))) {
      testKit.spawn(
          RoadmapObserver.create(
              store,
              new StoreRoadmapPort(store, new FieldMapping(MappingSettings.defaults()), held),
              id -> entity.ref(),
              // no read tables here: the query fails and every issue counts as awake
              new RestingIssues(
                  new IssueSyncRows(database, LiveService.JSON, held),
                  new SyncContext(
                      null,
                      null,
                      ConflictStrategy.LAST_WRITE_WINS,
                      Optional.empty(),
                      Clock.systemUTC()),
                  null),
              FirstListings.NONE,
              held,
              new RoadmapWatcher.Settings(Duration.ZERO, Duration.ofMinutes(10)),
              loaded,
              () -> {}));
      held.next().run(); // the start-up load of the empty folder
      held.next().run(); // the query of the resting issues
      loaded.get(20, TimeUnit.SECONDS);

      Path file = issues.resolve(ID + "-first.md");
      write(file, LiveService.issueText(ID, "backlog"));
      Runnable olderRead = held.next();
      write(file, LiveService.issueText(ID, "backlog").replace("title: Issue", "title: Newer"));
      Runnable newerRead = held.next();

      newerRead.run();
      ObserveLocal newest = entity.expectMessageClass(ObserveLocal.class);
      assertThat(newest.local().fields().title()).startsWith("Newer");
      olderRead.run();
      entity.expectNoMessage(Duration.ofMillis(500));

      List<Runnable> rest = new ArrayList<>();
      held.tasks.drainTo(rest);
      assertThat(rest).as("no other read was asked for").isEmpty();
    }
  }

  /** Whole files only: the watcher sees each version once, never half of it. */
  private static void write(Path file, String text) throws Exception {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, text);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
