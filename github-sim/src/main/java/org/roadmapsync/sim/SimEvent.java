package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A change that GitHub would announce as a webhook: {@code X-GitHub-Event} and the payload. */
public record SimEvent(String event, String action, ObjectNode payload) {}
