package org.roadmapsync.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Bodies that GitHub accepts as an object or a bare array (issue labels). */
final class JsonBody {
  private JsonBody() {}

  static JsonNode any(String raw) {
    if (raw == null || raw.isBlank()) return labels();
    try {
      JsonNode node = GitHubShapes.MAPPER.readTree(raw);
      if (node.isObject() || node.isArray()) return node;
    } catch (JsonProcessingException e) {
      throw GitHubErrorResponse.badJson();
    }
    throw GitHubErrorResponse.badJson();
  }

  static ObjectNode labels() {
    ObjectNode o = GitHubShapes.MAPPER.createObjectNode();
    o.putArray("labels");
    return o;
  }
}
