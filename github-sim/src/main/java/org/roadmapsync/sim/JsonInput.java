package org.roadmapsync.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads request bodies the way GitHub does: bad JSON is a 400, a value of the wrong type a 422. */
final class JsonInput {
  private JsonInput() {}

  static ObjectNode parseObject(String body) {
    if (body == null || body.isBlank()) return GitHubShapes.MAPPER.createObjectNode();
    JsonNode node;
    try {
      node = GitHubShapes.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw GitHubErrorResponse.badJson();
    }
    if (node instanceof ObjectNode object) return object;
    throw GitHubErrorResponse.badJson();
  }

  /** A string field; absent gives null, JSON null is allowed only when {@code nullable}. */
  static String string(JsonNode body, String field, String resource, boolean nullable) {
    JsonNode v = body.get(field);
    if (v == null || (v.isNull() && nullable)) return null;
    if (!v.isTextual()) throw wrongType(field, v, "string");
    return v.asText();
  }

  static String requiredString(JsonNode body, String field, String resource) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull())
      throw GitHubErrorResponse.invalid(resource, field, "missing_field");
    if (!v.isTextual()) throw wrongType(field, v, "string");
    return v.asText();
  }

  static Boolean bool(JsonNode body, String field, String resource) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw wrongType(field, v, "boolean");
    return v.asBoolean();
  }

  /** A list of strings; GitHub also accepts label objects with a {@code name}. */
  static List<String> strings(JsonNode body, String field, String resource) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isArray()) throw wrongType(field, v, "array");
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (item.isTextual()) out.add(item.asText());
      else if (item.isObject() && item.path("name").isTextual()) out.add(item.get("name").asText());
      else throw wrongType(field + "/items", item, "string");
    }
    return out;
  }

  static Instant instant(JsonNode body, String field, String resource) {
    String s = string(body, field, resource, true);
    if (s == null) return null;
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw GitHubErrorResponse.invalid(resource, field, "invalid");
    }
  }

  /** GitHub's wording for a value that does not fit the schema of the operation. */
  static GitHubErrorResponse wrongType(String field, JsonNode value, String expected) {
    return GitHubErrorResponse.unprocessable(
        "Invalid request.\n\nFor 'properties/"
            + field
            + "', "
            + value
            + " is not a "
            + expected
            + ".");
  }
}
