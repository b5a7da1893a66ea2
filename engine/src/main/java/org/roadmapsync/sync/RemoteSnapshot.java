package org.roadmapsync.sync;

import java.time.Instant;
import org.roadmapsync.persistence.CborSerializable;

/**
 * The GitHub issue as sync last saw it: its link, mapped fields, {@code updated_at} and how many
 * comments it has ({@code comments}; null when not known, as in snapshots journaled before comments
 * were synced).
 */
public record RemoteSnapshot(
    IssueLink link, IssueFields fields, Instant updatedAt, Integer commentCount)
    implements CborSerializable {

  public RemoteSnapshot(IssueLink link, IssueFields fields, Instant updatedAt) {
    this(link, fields, updatedAt, null);
  }

  /** Webhooks and polls can arrive out of order: an older snapshot never replaces a newer one. */
  public boolean newerThan(RemoteSnapshot other) {
    return other == null
        || !link.equals(other.link)
        || updatedAt == null
        || other.updatedAt() == null
        || !updatedAt.isBefore(other.updatedAt());
  }
}
