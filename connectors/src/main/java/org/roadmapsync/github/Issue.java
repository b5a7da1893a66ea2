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
    PullRequestLink pullRequest) {

  public Issue {
    labels = labels == null ? List.of() : List.copyOf(labels);
    assignees = assignees == null ? List.of() : List.copyOf(assignees);
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
