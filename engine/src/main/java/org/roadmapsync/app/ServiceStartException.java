package org.roadmapsync.app;

/** The service could not start; the message says why in one line, for the console. */
final class ServiceStartException extends RuntimeException {
  ServiceStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
