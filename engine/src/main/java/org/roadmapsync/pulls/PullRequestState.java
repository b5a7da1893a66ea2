package org.roadmapsync.pulls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.roadmapsync.persistence.CborSerializable;

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
    List<Activity> history)
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
        issueId, null, null, null, null, null, List.of(), Set.of(), null, null, null, List.of());
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
      return withIssue(e.issue());
    } else if (event instanceof PullRequestLifecycle.DraftRequested e) {
      return with(pull, e.at(), missingBranch, approval, lastError)
          .noted(e.at(), "draft pull request requested from branch " + e.branch());
    } else if (event instanceof PullRequestLifecycle.BranchMissing e) {
      String reason =
          "branch "
              + e.branch()
              + " does not exist in "
              + e.repo()
              + ": no pull request until it does";
      return with(pull, null, e.branch(), approval, reason).noted(e.at(), reason);
    } else if (event instanceof PullRequestLifecycle.PullOpened e) {
      String note =
          (e.adopted() ? "adopted the open pull request #" : "opened draft pull request #")
              + e.pull().number();
      return with(e.pull(), null, null, approval, null).noted(e.at(), note);
    } else if (event instanceof PullRequestLifecycle.PullUpdated e) {
      PullRequestState next =
          with(
              e.pull(),
              draftRequestedAt,
              missingBranch,
              approval,
              e.note() == null ? lastError : null);
      return e.note() == null ? next : next.noted(e.at(), e.note());
    } else if (event instanceof PullRequestLifecycle.Commented e) {
      Set<String> made = new HashSet<>(comments);
      made.add(e.kind());
      return new PullRequestState(
              issueId,
              issue,
              pull,
              draftRequestedAt,
              missingBranch,
              approval,
              pastApprovals,
              made,
              issueStatus,
              issueNote,
              lastError,
              history)
          .noted(e.at(), "commented: " + e.kind());
    } else if (event instanceof PullRequestLifecycle.ApprovalRequested e) {
      return withApproval(
              new Approval(e.approvalId(), PullRequestPlan.Approval.REQUESTED, e.at()), lastError)
          .noted(e.at(), "approval " + e.approvalId() + " requested");
    } else if (event instanceof PullRequestLifecycle.ApprovalDecided e) {
      var decided =
          new Approval(
              approval.id(),
              e.approved() ? PullRequestPlan.Approval.APPROVED : PullRequestPlan.Approval.REJECTED,
              approval.requestedAt());
      return withApproval(decided, lastError)
          .noted(
              e.at(),
              "approval "
                  + e.approvalId()
                  + (e.approved() ? " given" : " refused: the pull request stays open"));
    } else if (event instanceof PullRequestLifecycle.MergeRefused e) {
      var failed =
          new Approval(
              approval.id(), PullRequestPlan.Approval.MERGE_FAILED, approval.requestedAt());
      return withApproval(failed, e.reason())
          .noted(e.at(), "GitHub refused the merge (" + e.reason() + "): a new approval is needed");
    } else if (event instanceof PullRequestLifecycle.Merged e) {
      return with(e.pull(), null, null, approval, null)
          .noted(e.at(), "merged (" + e.method() + ")");
    } else if (event instanceof PullRequestLifecycle.ClosedUnmerged e) {
      return with(e.pull(), null, null, approval, null)
          .noted(e.at(), "closed unmerged: the roadmap issue was archived");
    } else if (event instanceof PullRequestLifecycle.ClosedOnGitHub e) {
      return new PullRequestState(
              issueId,
              issue,
              e.pull(),
              null,
              null,
              approval,
              pastApprovals,
              comments,
              e.issueStatus(),
              e.note(),
              null,
              history)
          .noted(e.at(), e.note());
    } else if (event instanceof PullRequestLifecycle.IssueTold e) {
      return new PullRequestState(
          issueId,
          issue,
          pull,
          draftRequestedAt,
          missingBranch,
          approval,
          pastApprovals,
          comments,
          null,
          null,
          lastError,
          history);
    } else if (event instanceof PullRequestLifecycle.StepFailed e) {
      return with(pull, draftRequestedAt, missingBranch, approval, e.error())
          .noted(e.at(), e.step() + " failed: " + e.error());
    }
    throw new IllegalArgumentException("unknown event " + event.getClass().getName());
  }

  private PullRequestState withIssue(IssueView next) {
    // Any change of the issue is a reason to look for a missing branch again (GitHub announces no
    // new branches).
    String missing = null;
    String error = missingBranch != null ? null : lastError;
    boolean leftClosed =
        issue != null && "closed".equals(issue.status()) && !"closed".equals(next.status());
    if (!leftClosed || approval == null) {
      return new PullRequestState(
          issueId,
          next,
          pull,
          draftRequestedAt,
          missing,
          approval,
          pastApprovals,
          comments,
          issueStatus,
          issueNote,
          error,
          history);
    }
    // Reopened work: the next close asks for a new approval, and its decision gets its own comment.
    Set<String> made = new HashSet<>(comments);
    made.remove(PullRequestPlan.APPROVED);
    made.remove(PullRequestPlan.REFUSED);
    return new PullRequestState(
        issueId,
        next,
        pull,
        draftRequestedAt,
        missing,
        null,
        pastWith(approval.id()),
        made,
        issueStatus,
        issueNote,
        error,
        history);
  }

  private PullRequestState with(
      PullSnapshot p, Instant requested, String missing, Approval a, String error) {
    return new PullRequestState(
        issueId,
        issue,
        p,
        requested,
        missing,
        a,
        pastApprovals,
        comments,
        issueStatus,
        issueNote,
        error,
        history);
  }

  private PullRequestState withApproval(Approval next, String error) {
    List<String> past =
        approval != null && !approval.id().equals(next.id())
            ? pastWith(approval.id())
            : pastApprovals;
    return new PullRequestState(
        issueId,
        issue,
        pull,
        draftRequestedAt,
        missingBranch,
        next,
        past,
        comments,
        issueStatus,
        issueNote,
        error,
        history);
  }

  private List<String> pastWith(String id) {
    List<String> past = new ArrayList<>(pastApprovals);
    past.add(id);
    return past.subList(Math.max(0, past.size() - PAST_APPROVALS_LIMIT), past.size());
  }

  private PullRequestState noted(Instant at, String note) {
    List<Activity> newest = new ArrayList<>(HISTORY_LIMIT);
    newest.add(new Activity(at, note));
    newest.addAll(history.subList(0, Math.min(history.size(), HISTORY_LIMIT - 1)));
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
        newest);
  }
}
