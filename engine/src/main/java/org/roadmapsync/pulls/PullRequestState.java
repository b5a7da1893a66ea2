package org.roadmapsync.pulls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.roadmapsync.persistence.CborSerializable;
import org.roadmapsync.sync.Requeued;

/**
 * Everything one pull-request lifecycle knows. Kept apart from the entity because the read-side
 * projection folds the same events through the same {@link #apply} to keep {@code pull_requests}.
 *
 * @param issue the roadmap issue as last seen (null: never)
 * @param pull the pull request as GitHub last answered (null: none yet)
 * @param draftRequestedAt set before GitHub is asked to create the draft, until it is known
 * @param missingBranch the branch GitHub said does not exist; looked for again whenever the issue
 *     changes
 * @param approval the current approval (null: none asked)
 * @param pastApprovals ids of earlier approvals of this pull request: deciding one again is a
 *     conflict
 * @param comments the lifecycle comments already made ({@link PullRequestPlan#READY} ...)
 * @param issueStatus the status the roadmap issue is still to take, with {@code issueNote}, after
 *     the pull request was merged or closed on GitHub by someone else (null: nothing to tell)
 * @param requeued the steps failed in a row since the last news or success, and when the next try
 *     is due (null: none failed; {@code at} null: parked until something changes)
 */
public record PullRequestState(
    String issueId,
    IssueView issue,
    PullSnapshot pull,
    Instant draftRequestedAt,
    String missingBranch,
    Approval approval,
    List<String> pastApprovals,
    Set<String> comments,
    String issueStatus,
    String issueNote,
    String lastError,
    List<Activity> history,
    Requeued requeued)
    implements CborSerializable {

  public static final int HISTORY_LIMIT = 50;
  private static final int PAST_APPROVALS_LIMIT = 20;

  /**
   * The roadmap issue as the lifecycle needs it; {@code repo} null and {@code number} 0 while it is
   * not on GitHub.
   */
  public record IssueView(
      String repo, long number, String status, String title, String body, String branch)
      implements CborSerializable {}

  public record Approval(String id, PullRequestPlan.Approval state, Instant requestedAt)
      implements CborSerializable {

    /** {@code pending}, {@code approved}, {@code rejected} or {@code merge-failed}. */
    public String apiState() {
      return switch (state) {
        case REQUESTED -> "pending";
        case APPROVED -> "approved";
        case REJECTED -> "rejected";
        case MERGE_FAILED -> "merge-failed";
        case NONE -> "none";
      };
    }
  }

  /** One line of the pull request's history. */
  public record Activity(Instant at, String note) implements CborSerializable {}

  public PullRequestState {
    pastApprovals = pastApprovals == null ? List.of() : List.copyOf(pastApprovals);
    comments = comments == null ? Set.of() : Set.copyOf(comments);
    history = history == null ? List.of() : List.copyOf(history);
  }

  public static PullRequestState empty(String issueId) {
    return new PullRequestState(
        issueId, null, null, null, null, null, List.of(), Set.of(), null, null, null, List.of(),
        null);
  }

  /**
   * Worth a row in {@code GET /api/pulls}: a pull request, one under way, or a reason there is
   * none.
   */
  public boolean visible() {
    return pull != null || draftRequestedAt != null || missingBranch != null || lastError != null;
  }

  PullRequestPlan.Issue planIssue() {
    return new PullRequestPlan.Issue(
        issue.number(), issue.status(), issue.title(), issue.body(), issue.branch());
  }

  PullRequestPlan.Known known() {
    return new PullRequestPlan.Known(
        pull == null ? null : pull.forPlan(),
        issue.branch() != null && issue.branch().equals(missingBranch),
        approval == null ? PullRequestPlan.Approval.NONE : approval.state(),
        comments.contains(PullRequestPlan.READY),
        comments.contains(PullRequestPlan.APPROVED) || comments.contains(PullRequestPlan.REFUSED));
  }

  /**
   * The history lines {@code events} add, oldest first, for the roadmap issue's history; a close by
   * someone else is told with its status instead.
   */
  List<String> notesAdded(List<PullRequestLifecycle.Event> events) {
    List<String> notes = new ArrayList<>();
    PullRequestState current = this;
    for (PullRequestLifecycle.Event event : events) {
      PullRequestState next = current.apply(event);
      boolean added =
          !next.history().isEmpty()
              && (current.history().isEmpty() || next.history().get(0) != current.history().get(0));
      if (added && !(event instanceof PullRequestLifecycle.ClosedOnGitHub)) {
        notes.add(next.history().get(0).note());
      }
      current = next;
    }
    return notes;
  }

  public PullRequestState apply(PullRequestLifecycle.Event event) {
    // Java 17 has no pattern matching for switch: one instanceof per event type.
    if (event instanceof PullRequestLifecycle.IssueObserved e) {
      return change(n -> n.issue(e.issue()));
    } else if (event instanceof PullRequestLifecycle.DraftRequested e) {
      return change(
          n -> {
            n.draftRequestedAt = e.at();
            n.note(e.at(), "draft pull request requested from branch " + e.branch());
          });
    } else if (event instanceof PullRequestLifecycle.BranchMissing e) {
      String reason =
          "branch "
              + e.branch()
              + " does not exist in "
              + e.repo()
              + ": no pull request until it does";
      return change(
          n -> {
            n.draftRequestedAt = null;
            n.missingBranch = e.branch();
            n.lastError = reason;
            n.note(e.at(), reason);
          });
    } else if (event instanceof PullRequestLifecycle.PullOpened e) {
      return change(
          n -> {
            n.opened(e.pull());
            n.note(
                e.at(),
                (e.adopted() ? "adopted the open pull request #" : "opened draft pull request #")
                    + e.pull().number());
          });
    } else if (event instanceof PullRequestLifecycle.PullUpdated e) {
      return change(
          n -> {
            n.pull = e.pull();
            if (e.note() != null) {
              n.lastError = null;
              n.note(e.at(), e.note());
            }
          });
    } else if (event instanceof PullRequestLifecycle.Commented e) {
      return change(
          n -> {
            Set<String> made = new HashSet<>(comments);
            made.add(e.kind());
            n.comments = made;
            n.note(e.at(), "commented: " + e.kind());
          });
    } else if (event instanceof PullRequestLifecycle.ApprovalRequested e) {
      return change(
          n -> {
            n.approval(new Approval(e.approvalId(), PullRequestPlan.Approval.REQUESTED, e.at()));
            n.note(e.at(), "approval " + e.approvalId() + " requested");
          });
    } else if (event instanceof PullRequestLifecycle.ApprovalDecided e) {
      return change(
          n -> {
            n.approval(
                new Approval(
                    approval.id(),
                    e.approved()
                        ? PullRequestPlan.Approval.APPROVED
                        : PullRequestPlan.Approval.REJECTED,
                    approval.requestedAt()));
            n.note(
                e.at(),
                "approval "
                    + e.approvalId()
                    + (e.approved() ? " given" : " refused: the pull request stays open"));
          });
    } else if (event instanceof PullRequestLifecycle.MergeRefused e) {
      return change(
          n -> {
            n.approval(
                new Approval(
                    approval.id(), PullRequestPlan.Approval.MERGE_FAILED, approval.requestedAt()));
            n.lastError = e.reason();
            n.note(
                e.at(), "GitHub refused the merge (" + e.reason() + "): a new approval is needed");
          });
    } else if (event instanceof PullRequestLifecycle.Merged e) {
      return change(
          n -> {
            n.opened(e.pull());
            n.note(e.at(), "merged (" + e.method() + ")");
          });
    } else if (event instanceof PullRequestLifecycle.ClosedUnmerged e) {
      return change(
          n -> {
            n.opened(e.pull());
            n.note(e.at(), "closed unmerged: the roadmap issue was archived");
          });
    } else if (event instanceof PullRequestLifecycle.ClosedOnGitHub e) {
      return change(
          n -> {
            n.opened(e.pull());
            n.issueStatus = e.issueStatus();
            n.issueNote = e.note();
            n.note(e.at(), e.note());
          });
    } else if (event instanceof PullRequestLifecycle.IssueTold) {
      return change(
          n -> {
            n.issueStatus = null;
            n.issueNote = null;
            n.requeued = requeued; // telling the roadmap issue is no news for the steps
          });
    } else if (event instanceof PullRequestLifecycle.StepFailed e) {
      return change(
          n -> {
            n.lastError = e.error();
            n.requeued = Requeued.after(requeued, e.retryAt());
            n.note(e.at(), e.step() + " failed: " + e.error());
          });
    }
    throw new IllegalArgumentException("unknown event " + event.getClass().getName());
  }

  /**
   * The state after one event: every event but a failure or the roadmap issue's answer is news that
   * ends a step's backoff or parking.
   */
  private PullRequestState change(Consumer<Next> transition) {
    Next next = new Next(this);
    next.requeued = null;
    transition.accept(next);
    return next.build();
  }

  /** The state being changed by one event: each transition names the fields it sets. */
  private static final class Next {
    private final String issueId;
    private IssueView issue;
    private PullSnapshot pull;
    private Instant draftRequestedAt;
    private String missingBranch;
    private Approval approval;
    private List<String> pastApprovals;
    private Set<String> comments;
    private String issueStatus;
    private String issueNote;
    private String lastError;
    private List<Activity> history;
    private Requeued requeued;

    private Next(PullRequestState s) {
      issueId = s.issueId;
      issue = s.issue;
      pull = s.pull;
      draftRequestedAt = s.draftRequestedAt;
      missingBranch = s.missingBranch;
      approval = s.approval;
      pastApprovals = s.pastApprovals;
      comments = s.comments;
      issueStatus = s.issueStatus;
      issueNote = s.issueNote;
      lastError = s.lastError;
      history = s.history;
      requeued = s.requeued;
    }

    /**
     * Any change of the issue is a reason to look for a missing branch again (GitHub announces no
     * new branches); reopened work asks for a new approval, and its decision gets its own comment.
     */
    private void issue(IssueView next) {
      if (missingBranch != null) {
        lastError = null;
      }
      missingBranch = null;
      boolean leftClosed =
          issue != null && "closed".equals(issue.status()) && !"closed".equals(next.status());
      if (leftClosed && approval != null) {
        pastApprovals = pastWith(approval.id());
        approval = null;
        Set<String> made = new HashSet<>(comments);
        made.remove(PullRequestPlan.APPROVED);
        made.remove(PullRequestPlan.REFUSED);
        comments = made;
      }
      issue = next;
    }

    /** GitHub answered with the pull request: no draft under way, no branch missing, no error. */
    private void opened(PullSnapshot answered) {
      pull = answered;
      draftRequestedAt = null;
      missingBranch = null;
      lastError = null;
    }

    private void approval(Approval next) {
      if (approval != null && !approval.id().equals(next.id())) {
        pastApprovals = pastWith(approval.id());
      }
      approval = next;
    }

    private List<String> pastWith(String id) {
      List<String> past = new ArrayList<>(pastApprovals);
      past.add(id);
      return past.subList(Math.max(0, past.size() - PAST_APPROVALS_LIMIT), past.size());
    }

    private void note(Instant at, String note) {
      List<Activity> newest = new ArrayList<>(HISTORY_LIMIT);
      newest.add(new Activity(at, note));
      newest.addAll(history.subList(0, Math.min(history.size(), HISTORY_LIMIT - 1)));
      history = newest;
    }

    private PullRequestState build() {
      return new PullRequestState(
          issueId,
          issue,
          pull,
          draftRequestedAt,
          missingBranch,
          approval,
          pastApprovals,
          comments,
          issueStatus,
          issueNote,
          lastError,
          history,
          requeued);
    }
  }
}
