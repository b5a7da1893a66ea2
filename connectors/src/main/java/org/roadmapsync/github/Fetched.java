package org.roadmapsync.github;

import java.util.Optional;

/**
 * A single resource from a conditional GET; {@code notModified} means it came from the ETag cache
 * for free.
 */
public record Fetched<T>(T value, boolean notModified, Optional<String> etag) {}
