package org.roadmapsync.sync;

import java.time.Instant;
import org.roadmapsync.persistence.CborSerializable;

/**
 * The roadmap file as sync last read it: mapped fields, its {@code updated} time, the content hash
 * that guards writes (no blind overwrite), the GitHub number the file itself names (or null), and
 * the branch its work is on (the first of {@code git_branches}, or null). Events journaled before
 * the branch was recorded read it as null.
 */
public record LocalSnapshot(
    IssueFields fields, Instant updatedAt, String contentHash, Long githubIssue, String branch)
    implements CborSerializable {}
