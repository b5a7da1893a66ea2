package org.roadmapsync.github;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The fields of a repository the sync needs; {@code fullName} is {@code owner/name}. */
public record Repository(
    long id,
    String name,
    String fullName,
    User owner,
    @JsonProperty("private") boolean isPrivate,
    String defaultBranch,
    String htmlUrl,
    boolean hasIssues,
    boolean archived) {}
