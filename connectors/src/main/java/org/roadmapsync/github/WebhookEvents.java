package org.roadmapsync.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * Turns a verified delivery ({@code X-GitHub-Event} + raw body) into a {@link WebhookEvent}. Lenient: unknown
 * fields are ignored and missing ones become null, because real and example payloads often lack fields the
 * current schema requires. What cannot be used at all (not JSON, not an object, an issues event without an
 * issue) is a {@link WebhookPayloadException}.
 */
public final class WebhookEvents {

  private WebhookEvents() {}

  /** Thrown for a payload that cannot be turned into an event; the message says why, never echoing the body. */
  public static final class WebhookPayloadException extends RuntimeException {
    public WebhookPayloadException(String message) {
      super(message, null, false, false);
    }
  }

  public static WebhookEvent parse(String eventName, byte[] body) {
    if (eventName == null || eventName.isBlank()) {
      throw new WebhookPayloadException("missing X-GitHub-Event header");
    }
    JsonNode json;
    try {
      json = GitHubJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new WebhookPayloadException("body is not valid JSON");
    }
    if (json == null || !json.isObject()) {
      throw new WebhookPayloadException("body is not a JSON object");
    }
    String action = json.path("action").asText("");
    Repository repository = field(json, "repository", Repository.class);
    User sender = field(json, "sender", User.class);
    return switch (eventName.trim()) {
      case "issues" -> new WebhookEvent.IssuesEvent(action, required(json, "issue", Issue.class, eventName),
          changes(json), field(json, "label", Label.class), field(json, "assignee", User.class),
          field(json, "milestone", Milestone.class), repository, sender);
      case "issue_comment" -> new WebhookEvent.IssueCommentEvent(action, required(json, "issue", Issue.class, eventName),
          required(json, "comment", Comment.class, eventName), changes(json), repository, sender);
      case "pull_request" -> {
        PullRequest pull = required(json, "pull_request", PullRequest.class, eventName);
        yield new WebhookEvent.PullRequestEvent(action, json.path("number").asLong(pull.number()), pull,
            field(json, "label", Label.class), field(json, "assignee", User.class), repository, sender);
      }
      case "label" -> new WebhookEvent.LabelEvent(action, required(json, "label", Label.class, eventName),
          changes(json), repository, sender);
      case "milestone" -> new WebhookEvent.MilestoneEvent(action, required(json, "milestone", Milestone.class, eventName),
          changes(json), repository, sender);
      case "ping" -> new WebhookEvent.PingEvent(json.path("zen").asText(""), json.path("hook_id").asLong(), repository, sender);
      default -> new WebhookEvent.OtherEvent(eventName.trim(), action, repository, sender);
    };
  }

  static <T> Optional<T> convert(JsonNode parent, String name, Class<T> type) {
    if (parent == null || !parent.path(name).isObject()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(GitHubJson.MAPPER.treeToValue(parent.get(name), type));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static <T> T field(JsonNode json, String name, Class<T> type) {
    JsonNode node = json.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return GitHubJson.MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new WebhookPayloadException("field '" + name + "' is not a valid " + type.getSimpleName() + ": "
          + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static <T> T required(JsonNode json, String name, Class<T> type, String event) {
    if (!json.path(name).isObject()) {
      throw new WebhookPayloadException("'" + event + "' event without an '" + name + "' object");
    }
    return field(json, name, type);
  }

  private static JsonNode changes(JsonNode json) {
    JsonNode changes = json.get("changes");
    return changes == null || changes.isNull() ? null : changes;
  }
}
