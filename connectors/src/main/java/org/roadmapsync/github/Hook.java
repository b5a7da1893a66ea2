package org.roadmapsync.github;

import java.time.Instant;
import java.util.List;

/**
 * A repository webhook as {@code GET /repos/{o}/{r}/hooks} lists it; {@code config.url} is where it
 * delivers. Lists are never null.
 */
public record Hook(
    long id,
    String name,
    boolean active,
    List<String> events,
    Config config,
    Instant createdAt,
    Instant updatedAt) {

  public Hook {
    events = events == null ? List.of() : List.copyOf(events);
    config = config == null ? new Config(null, null) : config;
  }

  /** The delivery settings; GitHub never shows the secret. */
  public record Config(String url, String contentType) {}
}
