package org.roadmapsync.sim;

import java.time.Instant;

/**
 * One issue type of an organisation ({@code GET /orgs/{org}/issue-types}); immutable, so issues can
 * hold it.
 */
record SimIssueType(long id, String name, String description, String color, Instant createdAt) {}
