package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoadmapStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00.654321Z");

  @TempDir Path temp;

  private Path root() throws Exception {
    return Files.createDirectories(temp.resolve(".roadmap"));
  }

  private static Path write(Path root, String relative, String text) throws Exception {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String issue(String id, String extra) {
    return "---\nid: "
        + id
        + "\ntitle: Issue "
        + id
        + "\nstatus: todo\nlabels: []\n"
        + extra
        + "updated: '2026-01-01T00:00:00.000000+00:00'\n---\n\n# Issue "
        + id
        + "\n";
  }

  private RoadmapStore store(Path root) {
    return RoadmapStore.open(root, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void everyWriteThatChangesAFileIsAnnouncedAndWaitsForAnExclusiveHolder() throws Exception {
    Path root = root();
    write(root, "issues/backlog/aaaa0001-one.md", issue("aaaa0001", ""));
    RoadmapStore store = store(root);
    var writes = new java.util.concurrent.atomic.AtomicInteger();
    store.onWrite(writes::incrementAndGet);

    store.apply("aaaa0001", IssueEdit.builder().title("Renamed").build());
    store.apply("aaaa0001", IssueEdit.builder().title("Renamed").build());
    store.create(IssueEdit.builder().title("New").build());
    assertEquals(2, writes.get(), "an edit that changes nothing is no write");

    var started = new java.util.concurrent.CountDownLatch(1);
    var writer = new java.util.concurrent.atomic.AtomicReference<Thread>();
    String during =
        store.withoutWrites(
            () -> {
              Thread t =
                  new Thread(
                      () -> {
                        started.countDown();
                        store.apply("aaaa0001", IssueEdit.builder().title("Later").build());
                      });
              writer.set(t);
              t.start();
              try {
                started.await();
                // the writer is blocked at the gate: the file is still as before
                t.join(200);
                return Files.readString(root.resolve("issues/backlog/aaaa0001-one.md"));
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    writer.get().join(5_000);
    assertTrue(during.contains("title: Renamed"));
    assertTrue(
        Files.readString(root.resolve("issues/backlog/aaaa0001-one.md")).contains("title: Later"));
  }

  @Test
  void editedTextAppliesAnEditWithoutWriting() throws Exception {
    byte[] text = issue("aaaa0002", "priority: high\n").getBytes(StandardCharsets.UTF_8);
    String edited =
        new String(
            RoadmapStore.editedText(
                    Path.of("aaaa0002-two.md"),
                    text,
                    IssueEdit.builder().title("Edited").build(),
                    NOW)
                .orElseThrow(),
            StandardCharsets.UTF_8);
    assertTrue(edited.contains("title: Edited"));
    assertTrue(edited.contains("priority: high"));
    assertEquals(
        "aaaa0002", RoadmapStore.parse(Path.of("aaaa0002-two.md"), text).orElseThrow().id());
  }

  @Test
  void aFileVanishingDuringTheListingDoesNotHideTheOthers() throws Exception {
    Path root = root();
    Path folder = root.resolve("issues/backlog");
    write(root, "issues/backlog/aa000001-issue.md", issue("aa000001", ""));
    write(root, "issues/backlog/aa000003-issue.md", issue("aa000003", ""));
    List<ParsedFilesMemo.StampedFile> files = new ArrayList<>();
    FileVisitor<Path> collector = RoadmapStore.issueFileCollector(root, files);
    // the walk in the order a listing meets them, a save's temporary file gone in between
    visit(collector, folder.resolve("aa000001-issue.md"));
    assertEquals(
        FileVisitResult.CONTINUE,
        collector.visitFileFailed(
            folder.resolve(".aa000002.roadmap-sync.tmp"), new NoSuchFileException("gone")));
    visit(collector, folder.resolve("aa000003-issue.md"));
    assertEquals(
        List.of(
            Path.of("issues/backlog/aa000001-issue.md"),
            Path.of("issues/backlog/aa000003-issue.md")),
        files.stream().map(ParsedFilesMemo.StampedFile::path).toList());
    // any other failure ends the listing: a partial one would make the files it missed look deleted
    assertThrows(
        AccessDeniedException.class,
        () -> collector.visitFileFailed(folder, new AccessDeniedException(folder.toString())));
  }

  private static void visit(FileVisitor<Path> collector, Path file) throws IOException {
    assertEquals(
        FileVisitResult.CONTINUE,
        collector.visitFile(file, Files.readAttributes(file, BasicFileAttributes.class)));
  }

  @Test
  void bothCorpusSnapshotsLoadWithoutProblems() throws Exception {
    RoadmapStore current =
        RoadmapStore.open(CorpusFiles.copy(CorpusFiles.CURRENT, temp.resolve("a")));
    LoadResult loaded = current.loadAll();
    assertEquals(List.of(), loaded.problems());
    assertEquals(104, loaded.issues().size());
    RoadmapIssue bd = current.read("bd90cb26").orElseThrow();
    assertEquals("Refactor close vs archive semantics", bd.title());
    assertEquals(IssueStatus.IN_PROGRESS, bd.status());
    assertEquals(OptionalInt.of(3752), bd.githubIssue());
    assertEquals(Optional.of("v1-0-2"), bd.milestone());
    assertEquals(Optional.of(IssueType.OTHER), bd.issueType());
    assertEquals(Optional.of("shanewilkins"), bd.assignee());
    assertEquals(Optional.of(Instant.parse("2026-02-11T22:03:40.351985Z")), bd.updated());
    assertEquals(
        Path.of("issues", "v1-0-2", "bd90cb26-refactor-close-vs-archive-semantics.md"), bd.path());
    assertEquals(3752L, ((java.util.Map<?, ?>) bd.frontMatter().get("remote_ids")).get("github"));

    RoadmapStore older = RoadmapStore.open(CorpusFiles.copy(CorpusFiles.OLDER, temp.resolve("b")));
    LoadResult old = older.loadAll();
    assertEquals(List.of(), old.problems());
    assertEquals(29, old.shadowed().size(), "archived copies of active issues");
    RoadmapIssue legacy = older.read("224f3405").orElseThrow();
    assertEquals(
        OptionalInt.of(282), legacy.githubIssue(), "remote_ids.github: '282' read as a number");
    assertEquals(Path.of("issues", "backlog"), legacy.path().getParent(), "the active copy wins");
    assertTrue(old.issues().stream().anyMatch(i -> i.archived() && i.path().startsWith("archive")));
  }

  @Test
  void acceptsEveryVariationOfTheFormat() throws Exception {
    Path root = root();
    write(
        root,
        "issues/backlog/aa000001-quoted.md",
        "---\nid: 'aa000001'\ntitle: \"Quoted\"\nstatus: \"in-progress\"\n"
            + "priority: 'high'\nissue_type: \"bug\"\ngithub_issue: '221'\n---\n");
    write(
        root,
        "issues/v.0.2.0/aa000002-done.md",
        "---\nid: aa000002\ntitle: Legacy done\nstatus: done\n"
            + "milestone: v.0.2.0\nremote_ids:\n  github: '17'\ngithub_issue: 17\n---\nbody\n---\nmore\n");
    write(
        root,
        "issues/backlog/aa000003-minimal.md",
        "---\nid: aa000003\ntitle: Minimal ünïcode ✓ 😀\n---\n");
    write(
        root,
        "issues/backlog/aa000004-crlf.md",
        "---\r\nid: aa000004\r\ntitle: CRLF\r\nremote_ids: {github: 5}\r\n"
            + "labels:\r\n- a\r\n- b\r\n---\r\n\r\nline\r\n");
    RoadmapStore store = store(root);
    LoadResult loaded = store.loadAll();
    assertEquals(List.of(), loaded.problems());
    RoadmapIssue quoted = store.read("aa000001").orElseThrow();
    assertEquals(IssueStatus.IN_PROGRESS, quoted.status());
    assertEquals(Optional.of(IssuePriority.HIGH), quoted.priority());
    assertEquals(Optional.of(IssueType.BUG), quoted.issueType());
    assertEquals(OptionalInt.of(221), quoted.githubIssue());
    RoadmapIssue done = store.read("aa000002").orElseThrow();
    assertEquals(IssueStatus.CLOSED, done.status());
    assertEquals("body\n---\nmore\n", done.body());
    assertEquals(OptionalInt.of(17), done.githubIssue());
    RoadmapIssue minimal = store.read("aa000003").orElseThrow();
    assertEquals("Minimal ünïcode ✓ 😀", minimal.title());
    assertEquals(IssueStatus.TODO, minimal.status());
    assertEquals(OptionalInt.empty(), minimal.githubIssue());
    assertEquals("", minimal.body());
    RoadmapIssue crlf = store.read("aa000004").orElseThrow();
    assertEquals(List.of("a", "b"), crlf.labels());
    assertEquals(OptionalInt.of(5), crlf.githubIssue());
    assertEquals("\r\nline\r\n", crlf.body());
  }

  @Test
  void crlfFilesStayCrlfAndTheBodyKeepsItsFraming() throws Exception {
    Path root = root();
    Path file =
        write(
            root,
            "issues/backlog/bb000001-crlf.md",
            "---\r\nid: bb000001\r\ntitle: CRLF\r\nlabels:\r\n- a\r\n"
                + "updated: '2026-01-01T00:00:00+00:00'\r\n---\r\n\r\nold body\r\n");
    RoadmapStore store = store(root);
    store.apply(
        "bb000001",
        IssueEdit.builder()
            .title("New")
            .labels(List.of("x", "y"))
            .body("new\nbody\n\n")
            .githubIssue(9)
            .build());
    String text = Files.readString(file);
    assertEquals(
        "---\r\nid: bb000001\r\ntitle: New\r\nlabels:\r\n- x\r\n- 'y'\r\nupdated: '2026-11-21T12:00:00+00:00'\r\n"
            + "remote_ids:\r\n  github: 9\r\ngithub_issue: 9\r\n---\r\n\r\nnew\r\nbody\r\n",
        text);
    assertFalse(text.replace("\r\n", "").contains("\n"), "no bare line feed");
  }

  @Test
  void theGithubLinkIsWrittenToBothKeysKeepingTheirStyle() throws Exception {
    Path root = root();
    Path legacy =
        write(
            root, "issues/backlog/cc000001-legacy.md", issue("cc000001", "github_issue: '221'\n"));
    Path current =
        write(
            root,
            "issues/backlog/cc000002-current.md",
            issue("cc000002", "remote_ids:\n  github: 5\ngithub_issue: 5\n"));
    RoadmapStore store = store(root);
    store.apply("cc000001", IssueEdit.builder().githubIssue(300).build());
    String text = Files.readString(legacy);
    assertTrue(text.contains("github_issue: '300'\n"), text);
    assertTrue(text.contains("remote_ids:\n  github: 300\n"), text);
    assertEquals(OptionalInt.of(300), store.read("cc000001").orElseThrow().githubIssue());

    store.apply("cc000002", IssueEdit.builder().githubIssue(null).build());
    String unlinked = Files.readString(current);
    assertTrue(unlinked.contains("remote_ids: {}\ngithub_issue: null\n"), unlinked);
    assertEquals(OptionalInt.empty(), store.read("cc000002").orElseThrow().githubIssue());
  }

  @Test
  void updatedMovesInTheFilesFormatOnlyWhenSomethingChanges() throws Exception {
    Path root = root();
    Path file = write(root, "issues/backlog/dd000001-x.md", issue("dd000001", ""));
    RoadmapStore store = store(root);
    byte[] before = Files.readAllBytes(file);
    String hash = store.read("dd000001").orElseThrow().contentHash();
    assertEquals(
        hash,
        store.apply(
            "dd000001",
            IssueEdit.builder().title("Issue dd000001").status(IssueStatus.TODO).build()));
    assertArrayEquals(
        before, Files.readAllBytes(file), "an edit that changes nothing writes nothing");
    store.apply("dd000001", IssueEdit.builder().status(IssueStatus.REVIEW).build());
    assertTrue(Files.readString(file).contains("updated: '2026-11-21T12:00:00.654321+00:00'\n"));
    assertEquals(Optional.of(NOW), store.read("dd000001").orElseThrow().updated());
  }

  @Test
  void milestoneAndArchiveChangesMoveTheFile() throws Exception {
    Path root = root();
    write(
        root,
        "issues/v.0.2.0/ee000001-move-me.md",
        issue("ee000001", "milestone: v.0.2.0\narchived: false\n"));
    RoadmapStore store = store(root);
    store.apply("ee000001", IssueEdit.builder().milestone("v1-0-2").build());
    assertEquals(
        Path.of("issues/v1-0-2/ee000001-move-me.md"), store.read("ee000001").orElseThrow().path());
    assertFalse(Files.exists(root.resolve("issues/v.0.2.0/ee000001-move-me.md")));
    store.apply("ee000001", IssueEdit.builder().milestone(null).build());
    RoadmapIssue backlog = store.read("ee000001").orElseThrow();
    assertEquals(Path.of("issues/backlog/ee000001-move-me.md"), backlog.path());
    assertEquals(Optional.empty(), backlog.milestone());
    assertEquals(null, backlog.frontMatter().get("milestone"));
    store.apply("ee000001", IssueEdit.builder().archived(true).status(IssueStatus.CLOSED).build());
    RoadmapIssue archived = store.read("ee000001").orElseThrow();
    assertEquals(Path.of("archive/issues/backlog/ee000001-move-me.md"), archived.path());
    assertEquals(true, archived.frontMatter().get("archived"));
    assertTrue(archived.archived());
    assertEquals(1, store.loadAll().issues().size());
  }

  @Test
  void aStaleExpectedHashRefusesTheEdit() throws Exception {
    Path root = root();
    Path file = write(root, "issues/backlog/ff000001-x.md", issue("ff000001", ""));
    RoadmapStore store = store(root);
    String hash = store.read("ff000001").orElseThrow().contentHash();
    Files.writeString(file, Files.readString(file).replace("# Issue", "# User edit"));
    byte[] userVersion = Files.readAllBytes(file);
    RoadmapStoreException.StaleIssue stale =
        assertThrows(
            RoadmapStoreException.StaleIssue.class,
            () ->
                store.apply(
                    "ff000001", IssueEdit.builder().title("Sync").build(), Optional.of(hash)));
    assertEquals(hash, stale.expectedHash());
    assertArrayEquals(userVersion, Files.readAllBytes(file));
    assertThrows(
        RoadmapStoreException.IssueNotFound.class,
        () -> store.apply("nope0000", IssueEdit.builder().title("x").build()));
  }

  @Test
  void ownWritesAreRecognisedByContentHash() throws Exception {
    Path root = root();
    write(root, "issues/backlog/ab000001-x.md", issue("ab000001", ""));
    RoadmapStore store = store(root);
    String hash = store.apply("ab000001", IssueEdit.builder().title("Mine").build());
    assertTrue(store.isOwnWrite("ab000001", hash));
    assertEquals(hash, store.read("ab000001").orElseThrow().contentHash());
    assertFalse(store.isOwnWrite("ab000001", "0".repeat(64)));
  }

  @Test
  void configMilestonesAndProjectsAreRead() throws Exception {
    RoadmapStore store = RoadmapStore.open(CorpusFiles.copy(CorpusFiles.OLDER, temp));
    assertEquals(Optional.of("shanewilkins/roadmap"), store.config().repository());
    assertTrue(store.config().githubEnabled());
    FolderListing<RoadmapMilestone> milestones = store.milestones();
    assertEquals(List.of(), milestones.problems());
    RoadmapMilestone v100 =
        milestones.items().stream()
            .filter(m -> m.name().equals("v.1.0.0"))
            .findFirst()
            .orElseThrow();
    assertEquals(OptionalInt.of(10), v100.githubMilestone());
    assertFalse(v100.archived());
    assertTrue(
        milestones.items().stream().anyMatch(m -> m.name().equals("v.0.7.0") && m.archived()));
    FolderListing<RoadmapProject> projects = store.projects();
    assertEquals(2, projects.items().size());
    assertEquals(Optional.of("shanewilkins/roadmap"), projects.items().get(0).githubRepo());

    Path root = root().resolveSibling("other");
    write(
        root,
        "projects/12345678-p.md",
        "---\nid: 12345678\nname: p\nrepo_url: https://github.com/acme/widgets.git\n---\n");
    assertEquals(
        Optional.of("acme/widgets"),
        RoadmapStore.open(root).projects().items().get(0).githubRepo());
    assertEquals(Optional.empty(), RoadmapStore.open(root).config().repository());
  }

  @Test
  void createWritesANewIssueInTheToolsFormat() throws Exception {
    RoadmapStore store =
        RoadmapStore.open(
            CorpusFiles.copy(CorpusFiles.CURRENT, temp), Clock.fixed(NOW, ZoneOffset.UTC));
    store.loadAll();
    RoadmapIssue created =
        store.create(
            IssueEdit.builder()
                .title("Phase 2: Sync (GitHub + Roadmap)")
                .body("From GitHub\r\n")
                .labels(List.of("bug"))
                .milestone("v1-0-2")
                .status(IssueStatus.IN_PROGRESS)
                .issueType(IssueType.BUG)
                .githubIssue(4242)
                .build());
    assertEquals(
        Path.of("issues", "v1-0-2", created.id() + "-phase-2-sync-github--roadmap.md"),
        created.path());
    assertTrue(IssueLayout.isSafeId(created.id()) && created.id().length() == 8, created.id());
    RoadmapIssue read = store.read(created.id()).orElseThrow();
    assertEquals(created, read);
    assertEquals("Phase 2: Sync (GitHub + Roadmap)", read.title());
    assertEquals("\nFrom GitHub\n", read.body());
    assertEquals(List.of("bug"), read.labels());
    assertEquals(IssueStatus.IN_PROGRESS, read.status());
    // no priority set: none written (the tool reads a missing one as medium)
    assertEquals(Optional.empty(), read.priority());
    assertEquals(OptionalInt.of(4242), read.githubIssue());
    assertEquals(4242L, read.frontMatter().get("github_issue"));
    assertEquals(Optional.of(NOW), read.created());
    assertTrue(store.isOwnWrite(created.id(), created.contentHash()));
    LoadResult loaded = store.loadAll();
    assertEquals(105, loaded.issues().size());
    assertEquals(List.of(), loaded.problems());
    assertThrows(
        IllegalArgumentException.class,
        () -> store.create(IssueEdit.builder().labels(List.of()).build()));
  }
}
