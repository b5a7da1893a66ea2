package org.roadmapsync.github;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** State of an issue, pull request or milestone. */
public enum IssueState {
  @JsonProperty("open")
  OPEN,
  @JsonProperty("closed")
  CLOSED,
  @JsonEnumDefaultValue
  UNKNOWN;

  /** The value GitHub expects in a request. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
