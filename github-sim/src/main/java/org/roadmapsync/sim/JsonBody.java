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
      JsonNode node = GitHubJson.MAPPER.readTree(raw);
      if (node.isObject() || node.isArray()) return node;
    } catch (JsonProcessingException e) {
      throw ApiError.badJson();
    }
    throw ApiError.badJson();
  }

  static ObjectNode labels() {
    ObjectNode o = GitHubJson.MAPPER.createObjectNode();
    o.putArray("labels");
    return o;
  }
}
