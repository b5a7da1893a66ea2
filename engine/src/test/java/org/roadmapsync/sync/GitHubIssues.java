package org.roadmapsync.sync;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.IssuePatch;
import org.roadmapsync.github.IssueState;
import org.roadmapsync.github.Label;
import org.roadmapsync.github.Milestone;
import org.roadmapsync.github.NewIssue;
import org.roadmapsync.github.StateReason;
import org.roadmapsync.github.User;

/**
 * Does to an {@link Issue} what GitHub does on create and PATCH, with a repository's milestones.
 */
final class GitHubIssues {
  private final Map<String, Long> milestoneNumbers = new HashMap<>();
  private final Map<Long, String> milestoneTitles = new HashMap<>();

  /** The number of a milestone title, created on first use as sync would. */
  Long milestone(String title) {
    if (title == null) {
      return null;
    }
    return milestoneNumbers.computeIfAbsent(
        title,
        t -> {
          long number = milestoneNumbers.size() + 1L;
          milestoneTitles.put(number, t);
          return number;
        });
  }

  Issue create(long number, NewIssue request) {
    return new Issue(
        1000 + number,
        number,
        request.title(),
        request.body(),
        IssueState.OPEN,
        null,
        user("author"),
        labels(request.labels()),
        null,
        users(request.assignees()),
        request.milestone() == null ? null : milestoneOf(request.milestone()),
        false,
        null,
        0,
        Instant.EPOCH,
        Instant.EPOCH,
        null,
        "https://github.test/o/r/issues/" + number,
        null);
  }

  Issue patch(Issue issue, IssuePatch patch) {
    Milestone milestone =
        patch.clearMilestone()
            ? null
            : patch.milestone() != null ? milestoneOf(patch.milestone()) : issue.milestone();
    IssueState state = patch.state() != null ? patch.state() : issue.state();
    StateReason reason =
        patch.state() == null
            ? issue.stateReason()
            : patch.state() == IssueState.OPEN && issue.state() == IssueState.CLOSED
                ? StateReason.REOPENED
                : patch.stateReason();
    return new Issue(
        issue.id(),
        issue.number(),
        orElse(patch.title(), issue.title()),
        orElse(patch.body(), issue.body()),
        state,
        reason,
        issue.user(),
        patch.labels() != null ? labels(patch.labels()) : issue.labels(),
        null,
        patch.assignees() != null ? users(patch.assignees()) : issue.assignees(),
        milestone,
        false,
        null,
        0,
        issue.createdAt(),
        Instant.EPOCH.plusSeconds(60),
        state == IssueState.CLOSED ? Instant.EPOCH : null,
        issue.htmlUrl(),
        null);
  }

  static Issue issue(
      String title,
      String body,
      IssueState state,
      StateReason reason,
      List<String> labels,
      List<String> assignees,
      String milestone) {
    return new Issue(
        1,
        1,
        title,
        body,
        state,
        reason,
        user("author"),
        labels(labels),
        null,
        users(assignees),
        milestone == null ? null : milestone(1, milestone),
        false,
        null,
        0,
        Instant.EPOCH,
        Instant.EPOCH,
        null,
        "https://github.test/o/r/issues/1",
        null);
  }

  static User user(String login) {
    return new User(login.hashCode(), login, "User", "https://github.test/" + login);
  }

  private Milestone milestoneOf(Long number) {
    String title = milestoneTitles.get(number);
    if (title == null) {
      throw new IllegalArgumentException("no milestone " + number);
    }
    return milestone(number, title);
  }

  private static Milestone milestone(long number, String title) {
    return new Milestone(
        number,
        number,
        title,
        null,
        IssueState.OPEN,
        0,
        0,
        null,
        Instant.EPOCH,
        Instant.EPOCH,
        null);
  }

  private static List<Label> labels(List<String> names) {
    return names.stream().map(n -> new Label(n.hashCode(), n, "ededed", null, false)).toList();
  }

  private static List<User> users(List<String> logins) {
    return logins.stream().map(GitHubIssues::user).toList();
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
