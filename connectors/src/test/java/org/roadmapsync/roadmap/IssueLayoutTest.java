package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IssueLayoutTest {

  @Test
  void milestoneNamesAreTheirFolderNamesWhenSafe() {
    assertEquals("v.0.2.0", IssueLayout.milestoneFolder(Optional.of("v.0.2.0")));
    assertEquals("v1-0-2", IssueLayout.milestoneFolder(Optional.of("v1-0-2")));
    assertEquals("backlog", IssueLayout.milestoneFolder(Optional.of("backlog")));
    assertEquals("backlog", IssueLayout.milestoneFolder(Optional.empty()));
    assertEquals("backlog", IssueLayout.milestoneFolder(Optional.of("  ")));
    assertEquals("Sprint 1-2", IssueLayout.milestoneFolder(Optional.of("Sprint 1/2")));
    assertEquals("backlog", IssueLayout.milestoneFolder(Optional.of("..")));
    assertEquals("etc-passwd", IssueLayout.milestoneFolder(Optional.of("../etc/passwd")));
  }

  @Test
  void targetsKeepTheFileName() {
    Path current = Path.of("archive/issues/0b4a88eb-phase-1.md");
    assertEquals(
        Path.of("issues/v2/0b4a88eb-phase-1.md"),
        IssueLayout.target(current, Optional.of("v2"), false));
    assertEquals(
        Path.of("archive/issues/backlog/0b4a88eb-phase-1.md"),
        IssueLayout.target(current, Optional.empty(), true));
  }

  @Test
  void onlyMarkdownIssueFilesCount() {
    assertTrue(IssueLayout.isIssueFile(Path.of("issues/backlog/ab-x.md")));
    assertTrue(IssueLayout.isIssueFile(Path.of("archive/issues/ab-x.md")));
    assertFalse(IssueLayout.isIssueFile(Path.of("milestones/v1.md")));
    assertFalse(IssueLayout.isIssueFile(Path.of("templates/issue.md")));
    assertFalse(IssueLayout.isIssueFile(Path.of("issues/backlog/.ab-x.md.swp")));
    assertFalse(IssueLayout.isIssueFile(Path.of("issues/backlog/ab-x.md~")));
    assertFalse(IssueLayout.isIssueFile(Path.of("issues/backlog/.#ab-x.md")));
    assertFalse(IssueLayout.isIssueFile(Path.of("issues/backlog/4913")));
    assertFalse(IssueLayout.isIssueFile(Path.of("db/issues/ab-x.md")));
    assertFalse(IssueLayout.isIssueFile(Path.of("issues/backlog/.ab-x.md.1234.roadmap-sync.tmp")));
  }

  @Test
  void idsAndFileNames() {
    assertEquals(
        Optional.of("0b4a88eb"),
        IssueLayout.idFromFileName(Path.of("issues/x/0b4a88eb-phase-1.md")));
    assertTrue(IssueLayout.fileNameMatchesId(Path.of("issues/x/0b4a88eb-phase-1.md"), "0b4a88eb"));
    assertTrue(IssueLayout.fileNameMatchesId(Path.of("issues/x/0b4a88eb.md"), "0b4a88eb"));
    assertFalse(IssueLayout.fileNameMatchesId(Path.of("issues/x/0b4a88eb-phase-1.md"), "0b4a88"));
  }

  @Test
  void plainScalarsThatAnotherReaderCouldMisreadAreQuoted() {
    for (String safe : new String[] {"Fix the parser", "ünïcode ✓", "a-b", "v1.0.2x"}) {
      assertTrue(ScalarRendering.plainSafe(safe), safe);
    }
    for (String unsafe :
        new String[] {
          "",
          "yes",
          "No",
          "null",
          "~",
          "123",
          "1.5",
          "2025-01-01",
          "-x",
          "key: value",
          "a #b",
          "[x]",
          "'q'",
          "ends:",
          " lead"
        }) {
      assertFalse(ScalarRendering.plainSafe(unsafe), unsafe);
    }
  }
}
