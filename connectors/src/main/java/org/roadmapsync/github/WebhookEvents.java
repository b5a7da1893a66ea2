package org.roadmapsync.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a verified delivery ({@code X-GitHub-Event} + raw body) into a {@link WebhookEvent}.
 * Lenient: unknown fields are ignored and missing ones become null, because real and example
 * payloads often lack fields the current schema requires. What cannot be used at all (not JSON, not
 * an object, an issues event without an issue) is a {@link WebhookPayloadException}.
 */
public final class WebhookEvents {

  private WebhookEvents() {}

  /**
   * Thrown for a payload that cannot be turned into an event; the message says why, never echoing
   * the body.
   */
  public static final class WebhookPayloadException extends RuntimeException {
    public WebhookPayloadException(String message) {
      super(message, null, false, false);
    }
  }

  public static WebhookEvent parse(String eventName, byte[] body) {
    if (eventName == null || eventName.isBlank()) {
      throw new WebhookPayloadException("missing X-GitHub-Event header");
    }
    String name = eventName.trim();
    // Bound straight from the bytes into the event's record: one pass, no intermediate tree.
    return switch (name) {
      case "issues" ->
          required(
              read(body, WebhookEvent.IssuesEvent.class),
              WebhookEvent.IssuesEvent::issue,
              name,
              "issue");
      case "issue_comment" -> {
        var comment =
            required(
                read(body, WebhookEvent.IssueCommentEvent.class),
                WebhookEvent.IssueCommentEvent::issue,
                name,
                "issue");
        yield required(comment, WebhookEvent.IssueCommentEvent::comment, name, "comment");
      }
      case "pull_request" -> {
        var pull =
            required(
                read(body, WebhookEvent.PullRequestEvent.class),
                WebhookEvent.PullRequestEvent::pullRequest,
                name,
                "pull_request");
        yield pull.number() != 0
            ? pull
            : new WebhookEvent.PullRequestEvent(
                pull.action(),
                pull.pullRequest().number(),
                pull.pullRequest(),
                pull.label(),
                pull.assignee(),
                pull.repository(),
                pull.sender());
      }
      case "issue_dependencies" -> {
        var dependency =
            required(
                read(body, WebhookEvent.IssueDependenciesEvent.class),
                WebhookEvent.IssueDependenciesEvent::blockedIssue,
                name,
                "blocked_issue");
        yield required(
            dependency, WebhookEvent.IssueDependenciesEvent::blockingIssue, name, "blocking_issue");
      }
      case "label" ->
          required(
              read(body, WebhookEvent.LabelEvent.class),
              WebhookEvent.LabelEvent::label,
              name,
              "label");
      case "milestone" ->
          required(
              read(body, WebhookEvent.MilestoneEvent.class),
              WebhookEvent.MilestoneEvent::milestone,
              name,
              "milestone");
      case "ping" -> read(body, WebhookEvent.PingEvent.class);
      case "push" -> read(body, WebhookEvent.PushEvent.class);
      default -> {
        var other = read(body, WebhookEvent.OtherEvent.class);
        yield new WebhookEvent.OtherEvent(name, other.action(), other.repository(), other.sender());
      }
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

  private static <T> T read(byte[] body, Class<T> type) {
    T value;
    try {
      value = GitHubJson.MAPPER.readValue(body, type);
    } catch (StreamReadException e) {
      throw new WebhookPayloadException("body is not valid JSON");
    } catch (MismatchedInputException e) {
      throw new WebhookPayloadException(
          e.getPath().isEmpty() ? "body is not a JSON object" : invalid(e));
    } catch (JsonMappingException e) {
      throw new WebhookPayloadException(invalid(e));
    } catch (IOException e) {
      throw new WebhookPayloadException("body is not valid JSON");
    }
    if (value == null) {
      throw new WebhookPayloadException("body is not a JSON object");
    }
    return value;
  }

  private static String invalid(JsonMappingException e) {
    String field = e.getPath().isEmpty() ? "?" : e.getPath().get(0).getFieldName();
    return "field '"
        + field
        + "' is not valid: "
        + e.getOriginalMessage().lines().findFirst().orElse("");
  }

  private static <E, T> E required(
      E event, Function<E, T> field, String eventName, String fieldName) {
    if (field.apply(event) == null) {
      throw new WebhookPayloadException(
          "'" + eventName + "' event without an '" + fieldName + "' object");
    }
    return event;
  }
}
