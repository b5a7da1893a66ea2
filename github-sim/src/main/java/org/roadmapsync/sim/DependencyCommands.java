package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Issue dependencies ({@code …/issues/{n}/dependencies/blocked_by}, {@code …/blocking}), run inside
 * {@link SimStore#apply}. A relation is one fact seen from two issues: adding or removing it
 * changes both, moves both {@code updated_at}, and sends {@code issue_dependencies} webhooks to
 * each side's repository ({@code blocked_by_*} for the blocked issue, {@code blocking_*} for the
 * blocking one).
 */
final class DependencyCommands {
  /** GitHub's published limit: at most 50 issues blocking one issue, and 50 it blocks. */
  static final int LIMIT = 50;

  private DependencyCommands() {}

  static Listed blockedBy(SimData d, SimRepo repo, int number, Map<String, String> params) {
    return page(d, d.issue(repo, number).blockedBy.stream().toList(), params);
  }

  static Listed blocking(SimData d, SimRepo repo, int number, Map<String, String> params) {
    return page(d, d.issue(repo, number).blocking.stream().toList(), params);
  }

  /**
   * {@code POST …/blocked_by} {@code {"issue_id": <database id>}}: answers the blocking issue. A
   * missing or unknown id, the issue itself, a relation that exists, or a 51st one → 422.
   */
  static ObjectNode add(SimData d, SimRepo repo, int number, String actor, JsonNode body) {
    SimIssue blocked = d.issue(repo, number);
    JsonNode id = body.get("issue_id");
    if (id == null || id.isNull()) {
      throw GitHubErrorResponse.invalid("IssueDependency", "issue_id", "missing_field");
    }
    if (!id.canConvertToLong() || !id.isIntegralNumber()) {
      throw JsonInput.wrongType("issue_id", id, "integer");
    }
    SimIssue blocking =
        d.issueById(id.asLong())
            .filter(SimIssue::visible)
            .orElseThrow(
                () ->
                    GitHubErrorResponse.invalid(
                        "IssueDependency", "issue_id", "invalid", "Issue does not exist"));
    if (blocking == blocked) {
      throw GitHubErrorResponse.unprocessable("An issue cannot be blocked by itself");
    }
    if (blocked.blockedBy.contains(blocking)) {
      throw GitHubErrorResponse.unprocessable("Issue dependency already exists");
    }
    if (blocked.blockedBy.size() >= LIMIT) {
      throw GitHubErrorResponse.unprocessable(
          "Issue cannot be blocked by more than " + LIMIT + " issues");
    }
    if (blocking.blocking.size() >= LIMIT) {
      throw GitHubErrorResponse.unprocessable("Issue cannot block more than " + LIMIT + " issues");
    }
    blocked.blockedBy.add(blocking);
    blocking.blocking.add(blocked);
    announce(d, blocked, blocking, actor, "added");
    return d.json.issue(d.repoOf(blocking), blocking);
  }

  /** {@code DELETE …/blocked_by/{issue_id}}: answers the issue that blocked; none → 404. */
  static ObjectNode remove(SimData d, SimRepo repo, int number, long issueId, String actor) {
    SimIssue blocked = d.issue(repo, number);
    SimIssue blocking =
        blocked.blockedBy.stream()
            .filter(i -> i.id == issueId)
            .findFirst()
            .orElseThrow(GitHubErrorResponse::notFound);
    blocked.blockedBy.remove(blocking);
    blocking.blocking.remove(blocked);
    announce(d, blocked, blocking, actor, "removed");
    return d.json.issue(d.repoOf(blocking), blocking);
  }

  private static void announce(
      SimData d, SimIssue blocked, SimIssue blocking, String actor, String what) {
    SimRepo blockedRepo = d.repoOf(blocked);
    SimRepo blockingRepo = d.repoOf(blocking);
    IssueCommands.touch(d, blocked);
    IssueCommands.touch(d, blocking);
    d.emit(
        "issue_dependencies",
        "blocked_by_" + what,
        blockedRepo,
        actor,
        payload(d, blocked, blockedRepo, blocking, blockingRepo, "blocking_issue_repo"));
    d.emit(
        "issue_dependencies",
        "blocking_" + what,
        blockingRepo,
        actor,
        payload(d, blocked, blockedRepo, blocking, blockingRepo, "blocked_issue_repo"));
  }

  /**
   * GitHub's payload: both issues and their ids, and the other side's repository ({@code
   * repository} is the side the event is about).
   */
  private static ObjectNode payload(
      SimData d,
      SimIssue blocked,
      SimRepo blockedRepo,
      SimIssue blocking,
      SimRepo blockingRepo,
      String otherRepoKey) {
    ObjectNode p = GitHubShapes.MAPPER.createObjectNode();
    p.put("blocked_issue_id", blocked.id);
    p.set("blocked_issue", d.json.issue(blockedRepo, blocked));
    p.put("blocking_issue_id", blocking.id);
    p.set("blocking_issue", d.json.issue(blockingRepo, blocking));
    SimRepo other = otherRepoKey.equals("blocking_issue_repo") ? blockingRepo : blockedRepo;
    p.set(otherRepoKey, d.json.repository(other, d.now()));
    return p;
  }

  private static Listed page(SimData d, List<SimIssue> issues, Map<String, String> params) {
    int perPage = Paging.perPage(params);
    int page = Paging.page(params);
    return new Listed(
        GitHubShapes.array(Paging.slice(issues, page, perPage), i -> d.json.issue(d.repoOf(i), i)),
        issues.size(),
        page,
        perPage);
  }
}
