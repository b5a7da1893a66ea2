package org.roadmapsync.github;

import java.time.Instant;

/** An issue (or pull request conversation) comment. */
public record Comment(
    long id,
    String body,
    User user,
    Instant createdAt,
    Instant updatedAt,
    String htmlUrl,
    String issueUrl) {}
