package org.roadmapsync.health;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/** One local component in {@code /health}: its status plus what explains it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentHealth(
    String status, String reason, Instant checkedAt, @JsonIgnore Map<String, Object> details) {

  public static final String UP = "UP";
  public static final String DOWN = "DOWN";

  /** Working in part: the git remote unreachable while the local roadmap syncs on. */
  public static final String DEGRADED = "DEGRADED";

  /** Neither working nor broken, e.g. a roadmap folder that does not exist yet. */
  public static final String UNKNOWN = "UNKNOWN";

  @JsonAnyGetter
  public Map<String, Object> detailsForJson() {
    return details;
  }

  public boolean down() {
    return DOWN.equals(status);
  }
}
