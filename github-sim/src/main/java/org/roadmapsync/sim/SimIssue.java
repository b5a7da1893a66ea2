package org.roadmapsync.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One issue or pull request of a simulated repository; only {@link SimStore} touches it, under its
 * lock.
 */
final class SimIssue {
  final long id;
  final int number;
  final String author;
  final Instant createdAt;
  String title;
  String body;
  String state = "open";
  String stateReason;
  final List<String> labels = new ArrayList<>();
  Integer milestone;
  final List<String> assignees = new ArrayList<>();
  boolean locked;
  String lockReason;
  Instant updatedAt;
  Instant closedAt;
  String closedBy;
  int comments;

  /** The organisation's issue type given to it; null: none. */
  SimIssueType type;

  /**
   * The issues blocking this one ({@code …/dependencies/blocked_by}) and those it blocks, kept both
   * ways by {@link DependencyCommands}; in the order they were added.
   */
  final java.util.Set<SimIssue> blockedBy = new java.util.LinkedHashSet<>();

  final java.util.Set<SimIssue> blocking = new java.util.LinkedHashSet<>();

  /** Present when this is a pull request. */
  SimPull pull;

  boolean deleted;

  /** Where a transferred issue went: {@code owner/name#number}. */
  String transferredTo;

  SimIssue(long id, int number, String author, String title, Instant createdAt) {
    this.id = id;
    this.number = number;
    this.author = author;
    this.title = title;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  boolean visible() {
    return !deleted && transferredTo == null;
  }

  /** Pull-request fields beyond the issue. */
  static final class SimPull {
    final long id;
    String head;
    String base;
    boolean draft;
    boolean merged;
    boolean mergeable = true;
    String mergeCommitSha;
    Instant mergedAt;
    String mergedBy;

    SimPull(long id, String head, String base, boolean draft) {
      this.id = id;
      this.head = head;
      this.base = base;
      this.draft = draft;
    }
  }
}
