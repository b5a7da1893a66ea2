package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Issue comments, run inside {@link SimStore#apply}. */
final class CommentCommands {
  private CommentCommands() {}

  static Listed listForIssue(SimData d, SimRepo repo, int number, Map<String, String> params) {
    d.issue(repo, number);
    return list(d, repo, params, c -> c.issueNumber == number);
  }

  static Listed listForRepo(SimData d, SimRepo repo, Map<String, String> params) {
    return list(d, repo, params, c -> true);
  }

  private static Listed list(
      SimData d, SimRepo repo, Map<String, String> params, Predicate<SimComment> which) {
    Optional<Instant> since =
        Optional.ofNullable(params.get("since"))
            .map(
                s -> {
                  try {
                    return Instant.parse(s);
                  } catch (DateTimeParseException e) {
                    throw GitHubErrorResponse.invalid("IssueComment", "since", "invalid");
                  }
                });
    Comparator<SimComment> order =
        "updated".equals(params.get("sort"))
            ? Comparator.comparing((SimComment c) -> c.updatedAt).thenComparingLong(c -> c.id)
            : Comparator.comparingLong((SimComment c) -> c.id);
    if ("desc".equals(params.get("direction"))) order = order.reversed();
    List<SimComment> all =
        repo.comments.values().stream()
            .filter(which)
            .filter(c -> repo.issues.get(c.issueNumber).visible())
            .filter(c -> since.map(s -> !c.updatedAt.isBefore(s)).orElse(true))
            .sorted(order)
            .toList();
    int page = Paging.page(params);
    int perPage = Paging.perPage(params);
    return new Listed(
        GitHubShapes.array(Paging.slice(all, page, perPage), c -> d.json.comment(repo, c)),
        all.size(),
        page,
        perPage);
  }

  static ObjectNode get(SimData d, SimRepo repo, long id) {
    return d.json.comment(repo, find(repo, id));
  }

  /** GitHub's limit on a comment body, in characters. */
  static final int MAX_BODY = 65_536;

  static ObjectNode create(SimData d, SimRepo repo, int number, String actor, JsonNode body) {
    SimIssue issue = d.issue(repo, number);
    String text = checkedBody(body);
    if (issue.locked && !repo.name.owner().equalsIgnoreCase(actor)) {
      throw new GitHubErrorResponse(
          403, "Unable to create comment because issue is locked.", List.of(), Optional.empty());
    }
    SimComment c = new SimComment(d.nextId(), number, actor, text, d.now());
    repo.comments.put(c.id, c);
    issue.comments++;
    IssueCommands.touch(d, issue);
    d.emit("issue_comment", "created", repo, actor, payload(d, repo, issue, c));
    return d.json.comment(repo, c);
  }

  static ObjectNode update(SimData d, SimRepo repo, long id, String actor, JsonNode body) {
    SimComment c = find(repo, id);
    String text = checkedBody(body);
    if (!text.equals(c.body)) {
      ObjectNode changes = GitHubShapes.MAPPER.createObjectNode();
      changes.putObject("body").put("from", c.body);
      c.body = text;
      c.updatedAt = d.now();
      SimIssue issue = repo.issues.get(c.issueNumber);
      ObjectNode p = payload(d, repo, issue, c);
      p.set("changes", changes);
      d.emit("issue_comment", "edited", repo, actor, p);
    }
    return d.json.comment(repo, c);
  }

  static void delete(SimData d, SimRepo repo, long id, String actor) {
    SimComment c = find(repo, id);
    repo.comments.remove(id);
    SimIssue issue = repo.issues.get(c.issueNumber);
    issue.comments--;
    IssueCommands.touch(d, issue);
    d.emit("issue_comment", "deleted", repo, actor, payload(d, repo, issue, c));
  }

  /** GitHub answers 422 to a body over its limit, naming the limit. */
  private static String checkedBody(JsonNode body) {
    String text = JsonInput.requiredString(body, "body", "IssueComment");
    if (text.codePointCount(0, text.length()) > MAX_BODY) {
      throw GitHubErrorResponse.invalid(
          "IssueComment",
          "body",
          "custom",
          "body is too long (maximum is " + MAX_BODY + " characters)");
    }
    return text;
  }

  private static SimComment find(SimRepo repo, long id) {
    SimComment c = repo.comments.get(id);
    if (c == null || !repo.issues.get(c.issueNumber).visible())
      throw GitHubErrorResponse.notFound();
    return c;
  }

  private static ObjectNode payload(SimData d, SimRepo repo, SimIssue issue, SimComment c) {
    ObjectNode p = GitHubShapes.MAPPER.createObjectNode();
    p.set("issue", d.json.issue(repo, issue));
    p.set("comment", d.json.comment(repo, c));
    return p;
  }
}
