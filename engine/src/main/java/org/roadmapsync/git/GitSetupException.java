package org.roadmapsync.git;

/**
 * The clone could not be prepared at start. {@code badConfiguration}: a setting names something the
 * remote does not have (a branch), so the process exits 2 like any other bad setting; else it
 * cannot start (exit 1). The message names the remote without credentials.
 */
public final class GitSetupException extends RuntimeException {

  private final boolean badConfiguration;

  GitSetupException(String message, boolean badConfiguration, Throwable cause) {
    super(message, cause, false, false);
    this.badConfiguration = badConfiguration;
  }

  public boolean badConfiguration() {
    return badConfiguration;
  }
}
