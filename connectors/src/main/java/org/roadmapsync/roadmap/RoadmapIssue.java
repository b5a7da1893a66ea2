package org.roadmapsync.roadmap;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One roadmap issue as read from its file: the fields sync maps to GitHub, plus the whole front
 * matter as an ordered tree so nothing in the file is lost to the reader.
 *
 * @param path the file, relative to the {@code .roadmap} folder
 * @param githubIssue {@code remote_ids.github}, else the legacy {@code github_issue}
 * @param comments the {@code comments} entries in file order; empty when the key is missing, null
 *     or {@code []}
 * @param relations {@code depends_on} and {@code blocks} (empty when missing, null or {@code []})
 * @param archived {@code archived: true} or a file under {@code archive/}
 * @param contentHash SHA-256 (hex) of the file's bytes
 */
public record RoadmapIssue(
    String id,
    String title,
    String body,
    List<String> labels,
    Optional<String> milestone,
    Optional<String> assignee,
    IssueStatus status,
    Optional<IssuePriority> priority,
    Optional<IssueType> issueType,
    Optional<Instant> created,
    Optional<Instant> updated,
    OptionalInt githubIssue,
    List<String> gitBranches,
    List<RoadmapComment> comments,
    IssueRelations relations,
    boolean archived,
    Path path,
    String contentHash,
    Map<String, Object> frontMatter) {

  public RoadmapIssue {
    labels = List.copyOf(labels);
    gitBranches = List.copyOf(gitBranches);
    comments = List.copyOf(comments);
    relations = relations == null ? IssueRelations.NONE : relations;
  }

  /** An issue without {@code depends_on} or {@code blocks}. */
  public RoadmapIssue(
      String id,
      String title,
      String body,
      List<String> labels,
      Optional<String> milestone,
      Optional<String> assignee,
      IssueStatus status,
      Optional<IssuePriority> priority,
      Optional<IssueType> issueType,
      Optional<Instant> created,
      Optional<Instant> updated,
      OptionalInt githubIssue,
      List<String> gitBranches,
      List<RoadmapComment> comments,
      boolean archived,
      Path path,
      String contentHash,
      Map<String, Object> frontMatter) {
    this(
        id,
        title,
        body,
        labels,
        milestone,
        assignee,
        status,
        priority,
        issueType,
        created,
        updated,
        githubIssue,
        gitBranches,
        comments,
        IssueRelations.NONE,
        archived,
        path,
        contentHash,
        frontMatter);
  }

  /**
   * The same issue without its text (body, comments, front matter): what a memo of thousands of
   * files keeps for readers of ids, links and relations.
   */
  public RoadmapIssue withoutText() {
    return new RoadmapIssue(
        id,
        title,
        "",
        labels,
        milestone,
        assignee,
        status,
        priority,
        issueType,
        created,
        updated,
        githubIssue,
        gitBranches,
        List.of(),
        relations,
        archived,
        path,
        contentHash,
        Map.of());
  }
}
