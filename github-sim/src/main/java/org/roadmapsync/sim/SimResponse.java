package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What an endpoint answers before the front door adds rate-limit headers, the ETag and 304s. */
record SimResponse(int status, JsonNode body, List<Map.Entry<String, String>> headers) {

  static SimResponse ok(JsonNode body) {
    return new SimResponse(200, body, List.of());
  }

  static SimResponse created(JsonNode body) {
    String url = body.path("url").asText(null);
    return new SimResponse(
        201, body, url == null ? List.of() : List.of(Map.entry("Location", url)));
  }

  static SimResponse accepted(JsonNode body) {
    return new SimResponse(202, body, List.of());
  }

  static SimResponse noContent() {
    return new SimResponse(204, null, List.of());
  }

  static SimResponse list(Listed listed, String url, Map<String, String> params) {
    String link = Paging.link(url, params, listed.page(), listed.perPage(), listed.total());
    return new SimResponse(
        200, listed.items(), link.isEmpty() ? List.of() : List.of(Map.entry("Link", link)));
  }

  SimResponse withHeader(String name, String value) {
    List<Map.Entry<String, String>> h = new ArrayList<>(headers);
    h.add(Map.entry(name, value));
    return new SimResponse(status, body, h);
  }

  static SimResponse error(GitHubErrorResponse e) {
    ObjectNode body = GitHubShapes.MAPPER.createObjectNode();
    body.put("message", e.getMessage());
    if (!e.errors().isEmpty()) {
      var errors = body.putArray("errors");
      for (GitHubErrorResponse.FieldError f : e.errors()) {
        ObjectNode o = errors.addObject().put("resource", f.resource()).put("code", f.code());
        if (f.field() != null) o.put("field", f.field());
        if (f.message() != null) o.put("message", f.message());
      }
    }
    body.put("documentation_url", "https://docs.github.com/rest");
    body.put("status", Integer.toString(e.status()));
    SimResponse r = new SimResponse(e.status(), body, List.of());
    return e.location().map(l -> r.withHeader("Location", l)).orElse(r);
  }

  static SimResponse message(int status, String message) {
    return error(new GitHubErrorResponse(status, message, List.of(), Optional.empty()));
  }
}
