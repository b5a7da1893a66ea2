package org.roadmapsync.sync;

import java.util.Optional;
import org.roadmapsync.github.GitHubError;

/**
 * Why a step of a round failed, and whether trying again later can succeed: GitHub's errors say so
 * themselves (5xx, timeouts and rate limits can; 404, 410, 301, 422, 401 cannot); any other failure
 * (a file that could not be written, a connection cut) is taken as passing, except an {@link
 * UnknownIssueType}.
 */
public record Failure(String reason, boolean retryable) {

  /** Null when there was no failure. */
  public static Failure of(Throwable error) {
    if (error == null) {
      return null;
    }
    Throwable cause = error;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof UnknownIssueType unknown) {
      return new Failure(unknown.getMessage(), false);
    }
    Optional<GitHubError> gitHub = GitHubError.of(error);
    return new Failure(
        GitHubError.describe(error), gitHub.map(GitHubError::retryable).orElse(true));
  }
}
