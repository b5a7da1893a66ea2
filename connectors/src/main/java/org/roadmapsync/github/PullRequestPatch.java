package org.roadmapsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A partial update of a pull request; null fields are left as they are. */
public record PullRequestPatch(String title, String body, IssueState state, String base) {

  public static PullRequestPatch empty() {
    return new PullRequestPatch(null, null, null, null);
  }

  public PullRequestPatch withTitle(String t) {
    return new PullRequestPatch(t, body, state, base);
  }

  public PullRequestPatch withBody(String b) {
    return new PullRequestPatch(title, b, state, base);
  }

  public PullRequestPatch withState(IssueState s) {
    return new PullRequestPatch(title, body, s, base);
  }

  public PullRequestPatch withBase(String b) {
    return new PullRequestPatch(title, body, state, b);
  }

  JsonNode toJson() {
    ObjectNode json = GitHubJson.MAPPER.createObjectNode();
    if (title != null) {
      json.put("title", title);
    }
    if (body != null) {
      json.put("body", body);
    }
    if (state != null) {
      json.put("state", state.wire());
    }
    if (base != null) {
      json.put("base", base);
    }
    return json;
  }
}
