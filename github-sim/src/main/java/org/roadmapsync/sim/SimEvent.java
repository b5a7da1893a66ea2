package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * A change that GitHub would announce as a webhook: {@code X-GitHub-Event}, the payload, and the
 * {@code X-GitHub-Delivery} guid, which every delivery of the change repeats (redeliveries too).
 */
public record SimEvent(
    String event, String action, ObjectNode payload, String guid, boolean redelivery) {

  /** A new change: a fresh guid. */
  public SimEvent(String event, String action, ObjectNode payload) {
    this(event, action, payload, UUID.randomUUID().toString(), false);
  }

  /** The same change sent again on request: same payload, same guid. */
  SimEvent again() {
    return new SimEvent(event, action, payload, guid, true);
  }

  /** {@code owner/name} of the repository the payload is about, lower case; null when none. */
  String repositoryKey() {
    String fullName = payload.path("repository").path("full_name").asText(null);
    return fullName == null ? null : RepoName.parse(fullName).key();
  }

  long repositoryId() {
    return payload.path("repository").path("id").asLong(0);
  }
}
