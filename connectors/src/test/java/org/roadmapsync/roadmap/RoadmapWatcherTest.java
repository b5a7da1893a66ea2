package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoadmapWatcherTest {
  private static final Duration DEBOUNCE = Duration.ofMillis(150);

  /** Long enough for the watch service, the debounce and a read on a busy 2-core machine. */
  private static final long EVENT_WAIT_SECONDS = 10;

  /** How long "nothing more is reported" is checked for. */
  private static final long QUIET_MILLIS = 1500;

  @TempDir Path temp;
  private final BlockingQueue<RoadmapEvent> events = new LinkedBlockingQueue<>();
  private RoadmapWatcher watcher;

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
  }

  private RoadmapStore startWatching(RoadmapWatcher.Settings settings) throws Exception {
    RoadmapStore store = RoadmapStore.open(CorpusFiles.copy(CorpusFiles.CURRENT, temp));
    watcher = RoadmapWatcher.start(store, settings, events::add, store::loadAll);
    return store;
  }

  private RoadmapStore startWatching() throws Exception {
    return startWatching(new RoadmapWatcher.Settings(DEBOUNCE, Duration.ofMinutes(10)));
  }

  private RoadmapEvent next() throws InterruptedException {
    RoadmapEvent event = events.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(event, "an event within " + EVENT_WAIT_SECONDS + " s");
    return event;
  }

  private void assertQuiet() throws InterruptedException {
    assertNull(events.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS), "no further event");
  }

  private static String issue(String id, String title) {
    return "---\nid: " + id + "\ntitle: " + title + "\nstatus: todo\n---\n\nbody\n";
  }

  @Test
  void theFirstViewComesFromTheLoadAndAChangeMadeWhileItRunsIsReported() throws Exception {
    RoadmapStore store = RoadmapStore.open(CorpusFiles.copy(CorpusFiles.CURRENT, temp));
    Path file = store.root().resolve("issues/backlog/wa000002-during.md");
    Files.writeString(file, issue("wa000002", "Before"));
    watcher =
        RoadmapWatcher.start(
            store,
            new RoadmapWatcher.Settings(DEBOUNCE, Duration.ofMinutes(10)),
            events::add,
            () -> {
              LoadResult loaded = store.loadAll();
              try {
                Files.writeString(file, issue("wa000002", "Edited while loading"));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              return loaded;
            });
    assertTrue(
        watcher.takeLoaded().issues().stream().anyMatch(i -> i.id().equals("wa000002")),
        "the load's result is handed on");
    RoadmapEvent.Changed changed = assertInstanceOf(RoadmapEvent.Changed.class, next());
    assertEquals("wa000002", changed.id());
    assertEquals(ContentHash.of(Files.readAllBytes(file)), changed.contentHash());
    assertQuiet(); // the other files, as the load read them, are no change
  }

  @Test
  void createdChangedMovedAndDeletedAreReportedWithHashes() throws Exception {
    RoadmapStore store = startWatching();
    Path file = store.root().resolve("issues/backlog/wa000001-new.md");
    Files.writeString(file, issue("wa000001", "New"));
    RoadmapEvent.Created created = assertInstanceOf(RoadmapEvent.Created.class, next());
    assertEquals("wa000001", created.id());
    assertEquals(Path.of("issues/backlog/wa000001-new.md"), created.path());
    assertEquals(ContentHash.of(Files.readAllBytes(file)), created.contentHash());

    Files.writeString(file, issue("wa000001", "Edited"));
    RoadmapEvent.Changed changed = assertInstanceOf(RoadmapEvent.Changed.class, next());
    assertEquals(ContentHash.of(Files.readAllBytes(file)), changed.contentHash());

    Path moved =
        Files.createDirectories(store.root().resolve("issues/v9")).resolve("wa000001-new.md");
    Files.move(file, moved);
    RoadmapEvent.Moved move = assertInstanceOf(RoadmapEvent.Moved.class, next());
    assertEquals(Path.of("issues/backlog/wa000001-new.md"), move.from());
    assertEquals(Path.of("issues/v9/wa000001-new.md"), move.path());

    Files.delete(moved);
    RoadmapEvent.Deleted deleted = assertInstanceOf(RoadmapEvent.Deleted.class, next());
    assertEquals("wa000001", deleted.id());
    assertQuiet();
  }

  @Test
  void aSecondFileWithAnIdMakesBothUnusableAndItsRemovalHandsTheIdBack() throws Exception {
    RoadmapStore store = startWatching();
    Path first = store.root().resolve("issues/backlog/wa000003-first.md");
    Files.writeString(first, issue("wa000003", "First"));
    assertEquals("wa000003", assertInstanceOf(RoadmapEvent.Created.class, next()).id());

    // only the second file changes, yet the first one loses the id too
    Path second =
        Files.createDirectories(store.root().resolve("issues/v9")).resolve("wa000003-second.md");
    Files.writeString(second, issue("wa000003", "Second"));
    Set<Path> invalid = new HashSet<>();
    for (int k = 0; k < 2; k++) {
      RoadmapEvent.Invalid event = assertInstanceOf(RoadmapEvent.Invalid.class, next());
      assertEquals(RoadmapFileProblem.Kind.DUPLICATE_ID, event.problem().kind());
      invalid.add(event.problem().path());
    }
    assertEquals(
        Set.of(
            Path.of("issues/backlog/wa000003-first.md"), Path.of("issues/v9/wa000003-second.md")),
        invalid);
    assertQuiet();

    Files.delete(second);
    RoadmapEvent.Created back = assertInstanceOf(RoadmapEvent.Created.class, next());
    assertEquals(Path.of("issues/backlog/wa000003-first.md"), back.path());
    assertQuiet();
  }

  @Test
  void aChangeItSeesIsParsedAgainByTheNextLoadOfTheRelations() throws Exception {
    RoadmapStore store = startWatching();
    Path file = store.root().resolve("issues/backlog/wa000004-relations.md");
    Files.writeString(file, issue("wa000004", "Before"));
    assertInstanceOf(RoadmapEvent.Created.class, next());
    assertEquals(List.of("Before"), titles(store.loadRelations(), "wa000004"));

    // in place, the same size, the time set back: only the watcher can tell
    FileTime modified = Files.getLastModifiedTime(file);
    Files.writeString(file, issue("wa000004", "Later!"));
    Files.setLastModifiedTime(file, modified);
    assertInstanceOf(RoadmapEvent.Changed.class, next());
    assertEquals(List.of("Later!"), titles(store.loadRelations(), "wa000004"));
  }

  private static List<String> titles(LoadResult loaded, String id) {
    return loaded.issues().stream()
        .filter(i -> i.id().equals(id))
        .map(RoadmapIssue::title)
        .toList();
  }

  @Test
  void anEditorSavingInSeveralStepsGivesOneChange() throws Exception {
    RoadmapStore store = startWatching();
    Path file = store.root().resolve("issues/backlog/c15daeca-test-issue.md");
    String text = Files.readString(file);
    // the way vim saves: swap file, backup, write a new file, rename over, remove backup
    Path swap = file.resolveSibling(".c15daeca-test-issue.md.swp");
    Files.writeString(swap, "swap");
    Path backup = file.resolveSibling("c15daeca-test-issue.md~");
    Files.copy(file, backup);
    Path fresh = file.resolveSibling("4913");
    Files.writeString(fresh, "");
    Files.delete(fresh);
    Files.writeString(file, text.substring(0, text.length() / 2));
    Files.writeString(file, text.replace("title:", "title: Edited"));
    Files.delete(backup);
    Files.delete(swap);
    RoadmapEvent.Changed changed = assertInstanceOf(RoadmapEvent.Changed.class, next());
    assertEquals("c15daeca", changed.id());
    assertEquals(ContentHash.of(Files.readAllBytes(file)), changed.contentHash());
    assertQuiet();
  }

  @Test
  void theStoresOwnWritesAreNotReportedButUserEditsAre() throws Exception {
    RoadmapStore store = startWatching();
    store.apply("c15daeca", IssueEdit.builder().title("Written by sync").build());
    store.apply(
        "c15daeca", IssueEdit.builder().milestone("v1-0-2").labels(java.util.List.of("a")).build());
    store.create(IssueEdit.builder().title("Created by sync").githubIssue(77).build());
    assertQuiet();
    Path file = store.root().resolve(store.read("c15daeca").orElseThrow().path());
    Files.writeString(
        file, Files.readString(file).replace("Written by sync", "Written by a person"));
    RoadmapEvent.Changed changed = assertInstanceOf(RoadmapEvent.Changed.class, next());
    assertEquals(Path.of("issues/v1-0-2/c15daeca-test-issue.md"), changed.path());
    assertQuiet();
  }

  @Test
  void aFileThatBreaksIsReportedInvalidAndIgnoredFilesAreNot() throws Exception {
    RoadmapStore store = startWatching();
    Files.writeString(store.root().resolve("issues/backlog/notes.txt"), "x");
    Files.createDirectories(store.root().resolve("db"));
    Files.writeString(store.root().resolve("db/cache.md"), "x");
    Path file = store.root().resolve("issues/backlog/c15daeca-test-issue.md");
    Files.writeString(file, "---\nid: c15daeca\ntitle: [broken\n---\n", StandardCharsets.UTF_8);
    RoadmapEvent.Invalid invalid = assertInstanceOf(RoadmapEvent.Invalid.class, next());
    assertEquals("c15daeca", invalid.id());
    assertEquals(RoadmapFileProblem.Kind.YAML_SYNTAX, invalid.problem().kind());
    assertQuiet();
  }

  @Test
  void newFoldersAreWatchedAndFilesInThemReported() throws Exception {
    RoadmapStore store = startWatching();
    Path folder = Files.createDirectories(store.root().resolve("archive/issues/v7"));
    Files.writeString(folder.resolve("wb000001-x.md"), issue("wb000001", "In a new folder"));
    RoadmapEvent.Created created = assertInstanceOf(RoadmapEvent.Created.class, next());
    assertEquals(Path.of("archive/issues/v7/wb000001-x.md"), created.path());
    assertQuiet();
  }

  @Test
  void thePeriodicRescanFindsChangesWithoutWatchEvents() throws Exception {
    // a debounce longer than the test: only the rescan can report the change in time
    RoadmapStore store =
        startWatching(new RoadmapWatcher.Settings(Duration.ofHours(1), Duration.ofMillis(200)));
    Path file = store.root().resolve("issues/backlog/c15daeca-test-issue.md");
    Path replacement = file.resolveSibling(".replacement.tmp");
    Files.writeString(replacement, Files.readString(file).replace("title:", "title: Rescanned"));
    Files.move(
        replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    RoadmapEvent.Changed changed = assertInstanceOf(RoadmapEvent.Changed.class, next());
    assertEquals("c15daeca", changed.id());
    assertTrue(store.read("c15daeca").orElseThrow().title().startsWith("Rescanned"));
  }

  @Test
  void closeStopsTheWatcher() throws Exception {
    RoadmapStore store = startWatching();
    watcher.close();
    Files.writeString(
        store.root().resolve("issues/backlog/wc000001-x.md"), issue("wc000001", "after close"));
    assertQuiet();
  }
}
