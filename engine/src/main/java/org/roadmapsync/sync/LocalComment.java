package org.roadmapsync.sync;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roadmapsync.persistence.CborSerializable;

/**
 * One entry of the roadmap file's {@code comments}, as sync compares it.
 *
 * @param githubUrl the GitHub comment it was synced with ({@code …#issuecomment-ID}); null: never
 *     synced
 */
public record LocalComment(
    int id, String author, String body, Instant createdAt, Instant updatedAt, String githubUrl)
    implements CborSerializable {

  private static final Pattern COMMENT_ID = Pattern.compile("#issuecomment-(\\d+)$");

  /** The GitHub comment id its {@code github_url} names. */
  public Optional<Long> githubId() {
    if (githubUrl == null) {
      return Optional.empty();
    }
    Matcher m = COMMENT_ID.matcher(githubUrl);
    return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  LocalComment withBody(String text, Instant at) {
    return new LocalComment(id, author, text, createdAt, at, githubUrl);
  }

  LocalComment withGithubUrl(String url) {
    return new LocalComment(id, author, body, createdAt, updatedAt, url);
  }
}
