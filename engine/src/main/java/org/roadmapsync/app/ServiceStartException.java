package org.roadmapsync.app;

/**
 * The service could not start; the message says why in one line, for the console. {@code
 * badConfiguration}: a setting names something that does not exist (a git branch), exit 2 like the
 * other configuration problems.
 */
final class ServiceStartException extends RuntimeException {

  private final boolean badConfiguration;

  ServiceStartException(String message, Throwable cause) {
    this(message, cause, false);
  }

  ServiceStartException(String message, Throwable cause, boolean badConfiguration) {
    super(message, cause);
    this.badConfiguration = badConfiguration;
  }

  boolean badConfiguration() {
    return badConfiguration;
  }
}
