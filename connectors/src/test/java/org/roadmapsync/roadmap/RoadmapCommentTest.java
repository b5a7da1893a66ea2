package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RoadmapCommentTest {
  private static final Instant T = Instant.parse("2026-02-10T13:45:03Z");

  private static RoadmapComment read(int line) {
    return new RoadmapComment(1, "aa000001", "alice", "Hi", T, T, null, null, line);
  }

  @Test
  void sameContentIgnoresTheLineThatEqualityIncludes() {
    assertNotEquals(read(5), read(9));
    assertTrue(read(5).sameContent(read(9)));
    assertTrue(RoadmapComment.sameContents(List.of(read(5)), List.of(read(0))));
    assertFalse(read(5).sameContent(read(5).withBody("Hi!", T)));
    assertFalse(read(5).sameContent(read(5).withGithubUrl("https://x#issuecomment-1")));
    assertFalse(RoadmapComment.sameContents(List.of(read(5)), List.of()));
    assertFalse(read(5).sameContent(null));
  }

  @Test
  void theGithubCommentIdIsTheNumberAtTheEndOfItsLink() {
    assertEquals(
        OptionalLong.of(2_345_678_901L),
        RoadmapComment.githubCommentId("https://github.com/o/r/issues/41#issuecomment-2345678901"));
    assertEquals(OptionalLong.of(7), read(1).withGithubUrl("#issuecomment-7").githubCommentId());
    assertEquals(OptionalLong.empty(), RoadmapComment.githubCommentId(null));
    assertEquals(
        OptionalLong.empty(), RoadmapComment.githubCommentId("https://github.com/o/r/issues/41"));
    assertEquals(OptionalLong.empty(), RoadmapComment.githubCommentId("#issuecomment-12x"));
    assertEquals(OptionalLong.empty(), RoadmapComment.githubCommentId("#issuecomment-"));
  }

  @Test
  void timesAreKeptToTheMicrosecondAndTheBodyIsRequired() {
    RoadmapComment fine =
        RoadmapComment.of(
            1, null, null, "", Instant.parse("2026-02-10T13:45:03.123456789Z"), null, null, null);
    assertEquals(Instant.parse("2026-02-10T13:45:03.123456Z"), fine.createdAt());
    assertEquals(null, fine.updatedAt());
    assertEquals(0, fine.line());
    assertThrows(
        IllegalArgumentException.class,
        () -> RoadmapComment.of(1, null, null, null, T, T, null, null));
  }
}
