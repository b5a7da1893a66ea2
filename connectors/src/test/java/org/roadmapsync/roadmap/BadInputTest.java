package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input becomes a problem with path, line and reason; the file is never rewritten; the
 * rest loads.
 */
class BadInputTest {
  @TempDir Path temp;
  private Path root;

  @BeforeEach
  void goodFiles() throws Exception {
    root = CorpusFiles.copy(CorpusFiles.CURRENT, temp);
  }

  private Path write(String relative, String text) throws Exception {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private RoadmapFileProblem onlyProblem(RoadmapStore store, String relative) {
    LoadResult loaded = store.loadAll();
    assertEquals(104, loaded.issues().size(), "every good corpus file still loads");
    Map<Path, RoadmapFileProblem> byPath =
        loaded.problems().stream()
            .collect(Collectors.toMap(RoadmapFileProblem::path, Function.identity()));
    assertTrue(byPath.containsKey(Path.of(relative)), "problems: " + loaded.problems());
    return byPath.get(Path.of(relative));
  }

  private void assertRefusedAndUntouched(RoadmapStore store, String id, Path file)
      throws Exception {
    byte[] before = Files.readAllBytes(file);
    RoadmapStoreException.UnusableFile refused =
        assertThrows(
            RoadmapStoreException.UnusableFile.class,
            () -> store.apply(id, IssueEdit.builder().title("sync wants to write").build()));
    assertEquals(root.relativize(file), refused.problem().path());
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void unparseableYaml() throws Exception {
    Path file =
        write(
            "issues/backlog/bad00001-broken.md",
            "---\nid: bad00001\ntitle: ok\nlabels: [unclosed\nstatus: todo\n---\nbody\n");
    RoadmapStore store = RoadmapStore.open(root);
    RoadmapFileProblem problem = onlyProblem(store, "issues/backlog/bad00001-broken.md");
    assertEquals(RoadmapFileProblem.Kind.YAML_SYNTAX, problem.kind());
    assertTrue(problem.line() >= 4 && problem.line() <= 6, "line " + problem.line());
    assertTrue(problem.reason().startsWith("invalid YAML"), problem.reason());
    assertEquals(Optional.of("bad00001"), problem.issueId());
    assertRefusedAndUntouched(store, "bad00001", file);
  }

  @Test
  void aDependsOnThatIsNotAListOfIds() throws Exception {
    Path file =
        write(
            "issues/backlog/bad00009-relations.md",
            "---\nid: bad00009\ntitle: ok\nstatus: todo\ndepends_on:\n- 4fd74d1e\n- {id: x}\n"
                + "blocks: []\n---\nbody\n");
    RoadmapStore store = RoadmapStore.open(root);
    RoadmapFileProblem problem = onlyProblem(store, "issues/backlog/bad00009-relations.md");
    assertEquals(RoadmapFileProblem.Kind.INVALID_VALUE, problem.kind());
    assertEquals(7, problem.line(), "the entry's line");
    assertTrue(problem.reason().contains("'depends_on' must be a list of roadmap issue ids"));
    assertRefusedAndUntouched(store, "bad00009", file);
  }

  @Test
  void noFrontMatterAtAll() throws Exception {
    write("issues/backlog/bad00002-plain.md", "# just markdown\n");
    RoadmapFileProblem problem =
        onlyProblem(RoadmapStore.open(root), "issues/backlog/bad00002-plain.md");
    assertEquals(RoadmapFileProblem.Kind.YAML_SYNTAX, problem.kind());
    assertEquals(1, problem.line());
  }

  @Test
  void missingId() throws Exception {
    Path file =
        write("issues/backlog/bad00003-no-id.md", "---\ntitle: no id here\nstatus: todo\n---\n");
    RoadmapStore store = RoadmapStore.open(root);
    RoadmapFileProblem problem = onlyProblem(store, "issues/backlog/bad00003-no-id.md");
    assertEquals(RoadmapFileProblem.Kind.MISSING_ID, problem.kind());
    assertEquals(1, problem.line());
    assertTrue(problem.reason().contains("no 'id'"));
    assertRefusedAndUntouched(store, "bad00003", file);
  }

  @Test
  void sameIdInTwoFiles() throws Exception {
    // 4fd74d1e exists in the corpus; a second active file takes the same id
    String original = "issues/backlog/4fd74d1e-duplicate-test-issue-alpha.md";
    Path copy = write("issues/v9/4fd74d1e-copy.md", Files.readString(root.resolve(original)));
    RoadmapStore store = RoadmapStore.open(root);
    LoadResult loaded = store.loadAll();
    assertEquals(103, loaded.issues().size());
    List<RoadmapFileProblem> problems = loaded.problems();
    assertEquals(2, problems.size(), problems.toString());
    for (RoadmapFileProblem problem : problems) {
      assertEquals(RoadmapFileProblem.Kind.DUPLICATE_ID, problem.kind());
      assertEquals(2, problem.line());
      assertTrue(problem.reason().contains("also used by"), problem.reason());
    }
    assertEquals(Path.of("issues/v9/4fd74d1e-copy.md"), problems.get(1).path());
    byte[] before = Files.readAllBytes(root.resolve(original));
    assertThrows(
        RoadmapStoreException.UnusableFile.class,
        () -> store.apply("4fd74d1e", IssueEdit.builder().title("x").build()));
    assertArrayEquals(before, Files.readAllBytes(root.resolve(original)));
    assertThrows(RoadmapStoreException.UnusableFile.class, () -> store.read("4fd74d1e"));
    Files.delete(copy);
    assertEquals(104, store.loadAll().issues().size(), "fixed once the copy is gone");
  }

  @Test
  void idNotMatchingTheFileName() throws Exception {
    Path file = write("issues/backlog/bad00004-name.md", "---\ntitle: t\nid: other001\n---\n");
    RoadmapStore store = RoadmapStore.open(root);
    RoadmapFileProblem problem = onlyProblem(store, "issues/backlog/bad00004-name.md");
    assertEquals(RoadmapFileProblem.Kind.ID_MISMATCH, problem.kind());
    assertEquals(3, problem.line());
    assertEquals(Optional.of("other001"), problem.issueId());
    assertRefusedAndUntouched(store, "other001", file);
  }

  @Test
  void invalidEnumValues() throws Exception {
    Path status =
        write(
            "issues/backlog/bad00005-status.md",
            "---\nid: bad00005\ntitle: t\nstatus: finished\n---\n");
    write(
        "issues/backlog/bad00006-priority.md",
        "---\nid: bad00006\ntitle: t\npriority: urgent\n---\n");
    write(
        "issues/backlog/bad00007-type.md", "---\nid: bad00007\ntitle: t\nissue_type: epic\n---\n");
    RoadmapStore store = RoadmapStore.open(root);
    RoadmapFileProblem problem = onlyProblem(store, "issues/backlog/bad00005-status.md");
    assertEquals(RoadmapFileProblem.Kind.INVALID_VALUE, problem.kind());
    assertEquals(4, problem.line());
    assertTrue(problem.reason().contains("'status' is 'finished'"), problem.reason());
    assertEquals(3, store.loadAll().problems().size());
    assertRefusedAndUntouched(store, "bad00005", status);
  }

  @Test
  void otherBadValuesAndBytes() throws Exception {
    write(
        "issues/backlog/bad00008-link.md",
        "---\nid: bad00008\ntitle: t\nremote_ids:\n  github: 4\ngithub_issue: 5\n---\n");
    write(
        "issues/backlog/bad00009-nan.md", "---\nid: bad00009\ntitle: t\ngithub_issue: soon\n---\n");
    Path latin1 = root.resolve("issues/backlog/bad00010-latin1.md");
    Files.write(
        latin1, "---\nid: bad00010\ntitle: caf\u00e9\n---\n".getBytes(StandardCharsets.ISO_8859_1));
    RoadmapStore store = RoadmapStore.open(root);
    assertTrue(
        onlyProblem(store, "issues/backlog/bad00008-link.md")
            .reason()
            .contains("different GitHub issues"));
    assertEquals(
        RoadmapFileProblem.Kind.INVALID_VALUE,
        onlyProblem(store, "issues/backlog/bad00009-nan.md").kind());
    assertEquals(
        RoadmapFileProblem.Kind.UNREADABLE,
        onlyProblem(store, "issues/backlog/bad00010-latin1.md").kind());
    assertRefusedAndUntouched(store, "bad00010", latin1);
  }

  @Test
  void swapBackupHiddenNonMarkdownAndDatabaseFilesAreIgnored() throws Exception {
    String broken = "---\nid: [\n---\n";
    write("issues/backlog/.4fd74d1e-x.md.swp", broken);
    write("issues/backlog/4fd74d1e-x.md~", broken);
    write("issues/backlog/.#4fd74d1e-x.md", broken);
    write("issues/backlog/4913", broken);
    write("issues/backlog/notes.txt", broken);
    write("db/state.md", broken);
    write("issues/backlog/.hidden/zz000001-x.md", broken);
    LoadResult loaded = RoadmapStore.open(root).loadAll();
    assertEquals(List.of(), loaded.problems());
    assertEquals(104, loaded.issues().size());
  }

  @Test
  void anEditThatWouldNotReadBackIsRefusedAndWritesNothing() throws Exception {
    // an alias to the title: replacing the anchored value would leave the alias pointing nowhere
    Path file =
        write(
            "issues/backlog/bad00011-alias.md",
            "---\nid: bad00011\ntitle: &t Old title\nheadline: *t\nstatus: todo\n---\n");
    RoadmapStore store = RoadmapStore.open(root);
    assertEquals("Old title", store.read("bad00011").orElseThrow().title());
    byte[] before = Files.readAllBytes(file);
    RoadmapStoreException.EditNotLossless refused =
        assertThrows(
            RoadmapStoreException.EditNotLossless.class,
            () -> store.apply("bad00011", IssueEdit.builder().title("New title").build()));
    assertTrue(refused.getMessage().contains("bad00011"), refused.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals("Old title", RoadmapStore.open(root).read("bad00011").orElseThrow().title());
  }
}
