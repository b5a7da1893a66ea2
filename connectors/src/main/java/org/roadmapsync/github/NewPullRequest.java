package org.roadmapsync.github;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code POST /repos/{o}/{r}/pulls} takes: {@code head} is a branch (or {@code owner:branch}),
 * {@code base} the target.
 */
public record NewPullRequest(String title, String body, String head, String base, boolean draft) {

  public NewPullRequest {
    if (title == null
        || title.isBlank()
        || head == null
        || head.isBlank()
        || base == null
        || base.isBlank()) {
      throw new IllegalArgumentException("a pull request needs a title, a head and a base");
    }
  }

  JsonNode toJson() {
    var json =
        GitHubJson.MAPPER
            .createObjectNode()
            .put("title", title)
            .put("head", head)
            .put("base", base)
            .put("draft", draft);
    if (body != null) {
      json.put("body", body);
    }
    return json;
  }
}
