package org.roadmapsync.roadmap;

import java.util.Locale;
import java.util.Optional;

/** {@code issue_type} of a roadmap issue. */
public enum IssueType {
  FEATURE,
  BUG,
  OTHER;

  public String yaml() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<IssueType> fromYaml(String value) {
    for (IssueType type : values()) {
      if (type.yaml().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
