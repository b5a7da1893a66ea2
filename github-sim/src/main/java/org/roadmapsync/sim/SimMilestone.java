package org.roadmapsync.sim;

import java.time.Instant;

/** A repository milestone. */
final class SimMilestone {
  final long id;
  final int number;
  final String creator;
  final Instant createdAt;
  String title;
  String description;
  String state = "open";
  Instant dueOn;
  Instant updatedAt;
  Instant closedAt;

  SimMilestone(long id, int number, String creator, String title, Instant createdAt) {
    this.id = id;
    this.number = number;
    this.creator = creator;
    this.title = title;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }
}
