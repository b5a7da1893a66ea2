package org.roadmapsync.sync;

import java.time.Instant;
import java.util.Optional;
import org.roadmapsync.github.Comment;
import org.roadmapsync.persistence.CborSerializable;

/**
 * One comment of the GitHub issue as sync last saw it.
 *
 * @param body as GitHub has it: for a comment sync posted, with its {@link CommentMarker}
 * @param author the login; {@code ghost} for a deleted account
 */
public record RemoteComment(
    long id, String author, String body, Instant createdAt, Instant updatedAt, String url)
    implements CborSerializable {

  /** GitHub's comment; a deleted account's comment ({@code user: null}) is {@code ghost}'s. */
  public static RemoteComment from(Comment c) {
    return new RemoteComment(
        c.id(),
        c.user() == null ? "ghost" : c.user().login(),
        c.body() == null ? "" : c.body(),
        c.createdAt(),
        c.updatedAt(),
        c.htmlUrl());
  }

  /** The text the roadmap file holds for it: the body without the marker. */
  public String text() {
    return CommentMarker.strip(body);
  }

  /** The roadmap comment id this comment was posted for, when sync posted it for {@code issue}. */
  Optional<Integer> postedFor(String issueId) {
    return CommentMarker.postedFor(body, issueId);
  }

  /** Webhooks and listings can arrive out of order: an older copy never replaces a newer one. */
  boolean newerThan(RemoteComment other) {
    return other == null
        || updatedAt == null
        || other.updatedAt() == null
        || !updatedAt.isBefore(other.updatedAt());
  }
}
