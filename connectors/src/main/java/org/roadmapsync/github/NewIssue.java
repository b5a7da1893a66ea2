package org.roadmapsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What {@code POST /repos/{o}/{r}/issues} takes; {@code body}, {@code milestone} and {@code type}
 * (the name of one of the organisation's issue types) may be null, lists may be empty.
 */
public record NewIssue(
    String title,
    String body,
    List<String> labels,
    List<String> assignees,
    Long milestone,
    String type) {

  public NewIssue {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("an issue needs a title");
    }
    labels = labels == null ? List.of() : List.copyOf(labels);
    assignees = assignees == null ? List.of() : List.copyOf(assignees);
  }

  public NewIssue(
      String title, String body, List<String> labels, List<String> assignees, Long milestone) {
    this(title, body, labels, assignees, milestone, null);
  }

  public static NewIssue titled(String title) {
    return new NewIssue(title, null, List.of(), List.of(), null);
  }

  JsonNode toJson() {
    ObjectNode json = GitHubJson.MAPPER.createObjectNode().put("title", title);
    if (body != null) {
      json.put("body", body);
    }
    if (!labels.isEmpty()) {
      labels.forEach(json.putArray("labels")::add);
    }
    if (!assignees.isEmpty()) {
      assignees.forEach(json.putArray("assignees")::add);
    }
    if (milestone != null) {
      json.put("milestone", milestone);
    }
    if (type != null) {
      json.put("type", type);
    }
    return json;
  }
}
