package org.roadmapsync.roadmap;

import java.util.Locale;
import java.util.Optional;

/** {@code status} of a roadmap issue; the legacy {@code done} reads as {@link #CLOSED}. */
public enum IssueStatus {
  TODO("todo"),
  IN_PROGRESS("in-progress"),
  BLOCKED("blocked"),
  REVIEW("review"),
  CLOSED("closed"),
  ARCHIVED("archived");

  private final String yaml;

  IssueStatus(String yaml) {
    this.yaml = yaml;
  }

  /** The value written to the file. */
  public String yaml() {
    return yaml;
  }

  public boolean isOpen() {
    return this != CLOSED && this != ARCHIVED;
  }

  public static Optional<IssueStatus> fromYaml(String value) {
    String normalised = value.trim().toLowerCase(Locale.ROOT);
    if (normalised.equals("done")) {
      return Optional.of(CLOSED);
    }
    for (IssueStatus status : values()) {
      if (status.yaml.equals(normalised)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
