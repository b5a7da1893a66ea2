package org.roadmapsync.config;

import java.util.Locale;
import java.util.Optional;

/**
 * What a comment deleted on one side does to its copy on the other ({@code
 * ROADMAP_GITHUB_COMMENT_DELETES}): {@code keep} never deletes (the copy stays, no longer synced),
 * {@code mirror} deletes it too.
 */
public enum CommentDeletes {
  KEEP,
  MIRROR;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code keep} or {@code mirror} (any case); empty for anything else. */
  public static Optional<CommentDeletes> parse(String value) {
    for (CommentDeletes d : values()) {
      if (d.configName().equalsIgnoreCase(value.trim())) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
