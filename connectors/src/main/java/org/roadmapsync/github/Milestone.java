package org.roadmapsync.github;

import java.time.Instant;

/** A repository milestone; issues refer to it by {@code number}, people by {@code title}. */
public record Milestone(
    long id,
    long number,
    String title,
    String description,
    IssueState state,
    int openIssues,
    int closedIssues,
    Instant dueOn,
    Instant createdAt,
    Instant updatedAt,
    Instant closedAt) {}
