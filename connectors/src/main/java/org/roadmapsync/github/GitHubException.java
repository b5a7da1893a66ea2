package org.roadmapsync.github;

/**
 * The failure of a client stage: carries a {@link GitHubError}, no stack trace (it is an expected
 * outcome).
 */
public final class GitHubException extends RuntimeException {

  private final transient GitHubError error;

  public GitHubException(GitHubError error) {
    super(error.describe(), null, false, false);
    this.error = error;
  }

  public GitHubError error() {
    return error;
  }
}
