package org.roadmapsync.github;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * An issue as the REST API and webhooks describe it. The issues list also returns pull requests:
 * those carry {@link #pullRequest()}; {@link #isPullRequest()} tells them apart. Lists are never
 * null.
 */
public record Issue(
    long id,
    long number,
    String title,
    String body,
    IssueState state,
    StateReason stateReason,
    User user,
    List<Label> labels,
    User assignee,
    List<User> assignees,
    Milestone milestone,
    boolean locked,
    String activeLockReason,
    int comments,
    Instant createdAt,
    Instant updatedAt,
    Instant closedAt,
    String htmlUrl,
    PullRequestLink pullRequest,
    OrgIssueType type,
    DependencySummary issueDependenciesSummary) {

  public Issue {
    labels = labels == null ? List.of() : List.copyOf(labels);
    assignees = assignees == null ? List.of() : List.copyOf(assignees);
  }

  /** An issue without a type and without a dependency summary (GitHub's before 2025). */
  public Issue(
      long id,
      long number,
      String title,
      String body,
      IssueState state,
      StateReason stateReason,
      User user,
      List<Label> labels,
      User assignee,
      List<User> assignees,
      Milestone milestone,
      boolean locked,
      String activeLockReason,
      int comments,
      Instant createdAt,
      Instant updatedAt,
      Instant closedAt,
      String htmlUrl,
      PullRequestLink pullRequest) {
    this(
        id,
        number,
        title,
        body,
        state,
        stateReason,
        user,
        labels,
        assignee,
        assignees,
        milestone,
        locked,
        activeLockReason,
        comments,
        createdAt,
        updatedAt,
        closedAt,
        htmlUrl,
        pullRequest,
        null,
        null);
  }

  /** The same issue with another type (null: none). */
  public Issue withType(OrgIssueType newType) {
    return new Issue(
        id,
        number,
        title,
        body,
        state,
        stateReason,
        user,
        labels,
        assignee,
        assignees,
        milestone,
        locked,
        activeLockReason,
        comments,
        createdAt,
        updatedAt,
        closedAt,
        htmlUrl,
        pullRequest,
        newType,
        issueDependenciesSummary);
  }

  /** The marker GitHub puts on pull requests in issue lists and issue webhooks. */
  public record PullRequestLink(String url, String htmlUrl, Instant mergedAt) {}

  @JsonIgnore
  public boolean isPullRequest() {
    return pullRequest != null;
  }

  @JsonIgnore
  public List<String> labelNames() {
    return labels.stream().map(Label::name).toList();
  }

  @JsonIgnore
  public List<String> assigneeLogins() {
    return assignees.stream().map(User::login).toList();
  }
}
