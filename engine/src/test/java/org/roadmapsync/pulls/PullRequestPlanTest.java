package org.roadmapsync.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roadmapsync.pulls.PullRequestPlan.Approval;
import org.roadmapsync.pulls.PullRequestPlan.Issue;
import org.roadmapsync.pulls.PullRequestPlan.Known;
import org.roadmapsync.pulls.PullRequestPlan.Pull;

class PullRequestPlanTest {

  private static Issue issue(String status) {
    return new Issue(7, status, "Add search", "Search the roadmap.", "feature/search");
  }

  private static Pull pull(boolean draft) {
    return new Pull(12, draft, true, false, "Add search", "Search the roadmap.\n\nCloses #7");
  }

  private static Known known(Pull pull, Approval approval) {
    return new Known(pull, false, approval, false, false);
  }

  @Test
  void noBranchMeansNoPullRequest() {
    Issue noBranch = new Issue(7, "in-progress", "t", "b", null);
    assertEquals(
        new PullRequestPlan.Nothing(), PullRequestPlan.next(noBranch, known(null, Approval.NONE)));
    Issue blank = new Issue(7, "in-progress", "t", "b", " ");
    assertEquals(
        new PullRequestPlan.Nothing(), PullRequestPlan.next(blank, known(null, Approval.NONE)));
  }

  @Test
  void anIssueNotOnGitHubGetsNothing() {
    Issue unlinked = new Issue(0, "in-progress", "t", "b", "feature/x");
    assertEquals(
        new PullRequestPlan.Nothing(), PullRequestPlan.next(unlinked, known(null, Approval.NONE)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"in-progress", "review"})
  void startingWorkOpensADraftTitledAfterTheIssueThatClosesIt(String status) {
    var step = PullRequestPlan.next(issue(status), known(null, Approval.NONE));
    assertEquals(
        new PullRequestPlan.OpenDraft("Add search", "Search the roadmap.\n\nCloses #7"), step);
  }

  @ParameterizedTest
  @ValueSource(strings = {"todo", "blocked", "closed", "archived"})
  void otherStatusesOpenNothing(String status) {
    assertEquals(
        new PullRequestPlan.Nothing(),
        PullRequestPlan.next(issue(status), known(null, Approval.NONE)));
  }

  @Test
  void aMissingBranchOpensNothingUntilItExists() {
    var missing = new Known(null, true, Approval.NONE, false, false);
    assertEquals(
        new PullRequestPlan.Nothing(), PullRequestPlan.next(issue("in-progress"), missing));
  }

  @Test
  void titleAndBodyFollowTheIssue() {
    Issue renamed = new Issue(7, "in-progress", "Add fast search", "", "feature/search");
    assertEquals(
        new PullRequestPlan.UpdateText("Add fast search", "Closes #7"),
        PullRequestPlan.next(renamed, known(pull(true), Approval.NONE)));
    assertEquals(
        new PullRequestPlan.Nothing(),
        PullRequestPlan.next(issue("in-progress"), known(pull(true), Approval.NONE)));
  }

  @Test
  void reviewMarksTheDraftReadyThenCommentsOnce() {
    assertEquals(
        new PullRequestPlan.MarkReady(),
        PullRequestPlan.next(issue("review"), known(pull(true), Approval.NONE)));
    var comment = PullRequestPlan.next(issue("review"), known(pull(false), Approval.NONE));
    assertThat(comment).isInstanceOf(PullRequestPlan.Comment.class);
    assertEquals(PullRequestPlan.READY, ((PullRequestPlan.Comment) comment).kind());
    var commented = new Known(pull(false), false, Approval.NONE, true, false);
    assertEquals(new PullRequestPlan.Nothing(), PullRequestPlan.next(issue("review"), commented));
  }

  @Test
  void closingAsksForApprovalAndMergesOnlyOnceApproved() {
    assertEquals(
        new PullRequestPlan.RequestApproval(),
        PullRequestPlan.next(issue("closed"), known(pull(false), Approval.NONE)));
    assertEquals(
        new PullRequestPlan.Nothing(),
        PullRequestPlan.next(issue("closed"), known(pull(false), Approval.REQUESTED)));
    assertEquals(
        new PullRequestPlan.Merge(),
        PullRequestPlan.next(issue("closed"), known(pull(false), Approval.APPROVED)));
  }

  @Test
  void closingADraftMarksItReadyFirstBecauseGitHubMergesNoDraft() {
    assertEquals(
        new PullRequestPlan.MarkReady(),
        PullRequestPlan.next(issue("closed"), known(pull(true), Approval.NONE)));
    assertEquals(
        new PullRequestPlan.MarkReady(),
        PullRequestPlan.next(issue("closed"), known(pull(true), Approval.APPROVED)));
  }

  @Test
  void aRefusedApprovalLeavesThePullOpenAndSaysSoOnce() {
    var step = PullRequestPlan.next(issue("closed"), known(pull(false), Approval.REJECTED));
    assertEquals(PullRequestPlan.REFUSED, ((PullRequestPlan.Comment) step).kind());
    var said = new Known(pull(false), false, Approval.REJECTED, false, true);
    assertEquals(new PullRequestPlan.Nothing(), PullRequestPlan.next(issue("closed"), said));
  }

  @Test
  void aMergeGitHubRefusedNeedsANewApproval() {
    assertEquals(
        new PullRequestPlan.RequestApproval(),
        PullRequestPlan.next(issue("closed"), known(pull(false), Approval.MERGE_FAILED)));
  }

  @Test
  void afterTheMergeTheApprovalIsAcknowledgedOnceAndNothingElseHappens() {
    Pull merged =
        new Pull(12, false, false, true, "Add search", "Search the roadmap.\n\nCloses #7");
    var step = PullRequestPlan.next(issue("closed"), known(merged, Approval.APPROVED));
    assertEquals(PullRequestPlan.APPROVED, ((PullRequestPlan.Comment) step).kind());
    var said = new Known(merged, false, Approval.APPROVED, false, true);
    assertEquals(new PullRequestPlan.Nothing(), PullRequestPlan.next(issue("closed"), said));
  }

  @Test
  void aPullMergedOrClosedOnGitHubIsFinal() {
    Pull closedElsewhere = new Pull(12, false, false, false, "x", "y");
    for (String status : new String[] {"in-progress", "review", "closed", "archived"}) {
      assertEquals(
          new PullRequestPlan.Nothing(),
          PullRequestPlan.next(issue(status), known(closedElsewhere, Approval.NONE)));
    }
  }

  @Test
  void archivingClosesThePullUnmergedWithAReason() {
    var step = PullRequestPlan.next(issue("archived"), known(pull(true), Approval.NONE));
    assertThat(((PullRequestPlan.CloseUnmerged) step).comment())
        .contains("archived")
        .contains("not planned");
  }

  @Test
  void draftsStayDraftsWhileWorkGoesOn() {
    for (String status : new String[] {"todo", "in-progress", "blocked"}) {
      assertEquals(
          new PullRequestPlan.Nothing(),
          PullRequestPlan.next(issue(status), known(pull(true), Approval.NONE)));
    }
  }
}
