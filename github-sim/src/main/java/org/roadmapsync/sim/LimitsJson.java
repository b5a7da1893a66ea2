package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * {@link SimLimits} as the control API reads and writes it; a PUT changes only the keys it names.
 */
final class LimitsJson {
  private LimitsJson() {}

  static ObjectNode toJson(SimLimits l) {
    return GitHubShapes.MAPPER
        .createObjectNode()
        .put("primary_limit", l.primaryLimit())
        .put("primary_window_seconds", l.primaryWindow().toSeconds())
        .put("max_concurrent", l.maxConcurrent())
        .put("writes_per_minute", l.writesPerMinute())
        .put("writes_per_hour", l.writesPerHour())
        .put("min_write_spacing_ms", l.minWriteSpacing().toMillis())
        .put("send_retry_after", l.sendRetryAfter())
        .put("secondary_retry_after_seconds", l.secondaryRetryAfter().toSeconds())
        .put("exhausted_status", l.exhaustedStatus());
  }

  static SimLimits merge(SimLimits l, JsonNode b) {
    return new SimLimits(
        b.path("primary_limit").asInt(l.primaryLimit()),
        Duration.ofSeconds(b.path("primary_window_seconds").asLong(l.primaryWindow().toSeconds())),
        b.path("max_concurrent").asInt(l.maxConcurrent()),
        b.path("writes_per_minute").asInt(l.writesPerMinute()),
        b.path("writes_per_hour").asInt(l.writesPerHour()),
        Duration.ofMillis(b.path("min_write_spacing_ms").asLong(l.minWriteSpacing().toMillis())),
        b.path("send_retry_after").asBoolean(l.sendRetryAfter()),
        Duration.ofSeconds(
            b.path("secondary_retry_after_seconds").asLong(l.secondaryRetryAfter().toSeconds())),
        b.path("exhausted_status").asInt(l.exhaustedStatus()));
  }
}
