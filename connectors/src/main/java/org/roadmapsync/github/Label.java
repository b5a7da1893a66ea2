package org.roadmapsync.github;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A repository label; {@code color} is six hex digits without {@code #}; description may be null.
 */
public record Label(
    long id,
    String name,
    String color,
    String description,
    @JsonProperty("default") boolean isDefault) {}
