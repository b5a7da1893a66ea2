package org.roadmapsync.sim;

import java.time.Instant;

/** An issue comment. */
final class SimComment {
  final long id;
  final int issueNumber;
  final String author;
  final Instant createdAt;
  String body;
  Instant updatedAt;

  SimComment(long id, int issueNumber, String author, String body, Instant createdAt) {
    this.id = id;
    this.issueNumber = issueNumber;
    this.author = author;
    this.body = body;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }
}
