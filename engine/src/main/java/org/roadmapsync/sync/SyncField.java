package org.roadmapsync.sync;

import java.util.Optional;

/** The fields sync keeps equal on both sides, as DESIGN.md's field mapping names them. */
public enum SyncField {
  TITLE("title"),
  BODY("body"),
  LABELS("labels"),
  MILESTONE("milestone"),
  ASSIGNEE("assignee"),
  STATUS("status"),
  PRIORITY("priority"),
  ISSUE_TYPE("issueType");

  private final String apiName;

  SyncField(String apiName) {
    this.apiName = apiName;
  }

  /** The name used in the admin API (history, conflicts, resolve). */
  public String apiName() {
    return apiName;
  }

  public static Optional<SyncField> fromApiName(String name) {
    for (SyncField f : values()) {
      if (f.apiName.equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
