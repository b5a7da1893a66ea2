package org.roadmapsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A webhook delivery as a type, one record per event the sync cares about, its components named
 * like the payload's top-level fields. Parsed leniently (see {@link WebhookEvents}): fields
 * GitHub's schema calls required may be null, a missing {@code action} is empty. {@code changes} is
 * kept as JSON because its shape depends on the action ({@code changes.title.from}, {@code
 * changes.new_issue}, ...).
 */
public sealed interface WebhookEvent {

  /** The {@code X-GitHub-Event} name. */
  String event();

  /** The {@code action}, or empty for events without one ({@code ping}). */
  String action();

  /** May be null (organization-level hooks). */
  Repository repository();

  User sender();

  /**
   * {@code issues}: opened, edited, deleted, transferred, closed, reopened, (un)labeled,
   * (un)assigned, ...
   */
  record IssuesEvent(
      String action,
      Issue issue,
      JsonNode changes,
      Label label,
      User assignee,
      Milestone milestone,
      Repository repository,
      User sender)
      implements WebhookEvent {
    public IssuesEvent {
      action = action == null ? "" : action;
    }

    public String event() {
      return "issues";
    }

    /** For {@code transferred}: the issue in its new repository. */
    public Optional<Issue> newIssue() {
      return WebhookEvents.convert(changes, "new_issue", Issue.class);
    }

    /** For {@code transferred}: the repository the issue went to. */
    public Optional<Repository> newRepository() {
      return WebhookEvents.convert(changes, "new_repository", Repository.class);
    }
  }

  /**
   * {@code issue_dependencies}: {@code blocked_by_added}, {@code blocked_by_removed} (sent to the
   * blocked issue's repository), {@code blocking_added}, {@code blocking_removed} (to the blocking
   * one's): one relation, {@code blockedIssue} blocked by {@code blockingIssue}, seen from either
   * end. The ids are the issues' database ids; the other end's repository is in {@code
   * blockingIssueRepo} or {@code blockedIssueRepo}.
   */
  record IssueDependenciesEvent(
      String action,
      Long blockedIssueId,
      Issue blockedIssue,
      Repository blockedIssueRepo,
      Long blockingIssueId,
      Issue blockingIssue,
      Repository blockingIssueRepo,
      Repository repository,
      User sender)
      implements WebhookEvent {
    public IssueDependenciesEvent {
      action = action == null ? "" : action;
    }

    public String event() {
      return "issue_dependencies";
    }

    /** Whether the relation was made (else removed). */
    public boolean added() {
      return action.endsWith("_added");
    }

    /** The repository of the blocked issue: this one for {@code blocked_by_*}. */
    public Repository blockedRepository() {
      return action.startsWith("blocked_by") || blockedIssueRepo == null
          ? repository
          : blockedIssueRepo;
    }

    /** The repository of the blocking issue: this one for {@code blocking_*}. */
    public Repository blockingRepository() {
      return action.startsWith("blocking") || blockingIssueRepo == null
          ? repository
          : blockingIssueRepo;
    }
  }

  /**
   * {@code issue_comment}: created, edited, deleted (also on pull requests: {@code
   * issue.isPullRequest()}).
   */
  record IssueCommentEvent(
      String action,
      Issue issue,
      Comment comment,
      JsonNode changes,
      Repository repository,
      User sender)
      implements WebhookEvent {
    public IssueCommentEvent {
      action = action == null ? "" : action;
    }

    public String event() {
      return "issue_comment";
    }
  }

  /**
   * {@code pull_request}: opened, closed (merged or not), ready_for_review, converted_to_draft, ...
   */
  record PullRequestEvent(
      String action,
      long number,
      PullRequest pullRequest,
      Label label,
      User assignee,
      Repository repository,
      User sender)
      implements WebhookEvent {
    public PullRequestEvent {
      action = action == null ? "" : action;
    }

    public String event() {
      return "pull_request";
    }
  }

  /** {@code label}: created, edited, deleted. */
  record LabelEvent(
      String action, Label label, JsonNode changes, Repository repository, User sender)
      implements WebhookEvent {
    public LabelEvent {
      action = action == null ? "" : action;
    }

    public String event() {
      return "label";
    }
  }

  /** {@code milestone}: created, opened, closed, edited, deleted. */
  record MilestoneEvent(
      String action, Milestone milestone, JsonNode changes, Repository repository, User sender)
      implements WebhookEvent {
    public MilestoneEvent {
      action = action == null ? "" : action;
    }

    public String event() {
      return "milestone";
    }
  }

  /**
   * {@code push}: commits pushed to {@code ref} ({@code refs/heads/main}); {@code after} is the new
   * tip. The git-backed roadmap fetches when it names its repository and branch.
   */
  record PushEvent(String ref, String before, String after, Repository repository, User sender)
      implements WebhookEvent {
    public String event() {
      return "push";
    }

    public String action() {
      return "";
    }
  }

  /** {@code ping}: sent when a hook is created. */
  record PingEvent(String zen, long hookId, Repository repository, User sender)
      implements WebhookEvent {
    public PingEvent {
      zen = zen == null ? "" : zen;
    }

    public String event() {
      return "ping";
    }

    public String action() {
      return "";
    }
  }

  /** Any other event: acknowledged, not acted on. */
  record OtherEvent(String event, String action, Repository repository, User sender)
      implements WebhookEvent {
    public OtherEvent {
      action = action == null ? "" : action;
    }
  }
}
