package org.roadmapsync.sync;

import java.time.Instant;
import org.roadmapsync.persistence.CborSerializable;

/** The GitHub issue as sync last saw it: its link, mapped fields and {@code updated_at}. */
public record RemoteSnapshot(IssueLink link, IssueFields fields, Instant updatedAt)
    implements CborSerializable {

  /** Webhooks and polls can arrive out of order: an older snapshot never replaces a newer one. */
  public boolean newerThan(RemoteSnapshot other) {
    return other == null
        || !link.equals(other.link)
        || updatedAt == null
        || other.updatedAt() == null
        || !updatedAt.isBefore(other.updatedAt());
  }
}
