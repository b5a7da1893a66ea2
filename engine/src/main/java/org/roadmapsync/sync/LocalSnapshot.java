package org.roadmapsync.sync;

import java.time.Instant;
import org.roadmapsync.persistence.CborSerializable;

/**
 * The roadmap file as sync last read it: mapped fields, its {@code updated} time, the content hash
 * that guards writes (no blind overwrite), and the GitHub number the file itself names (or null).
 */
public record LocalSnapshot(IssueFields fields, Instant updatedAt, String contentHash, Long githubIssue)
    implements CborSerializable {}
