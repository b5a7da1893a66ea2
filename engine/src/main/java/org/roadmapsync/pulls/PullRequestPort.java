package org.roadmapsync.pulls;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Everything the pull-request lifecycle asks of GitHub, repository by repository ({@code
 * owner/name}). Failed stages carry a {@link org.roadmapsync.github.GitHubException}. The operation
 * queue and the rate-limit governor sit behind this interface, as they do behind the issue
 * entities' port.
 */
public interface PullRequestPort {

  CompletionStage<Boolean> branchExists(String repo, String branch);

  /** The open pull request whose head is {@code branch} of this repository, if there is one. */
  CompletionStage<Optional<PullSnapshot>> findOpen(String repo, String branch);

  CompletionStage<PullSnapshot> get(String repo, long number);

  /** A draft pull request from {@code branch} into {@code base}. */
  CompletionStage<PullSnapshot> createDraft(
      String repo, String branch, String base, String title, String body);

  CompletionStage<PullSnapshot> edit(String repo, long number, String title, String body);

  /**
   * Marks a draft ready for review (GitHub's GraphQL mutation); answers the pull request
   * afterwards.
   */
  CompletionStage<PullSnapshot> markReady(String repo, long number, String nodeId);

  CompletionStage<Done> comment(String repo, long number, String text);

  /**
   * Merges with {@code method} ({@code merge}, {@code squash}, {@code rebase}); a 405 means not
   * mergeable.
   */
  CompletionStage<PullSnapshot> merge(String repo, long number, String commitTitle, String method);

  CompletionStage<PullSnapshot> close(String repo, long number);
}
