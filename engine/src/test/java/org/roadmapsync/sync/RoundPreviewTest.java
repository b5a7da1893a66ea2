package org.roadmapsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.ConflictStrategy;

/** What a round would do, as the plan shows it: the rounds' own decision, described. */
class RoundPreviewTest {

  private static final Instant T = Instant.parse("2026-11-22T05:00:00Z");
  private static final IssueLink LINK = new IssueLink("o/r", 7);

  private static IssueFields fields(String title, String body) {
    return new IssueFields(title, body, List.of(), null, null, "todo", "high", "feature");
  }

  private static IssueSyncState synced(IssueFields base) {
    return IssueSyncState.empty("id1")
        .apply(new IssueSyncEntity.Linked(LINK))
        .apply(new IssueSyncEntity.LocalObserved(local(base, T)))
        .apply(new IssueSyncEntity.RemoteObserved(new RemoteSnapshot(LINK, base, T)))
        .apply(new IssueSyncEntity.Synced(base, T));
  }

  private static LocalSnapshot local(IssueFields fields, Instant updated) {
    return new LocalSnapshot(fields, updated, "hash-" + fields.hashCode(), 7L, null);
  }

  private static RoundPreview.Preview preview(
      IssueFields file,
      Instant fileUpdated,
      IssueFields github,
      Instant githubUpdated,
      ConflictStrategy strategy) {
    return RoundPreview.of(
        synced(fields("A", "a")),
        local(file, fileUpdated),
        new RemoteSnapshot(LINK, github, githubUpdated),
        strategy);
  }

  @Test
  void nothingChangedIsInSync() {
    var p = preview(fields("A", "a"), T, fields("A", "a"), T, ConflictStrategy.LAST_WRITE_WINS);
    assertEquals(RoundPreview.Action.IN_SYNC, p.action());
    assertEquals(Map.of(), p.toGitHub());
  }

  @Test
  void aFileEditIsPushedAGitHubEditPulledBothIsPushAndPull() {
    var push = preview(fields("B", "a"), T, fields("A", "a"), T, ConflictStrategy.LAST_WRITE_WINS);
    assertEquals(RoundPreview.Action.PUSH, push.action());
    assertEquals(Map.of("title", new FieldChange("A", "B")), push.toGitHub());
    var pull = preview(fields("A", "a"), T, fields("A", "b"), T, ConflictStrategy.LAST_WRITE_WINS);
    assertEquals(RoundPreview.Action.PULL, pull.action());
    assertEquals(Map.of("body", new FieldChange("a", "b")), pull.toRoadmap());
    var both = preview(fields("B", "a"), T, fields("A", "b"), T, ConflictStrategy.LAST_WRITE_WINS);
    assertEquals(RoundPreview.Action.PUSH_AND_PULL, both.action());
    assertEquals(Map.of("title", new FieldChange("A", "B")), both.toGitHub());
    assertEquals(Map.of("body", new FieldChange("a", "b")), both.toRoadmap());
  }

  @Test
  void aConflictShowsWhatTheStrategyPicks() {
    var newerGitHub =
        preview(
            fields("R", "a"),
            T,
            fields("G", "a"),
            T.plusSeconds(60),
            ConflictStrategy.LAST_WRITE_WINS);
    assertEquals(RoundPreview.Action.PULL, newerGitHub.action());
    assertEquals(
        List.of(new RoundPreview.Conflict("title", "A", "R", "G", "github")),
        newerGitHub.conflicts());
    var roadmap =
        preview(fields("R", "a"), T, fields("G", "a"), T, ConflictStrategy.PREFER_ROADMAP);
    assertEquals(RoundPreview.Action.PUSH, roadmap.action());
    assertEquals("roadmap", roadmap.conflicts().get(0).pick());
    var manual = preview(fields("R", "a"), T, fields("G", "a"), T, ConflictStrategy.MANUAL);
    assertEquals(RoundPreview.Action.CONFLICT, manual.action());
    assertEquals("manual", manual.conflicts().get(0).pick());
  }

  @Test
  void unlinkedIsAPublishCandidateAndAFileNamingAnotherNumberIsRelinked() {
    IssueSyncState unlinked = IssueSyncState.empty("id2");
    var publish =
        RoundPreview.of(
            unlinked,
            new LocalSnapshot(fields("A", "a"), T, "h", null, null),
            null,
            ConflictStrategy.LAST_WRITE_WINS);
    assertEquals(RoundPreview.Action.PUBLISH, publish.action());
    var relink =
        RoundPreview.of(
            synced(fields("A", "a")),
            new LocalSnapshot(fields("A", "a"), T, "h2", null, null),
            new RemoteSnapshot(LINK, fields("A", "a"), T),
            ConflictStrategy.LAST_WRITE_WINS);
    assertEquals(RoundPreview.Action.LINK_FILE, relink.action());
    var unread =
        RoundPreview.of(
            synced(fields("A", "a")),
            local(fields("A", "a"), T),
            null,
            ConflictStrategy.LAST_WRITE_WINS);
    assertEquals(RoundPreview.Action.ERROR, unread.action());
    assertEquals("push-and-pull", RoundPreview.Action.PUSH_AND_PULL.apiName());
  }
}
