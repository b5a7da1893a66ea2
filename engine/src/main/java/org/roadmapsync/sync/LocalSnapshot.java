package org.roadmapsync.sync;

import java.time.Instant;
import java.util.List;
import org.roadmapsync.persistence.CborSerializable;

/**
 * The roadmap file as sync last read it: mapped fields, its {@code updated} time, the content hash
 * that guards writes (no blind overwrite), the GitHub number the file itself names (or null), and
 * the branch its work is on (the first of {@code git_branches}, or null). Events journaled before
 * the branch was recorded read it as null; {@code comments}, the file's {@code comments} in file
 * order, null when not known (journaled before comments were synced).
 */
public record LocalSnapshot(
    IssueFields fields,
    Instant updatedAt,
    String contentHash,
    Long githubIssue,
    String branch,
    List<LocalComment> comments)
    implements CborSerializable {

  public LocalSnapshot {
    comments = comments == null ? null : List.copyOf(comments);
  }

  /** Without its comments (not known). */
  public LocalSnapshot(
      IssueFields fields, Instant updatedAt, String contentHash, Long githubIssue, String branch) {
    this(fields, updatedAt, contentHash, githubIssue, branch, null);
  }
}
