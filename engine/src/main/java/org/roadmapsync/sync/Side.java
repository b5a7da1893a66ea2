package org.roadmapsync.sync;

import java.util.Locale;
import java.util.Optional;

/** One of the two copies of an issue that sync keeps equal. */
public enum Side {
  ROADMAP,
  GITHUB;

  /** The name used in the admin API ({@code "roadmap"}, {@code "github"}). */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Side> fromApiName(String name) {
    for (Side side : values()) {
      if (side.apiName().equals(name)) {
        return Optional.of(side);
      }
    }
    return Optional.empty();
  }
}
