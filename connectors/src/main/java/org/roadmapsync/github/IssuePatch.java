package org.roadmapsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A partial update of an issue ({@code PATCH /repos/{o}/{r}/issues/{n}}): null fields are left as
 * they are on GitHub; {@code labels}/{@code assignees} replace the whole set; {@code
 * clearMilestone} sends {@code "milestone": null}; {@code type} names an issue type of the
 * organisation, {@code clearType} sends {@code "type": null}. Plain data, so an operation queue can
 * journal it. Build with the {@code with...} methods: {@code
 * IssuePatch.empty().withTitle("t").withState(IssueState.CLOSED, StateReason.COMPLETED)}.
 */
public record IssuePatch(
    String title,
    String body,
    IssueState state,
    StateReason stateReason,
    List<String> labels,
    List<String> assignees,
    Long milestone,
    boolean clearMilestone,
    String type,
    boolean clearType) {

  public IssuePatch {
    labels = labels == null ? null : List.copyOf(labels);
    assignees = assignees == null ? null : List.copyOf(assignees);
    if (milestone != null && clearMilestone) {
      throw new IllegalArgumentException("set a milestone or clear it, not both");
    }
    if (type != null && clearType) {
      throw new IllegalArgumentException("set a type or clear it, not both");
    }
  }

  public static IssuePatch empty() {
    return new IssuePatch(null, null, null, null, null, null, null, false, null, false);
  }

  public IssuePatch withTitle(String t) {
    return new IssuePatch(
        t, body, state, stateReason, labels, assignees, milestone, clearMilestone, type, clearType);
  }

  public IssuePatch withBody(String b) {
    return new IssuePatch(
        title,
        b,
        state,
        stateReason,
        labels,
        assignees,
        milestone,
        clearMilestone,
        type,
        clearType);
  }

  public IssuePatch withState(IssueState s, StateReason reason) {
    return new IssuePatch(
        title, body, s, reason, labels, assignees, milestone, clearMilestone, type, clearType);
  }

  public IssuePatch withLabels(List<String> l) {
    return new IssuePatch(
        title, body, state, stateReason, l, assignees, milestone, clearMilestone, type, clearType);
  }

  public IssuePatch withAssignees(List<String> a) {
    return new IssuePatch(
        title, body, state, stateReason, labels, a, milestone, clearMilestone, type, clearType);
  }

  public IssuePatch withMilestone(long number) {
    return new IssuePatch(
        title, body, state, stateReason, labels, assignees, number, false, type, clearType);
  }

  public IssuePatch withoutMilestone() {
    return new IssuePatch(
        title, body, state, stateReason, labels, assignees, null, true, type, clearType);
  }

  /** Gives the issue the organisation's type {@code name}; null removes its type. */
  public IssuePatch withType(String name) {
    return new IssuePatch(
        title,
        body,
        state,
        stateReason,
        labels,
        assignees,
        milestone,
        clearMilestone,
        name,
        name == null);
  }

  public boolean isEmpty() {
    return toJson().isEmpty();
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
    if (stateReason != null) {
      json.put("state_reason", stateReason.wire());
    }
    if (labels != null) {
      labels.forEach(json.putArray("labels")::add);
    }
    if (assignees != null) {
      assignees.forEach(json.putArray("assignees")::add);
    }
    if (milestone != null) {
      json.put("milestone", milestone);
    } else if (clearMilestone) {
      json.putNull("milestone");
    }
    if (type != null) {
      json.put("type", type);
    } else if (clearType) {
      json.putNull("type");
    }
    return json;
  }
}
