package org.roadmapsync.github;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Why an issue is closed (or was reopened); GitHub sends null for issues closed before the field
 * existed.
 */
public enum StateReason {
  @JsonProperty("completed")
  COMPLETED,
  @JsonProperty("not_planned")
  NOT_PLANNED,
  @JsonProperty("reopened")
  REOPENED,
  @JsonProperty("duplicate")
  DUPLICATE,
  @JsonEnumDefaultValue
  UNKNOWN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
