package org.roadmapsync.pulls;

import java.util.Objects;
import java.util.Optional;

/**
 * The pull-request lifecycle of one roadmap issue as a pure decision: given what the issue says now
 * and what is known of its pull request, the one next step. The actor that owns the pull request
 * ({@link PullRequestLifecycle}) journals each step's outcome and asks again, so every step happens
 * once and a restart resumes where it stopped.
 *
 * <p>Rules: an issue that names a branch and goes {@code in-progress} (or straight to {@code
 * review}) gets a draft pull request from that branch once the branch exists on GitHub, and only
 * after looking for an open one with the same head; its title and body follow the issue's; {@code
 * review} marks it ready; {@code closed} marks a draft ready, asks for an approval and merges once
 * approved; {@code archived} closes it unmerged; a pull request merged or closed on GitHub is
 * final. Each lifecycle comment is made once.
 */
public final class PullRequestPlan {

  /**
   * What the roadmap issue says: its GitHub issue number (0: not linked), status, title, body and
   * branch.
   */
  public record Issue(long githubNumber, String status, String title, String body, String branch) {}

  /** What is known of the pull request; null fields mean "not yet". */
  public record Pull(
      long number, boolean draft, boolean open, boolean merged, String title, String body) {}

  public enum Approval {
    NONE,
    REQUESTED,
    APPROVED,
    REJECTED,
    /** GitHub refused the merge (405): a new approval is needed before trying again. */
    MERGE_FAILED
  }

  /**
   * The state the plan reads: the pull (or null), the approval, and which comments were already
   * made.
   */
  public record Known(
      Pull pull,
      boolean branchMissing,
      Approval approval,
      boolean readyComment,
      boolean decisionComment) {}

  /** The next step. */
  public sealed interface Step {}

  public record Nothing() implements Step {}

  /** Check the branch exists, look for an open pull request with this head, else create a draft. */
  public record OpenDraft(String title, String body) implements Step {}

  public record UpdateText(String title, String body) implements Step {}

  public record MarkReady() implements Step {}

  public record Comment(String kind, String text) implements Step {}

  public record RequestApproval() implements Step {}

  public record Merge() implements Step {}

  public record CloseUnmerged(String comment) implements Step {}

  public static final String READY = "ready-for-review";
  public static final String APPROVED = "approval-given";
  public static final String REFUSED = "approval-refused";

  private PullRequestPlan() {}

  public static Step next(Issue issue, Known known) {
    if (issue.branch() == null || issue.branch().isBlank() || issue.githubNumber() <= 0) {
      return new Nothing(); // no branch, or not on GitHub yet: nothing to pull into, nothing to
      // close
    }
    Pull pull = known.pull();
    if (pull == null) {
      boolean wantsPull = "in-progress".equals(issue.status()) || "review".equals(issue.status());
      return wantsPull && !known.branchMissing()
          ? new OpenDraft(issue.title(), body(issue))
          : new Nothing();
    }
    if (!pull.open() || pull.merged()) {
      return decisionComment(known)
          .orElse(new Nothing()); // final on GitHub: reflected, never acted on again
    }
    if (!Objects.equals(pull.title(), issue.title()) || !Objects.equals(pull.body(), body(issue))) {
      return new UpdateText(issue.title(), body(issue));
    }
    switch (issue.status()) {
      case "review" -> {
        if (pull.draft()) {
          return new MarkReady();
        }
        if (!known.readyComment()) {
          return new Comment(
              READY, "The roadmap issue is in review: this pull request is ready for review.");
        }
      }
      case "closed" -> {
        Optional<Step> comment = decisionComment(known);
        if (comment.isPresent()) {
          return comment.get();
        }
        if (pull.draft() && known.approval() != Approval.REJECTED) {
          return new MarkReady(); // done without a review: GitHub merges no draft
        }
        return switch (known.approval()) {
          case NONE, MERGE_FAILED -> new RequestApproval();
          case APPROVED -> new Merge();
          case REQUESTED, REJECTED -> new Nothing();
        };
      }
      case "archived" -> {
        return new CloseUnmerged(
            "The roadmap issue was archived (not planned): closing this pull request unmerged.");
      }
      default -> {
        // todo, in-progress, blocked: the draft stays as it is
      }
    }
    return new Nothing();
  }

  /** The pull request's body: the issue's, then the line that closes the GitHub issue on merge. */
  static String body(Issue issue) {
    String text = issue.body() == null ? "" : issue.body().strip();
    return (text.isEmpty() ? "" : text + "\n\n") + "Closes #" + issue.githubNumber();
  }

  private static Optional<Step> decisionComment(Known known) {
    if (known.decisionComment()) {
      return Optional.empty();
    }
    return switch (known.approval()) {
      case APPROVED ->
          known.pull() != null && known.pull().merged()
              ? Optional.of(new Comment(APPROVED, "Approved in roadmap-sync: merged."))
              : Optional.empty();
      case REJECTED ->
          Optional.of(
              new Comment(
                  REFUSED, "Approval refused in roadmap-sync: this pull request stays open."));
      default -> Optional.empty();
    };
  }
}
