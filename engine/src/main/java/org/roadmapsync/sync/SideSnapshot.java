package org.roadmapsync.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * What one side holds now.
 *
 * @param updatedAt the roadmap file's {@code updated} or GitHub's {@code updated_at}; null when
 *     unknown
 */
public record SideSnapshot(IssueFields fields, Instant updatedAt) {

  public SideSnapshot {
    Objects.requireNonNull(fields, "fields");
  }
}
