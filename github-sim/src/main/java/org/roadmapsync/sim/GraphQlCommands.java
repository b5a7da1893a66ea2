package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two GraphQL mutations REST lacks for pull requests: {@code markPullRequestReadyForReview} and
 * {@code convertPullRequestToDraft}, by the pull request's {@code node_id}. Any other query answers
 * a GraphQL error, as GitHub does for what it cannot resolve (status 200, {@code errors}).
 */
final class GraphQlCommands {
  private static final Pattern INLINE_ID = Pattern.compile("pullRequestId\\s*:\\s*\"([^\"]+)\"");

  /** {@code pullRequestId: $name}: the id is the variable {@code name}, as real clients send it. */
  private static final Pattern VARIABLE_ID = Pattern.compile("pullRequestId\\s*:\\s*\\$(\\w+)");

  private GraphQlCommands() {}

  static ObjectNode run(SimData d, String actor, JsonNode body) {
    String query = JsonInput.requiredString(body, "query", "GraphQL");
    String mutation =
        query.contains("markPullRequestReadyForReview")
            ? "markPullRequestReadyForReview"
            : query.contains("convertPullRequestToDraft") ? "convertPullRequestToDraft" : null;
    if (mutation == null)
      return error(
          "The simulator answers only markPullRequestReadyForReview and convertPullRequestToDraft");
    String id = pullRequestId(query, body.path("variables"));
    if (id == null) return error("Argument 'pullRequestId' on InputObject is required");
    for (SimRepo repo : d.repos.values()) {
      for (SimIssue issue : repo.issues.values()) {
        if (issue.pull != null
            && issue.visible()
            && GitHubShapes.nodeId("PullRequest", issue.pull.id).equals(id)) {
          PullCommands.setDraft(
              d, repo, issue, actor, mutation.equals("convertPullRequestToDraft"));
          ObjectNode result = GitHubShapes.MAPPER.createObjectNode();
          result
              .putObject("data")
              .putObject(mutation)
              .putObject("pullRequest")
              .put("id", id)
              .put("number", issue.number)
              .put("isDraft", issue.pull.draft);
          return result;
        }
      }
    }
    return error("Could not resolve to a node with the global id of '" + id + "'");
  }

  private static String pullRequestId(String query, JsonNode variables) {
    if (variables.path("pullRequestId").isTextual()) return variables.get("pullRequestId").asText();
    if (variables.path("input").path("pullRequestId").isTextual())
      return variables.get("input").get("pullRequestId").asText();
    Matcher variable = VARIABLE_ID.matcher(query);
    if (variable.find() && variables.path(variable.group(1)).isTextual())
      return variables.get(variable.group(1)).asText();
    Matcher m = INLINE_ID.matcher(query);
    return m.find() ? m.group(1) : null;
  }

  private static ObjectNode error(String message) {
    ObjectNode e = GitHubShapes.MAPPER.createObjectNode();
    e.putArray("errors").addObject().put("type", "NOT_FOUND").put("message", message);
    return e;
  }
}
