package org.roadmapsync.roadmap;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of an issue file's {@code comments} list: the {@code roadmap} tool's {@code Comment}.
 *
 * <p>Equality is the record's and includes {@link #line()}: the same comment read at another place
 * in the file is another read. Sync compares with {@link #sameContent} (or {@link #sameContents}
 * for whole lists), which ignores the line; the store compares that way too when it writes a list.
 *
 * <p>Times are kept to the microsecond, the precision of the tool's Python datetimes: a finer time
 * could not be written so that it reads back equal.
 *
 * @param id the entry's number, unique within the file
 * @param issueId the issue's id as the entry names it; null when absent
 * @param author who wrote it (a GitHub login for comments from GitHub); null when absent
 * @param body the text exactly as it reads back; never null, may be empty
 * @param createdAt null when absent
 * @param updatedAt null when absent
 * @param githubUrl the GitHub comment it is synced with ({@code …#issuecomment-123}); null when
 *     absent
 * @param inReplyTo the {@code id} of the entry it answers; null when none
 * @param line 1-based line of the entry in the file, for messages; 0 for a comment not read from a
 *     file
 */
public record RoadmapComment(
    int id,
    String issueId,
    String author,
    String body,
    Instant createdAt,
    Instant updatedAt,
    String githubUrl,
    Integer inReplyTo,
    int line) {

  private static final Pattern GITHUB_COMMENT_ID = Pattern.compile("#issuecomment-([0-9]{1,18})$");

  public RoadmapComment {
    if (body == null) {
      throw new IllegalArgumentException("a comment's body cannot be null (an empty one is \"\")");
    }
    createdAt = toMicros(createdAt);
    updatedAt = toMicros(updatedAt);
  }

  /** A comment to write (not read from a file, so its line is 0). */
  public static RoadmapComment of(
      int id,
      String issueId,
      String author,
      String body,
      Instant createdAt,
      Instant updatedAt,
      String githubUrl,
      Integer inReplyTo) {
    return new RoadmapComment(
        id, issueId, author, body, createdAt, updatedAt, githubUrl, inReplyTo, 0);
  }

  /** Equal in every field but {@link #line()}. */
  public boolean sameContent(RoadmapComment other) {
    return other != null
        && id == other.id
        && Objects.equals(issueId, other.issueId)
        && Objects.equals(author, other.author)
        && body.equals(other.body)
        && Objects.equals(createdAt, other.createdAt)
        && Objects.equals(updatedAt, other.updatedAt)
        && Objects.equals(githubUrl, other.githubUrl)
        && Objects.equals(inReplyTo, other.inReplyTo);
  }

  /** The same comments in the same order, lines ignored. */
  public static boolean sameContents(List<RoadmapComment> a, List<RoadmapComment> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).sameContent(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** This comment with another body and {@code updated_at}. */
  public RoadmapComment withBody(String newBody, Instant newUpdatedAt) {
    return new RoadmapComment(
        id, issueId, author, newBody, createdAt, newUpdatedAt, githubUrl, inReplyTo, line);
  }

  /** This comment linked to a GitHub comment (null: unlinked). */
  public RoadmapComment withGithubUrl(String url) {
    return new RoadmapComment(
        id, issueId, author, body, createdAt, updatedAt, url, inReplyTo, line);
  }

  /** The id of the GitHub comment {@link #githubUrl()} names; empty when there is none. */
  public OptionalLong githubCommentId() {
    return githubCommentId(githubUrl);
  }

  /**
   * The GitHub comment id at the end of a comment link ({@code …/issues/41#issuecomment-123} →
   * 123); empty for null or any other text.
   */
  public static OptionalLong githubCommentId(String githubUrl) {
    if (githubUrl == null) {
      return OptionalLong.empty();
    }
    Matcher m = GITHUB_COMMENT_ID.matcher(githubUrl);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  private static Instant toMicros(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
  }
}
