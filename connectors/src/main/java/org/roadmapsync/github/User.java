package org.roadmapsync.github;

/** A GitHub account as it appears inside issues, comments and pull requests. */
public record User(long id, String login, String type, String htmlUrl) {}
