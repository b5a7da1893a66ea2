package org.roadmapsync.github;

/** A GitHub App's installation, as {@code GET /repos/{owner}/{repo}/installation} names it. */
public record Installation(long id, long appId) {}
