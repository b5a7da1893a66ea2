package org.roadmapsync.roadmap;

import java.util.Locale;
import java.util.Optional;

/** {@code priority} of a roadmap issue. */
public enum IssuePriority {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  public String yaml() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<IssuePriority> fromYaml(String value) {
    for (IssuePriority priority : values()) {
      if (priority.yaml().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(priority);
      }
    }
    return Optional.empty();
  }
}
