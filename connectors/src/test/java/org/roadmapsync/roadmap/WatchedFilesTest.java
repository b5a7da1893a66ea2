package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The watcher's pure decision: two views of the files in, events out. */
class WatchedFilesTest {
  private static final Path A = Path.of("issues/backlog/aa-x.md");
  private static final Path A_MOVED = Path.of("issues/v1/aa-x.md");
  private static final Path A_ARCHIVED = Path.of("archive/issues/backlog/aa-x.md");

  private static WatchedFiles.Seen ok(String id, String hash) {
    return new WatchedFiles.Seen(Optional.of(id), hash, 1, 1, Optional.empty());
  }

  private static WatchedFiles.Seen broken(Path path, String id, String hash) {
    return new WatchedFiles.Seen(
        Optional.of(id),
        hash,
        1,
        1,
        Optional.of(
            new RoadmapFileProblem(
                path, 3, "bad", RoadmapFileProblem.Kind.YAML_SYNTAX, Optional.of(id))));
  }

  private static List<RoadmapEvent> diff(
      Map<Path, WatchedFiles.Seen> before, Map<Path, WatchedFiles.Seen> after) {
    return WatchedFiles.diff(before, after, (id, hash) -> hash.equals("mine"));
  }

  @Test
  void createdChangedMovedDeleted() {
    assertEquals(
        List.of(new RoadmapEvent.Created("aa", A, "h1")),
        diff(Map.of(), Map.of(A, ok("aa", "h1"))));
    assertEquals(
        List.of(new RoadmapEvent.Changed("aa", A, "h2")),
        diff(Map.of(A, ok("aa", "h1")), Map.of(A, ok("aa", "h2"))));
    assertEquals(
        List.of(new RoadmapEvent.Moved("aa", A, A_MOVED, "h1")),
        diff(Map.of(A, ok("aa", "h1")), Map.of(A_MOVED, ok("aa", "h1"))));
    assertEquals(
        List.of(new RoadmapEvent.Deleted("aa", A, "h1")),
        diff(Map.of(A, ok("aa", "h1")), Map.of()));
    assertEquals(List.of(), diff(Map.of(A, ok("aa", "h1")), Map.of(A, ok("aa", "h1"))));
  }

  @Test
  void ownWritesAreSilentEvenWhenTheyMoveTheFile() {
    assertEquals(List.of(), diff(Map.of(A, ok("aa", "h1")), Map.of(A, ok("aa", "mine"))));
    assertEquals(List.of(), diff(Map.of(A, ok("aa", "h1")), Map.of(A_MOVED, ok("aa", "mine"))));
  }

  @Test
  void aBrokenFileIsInvalidNotDeletedAndReportedOnce() {
    WatchedFiles.Seen bad = broken(A, "aa", "h2");
    List<RoadmapEvent> events = diff(Map.of(A, ok("aa", "h1")), Map.of(A, bad));
    assertEquals(List.of(new RoadmapEvent.Invalid(bad.problem().orElseThrow(), "h2")), events);
    assertEquals(List.of(), diff(Map.of(A, bad), Map.of(A, bad)));
    assertEquals(
        List.of(new RoadmapEvent.Created("aa", A, "h3")),
        diff(Map.of(A, bad), Map.of(A, ok("aa", "h3"))));
  }

  @Test
  void aBrokenFileRepairedToOneOfTheStoresOwnWritesIsReported() {
    // a teammate reverts a commit that broke the file: its bytes are the store's last write again,
    // and the entity, which holds the problem, must hear that the file is usable
    WatchedFiles.Seen bad = broken(A, "aa", "h2");
    assertEquals(
        List.of(new RoadmapEvent.Created("aa", A, "mine")),
        diff(Map.of(A, bad), Map.of(A, ok("aa", "mine"))));
    // the same for a duplicate id resolved by removing the other copy
    assertEquals(
        List.of(new RoadmapEvent.Created("aa", A, "mine")),
        diff(Map.of(A, ok("aa", "mine"), A_MOVED, ok("aa", "h2")), Map.of(A, ok("aa", "mine"))));
  }

  @Test
  void aSecondActiveFileWithTheSameIdMakesBothInvalidButAnArchivedCopyDoesNot() {
    List<RoadmapEvent> events =
        diff(Map.of(A, ok("aa", "h1")), Map.of(A, ok("aa", "h1"), A_MOVED, ok("aa", "h2")));
    assertEquals(2, events.size(), events.toString());
    events.forEach(
        e ->
            assertEquals(
                RoadmapFileProblem.Kind.DUPLICATE_ID, ((RoadmapEvent.Invalid) e).problem().kind()));
    assertEquals(
        List.of(),
        diff(Map.of(A, ok("aa", "h1")), Map.of(A, ok("aa", "h1"), A_ARCHIVED, ok("aa", "h9"))));
  }
}
