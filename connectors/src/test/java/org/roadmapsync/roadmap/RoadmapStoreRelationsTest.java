package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RoadmapStore#loadRelations}: a file is parsed again only when its stamp moved or it was
 * seen changing. Each test makes a change that keeps the size and the modification time (set back
 * by hand), so only the rule under test can tell the new text from the memo's.
 */
class RoadmapStoreRelationsTest {

  private static final String FILE = "issues/backlog/aa000001-issue.md";

  @TempDir Path temp;

  private Path root;
  private RoadmapStore store;

  private void open() throws Exception {
    root = Files.createDirectories(temp.resolve(".roadmap"));
    write(FILE, issue("aa000001", "aa000002"));
    write("issues/backlog/aa000002-issue.md", issue("aa000002", "aa000003"));
    store = RoadmapStore.open(root);
  }

  private void write(String relative, String text) throws Exception {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** An issue depending on one other, with a body the text-less issues leave out. */
  private static String issue(String id, String dependsOn) {
    return "---\nid: "
        + id
        + "\ntitle: Issue "
        + id
        + "\nstatus: todo\nlabels: []\ndepends_on:\n- "
        + dependsOn
        + "\n---\n\nThe body of "
        + id
        + ".\n";
  }

  private Map<String, List<String>> dependsOn(LoadResult loaded) {
    return loaded.issues().stream()
        .collect(Collectors.toMap(RoadmapIssue::id, i -> i.relations().dependsOnIds()));
  }

  /**
   * Rewrites the first file in place with {@code text} of the same length and modification time.
   */
  private void editInPlaceUnnoticed(String text) throws Exception {
    Path file = root.resolve(FILE);
    FileTime modified = Files.getLastModifiedTime(file);
    assertEquals(Files.size(file), text.getBytes(StandardCharsets.UTF_8).length);
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    Files.setLastModifiedTime(file, modified);
  }

  @Test
  void theRelationsComeWithoutTheTextAndAsTheFilesSayThem() throws Exception {
    open();
    LoadResult loaded = store.loadRelations();
    assertEquals(
        Map.of("aa000001", List.of("aa000002"), "aa000002", List.of("aa000003")),
        dependsOn(loaded));
    loaded.issues().forEach(i -> assertEquals("", i.body()));
    assertTrue(loaded.issues().stream().allMatch(i -> !i.contentHash().isEmpty()));
    // the full load still reads the text
    assertTrue(store.read("aa000001").orElseThrow().body().contains("The body of aa000001."));
  }

  @Test
  void aFileWhoseStampDidNotMoveIsNotParsedAgainUntilTheWatcherSaysItChanged() throws Exception {
    open();
    store.loadAll(); // the start-up load: what loadRelations then reuses
    editInPlaceUnnoticed(issue("aa000001", "aa000009"));
    assertEquals(List.of("aa000002"), dependsOn(store.loadRelations()).get("aa000001"));
    store.changedOnDisk(Path.of(FILE));
    assertEquals(List.of("aa000009"), dependsOn(store.loadRelations()).get("aa000001"));
  }

  @Test
  void aReplacedFileIsParsedAgainEvenWithTheSameSizeAndTime() throws Exception {
    open();
    store.loadRelations();
    Path file = root.resolve(FILE);
    FileTime modified = Files.getLastModifiedTime(file);
    // as every store write does: a new file moved over the old one
    Path next = root.resolve("issues/backlog/.next.tmp");
    Files.writeString(next, issue("aa000001", "aa000009"), StandardCharsets.UTF_8);
    Files.setLastModifiedTime(next, modified);
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    assertEquals(List.of("aa000009"), dependsOn(store.loadRelations()).get("aa000001"));
  }

  @Test
  void aFileWithANewSizeOrTimeIsParsedAgainAndAGoneFileIsGone() throws Exception {
    open();
    store.loadRelations();
    write(FILE, issue("aa000001", "aa000007") + "More text.\n");
    Files.delete(root.resolve("issues/backlog/aa000002-issue.md"));
    write("issues/backlog/aa000003-issue.md", issue("aa000003", "aa000001"));
    assertEquals(
        Map.of("aa000001", List.of("aa000007"), "aa000003", List.of("aa000001")),
        dependsOn(store.loadRelations()));
    // the same size, another time
    editInPlaceUnnoticed(issue("aa000001", "aa000008") + "More text.\n");
    Files.setLastModifiedTime(root.resolve(FILE), FileTime.fromMillis(0));
    assertEquals(List.of("aa000008"), dependsOn(store.loadRelations()).get("aa000001"));
  }

  @Test
  void aParseDuringWhichTheWatcherSawAChangeIsNotKept() throws Exception {
    open();
    ParsedFilesMemo memo = new ParsedFilesMemo();
    Path file = root.resolve(FILE);
    var stamped =
        new ParsedFilesMemo.StampedFile(
            Path.of(FILE),
            ParsedFilesMemo.Stamp.of(Files.readAttributes(file, BasicFileAttributes.class)));
    ParsedIssueFile parsed = IssueFileParser.parse(Path.of(FILE), Files.readAllBytes(file));
    long before = memo.forgetsSoFar();
    memo.forget(Path.of("issues/backlog/aa000002-issue.md")); // meanwhile, on the watcher's thread
    memo.remember(stamped, parsed, before);
    assertTrue(memo.recall(stamped).isEmpty());
    memo.remember(stamped, parsed, memo.forgetsSoFar());
    assertEquals(
        "aa000001",
        assertInstanceOf(ParsedIssueFile.Parsed.class, memo.recall(stamped).orElseThrow())
            .issue()
            .id());
  }

  @Test
  void aParseIsUsedForTenMinutesAtMostThenTheFileIsReadAgain() throws Exception {
    open();
    long[] now = {0};
    ParsedFilesMemo memo = new ParsedFilesMemo(() -> now[0]);
    Path file = root.resolve(FILE);
    var stamped =
        new ParsedFilesMemo.StampedFile(
            Path.of(FILE),
            ParsedFilesMemo.Stamp.of(Files.readAttributes(file, BasicFileAttributes.class)));
    memo.remember(
        stamped,
        IssueFileParser.parse(Path.of(FILE), Files.readAllBytes(file)),
        memo.forgetsSoFar());
    now[0] = ParsedFilesMemo.MAX_AGE.minusSeconds(1).toNanos();
    assertTrue(memo.recall(stamped).isPresent());
    now[0] = ParsedFilesMemo.MAX_AGE.toNanos();
    assertTrue(memo.recall(stamped).isEmpty());
  }
}
