package org.roadmapsync.sim;

/**
 * A failure the simulator causes on purpose; no stack trace, since nothing went wrong in the code.
 */
final class SimulatedFailure extends RuntimeException {
  SimulatedFailure(String message) {
    super(message, null, false, false);
  }
}
