package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pull requests: issues with a head and a base. Run inside {@link SimStore#apply}. */
final class PullCommands {
  /** GitHub's closing keywords followed by a same-repository issue number. */
  private static final Pattern CLOSING_KEYWORD =
      Pattern.compile("(?i)\\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\\s+#(\\d+)\\b");

  private PullCommands() {}

  static ObjectNode create(SimData d, SimRepo repo, String actor, JsonNode body) {
    String head = JsonInput.requiredString(body, "head", "PullRequest");
    String base = JsonInput.requiredString(body, "base", "PullRequest");
    Boolean draft = JsonInput.bool(body, "draft", "PullRequest");
    String title = JsonInput.string(body, "title", "PullRequest", true);
    if (title == null || title.isBlank())
      throw GitHubErrorResponse.invalid("PullRequest", "title", "missing_field");
    String headRef = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
    if (headRef.equals(base)) {
      throw GitHubErrorResponse.invalid(
          "PullRequest", "base", "custom", "No commits between " + base + " and " + headRef);
    }
    boolean exists =
        repo.issues.values().stream()
            .anyMatch(
                i ->
                    i.visible()
                        && i.pull != null
                        && "open".equals(i.state)
                        && i.pull.head.equals(headRef)
                        && i.pull.base.equals(base));
    if (exists) {
      throw GitHubErrorResponse.invalid(
          "PullRequest",
          null,
          "custom",
          "A pull request already exists for " + repo.name.owner() + ":" + headRef + ".");
    }
    SimIssue issue = new SimIssue(d.nextId(), repo.nextNumber++, actor, title, d.now());
    issue.body = JsonInput.string(body, "body", "PullRequest", true);
    issue.pull = new SimIssue.SimPull(d.nextId(), headRef, base, Boolean.TRUE.equals(draft));
    repo.ensureBranch(headRef);
    repo.ensureBranch(base);
    repo.issues.put(issue.number, issue);
    emitPull(d, repo, issue, actor, "opened", p -> {});
    return PullJson.pull(d, repo, issue);
  }

  static ObjectNode get(SimData d, SimRepo repo, int number) {
    return PullJson.pull(d, repo, pull(d, repo, number));
  }

  static Listed list(SimData d, SimRepo repo, Map<String, String> params) {
    String state = params.getOrDefault("state", "open");
    if (!List.of("open", "closed", "all").contains(state))
      throw GitHubErrorResponse.invalid("PullRequest", "state", "invalid");
    Optional<String> head =
        Optional.ofNullable(params.get("head"))
            .map(h -> h.contains(":") ? h.substring(h.indexOf(':') + 1) : h);
    Optional<String> base = Optional.ofNullable(params.get("base"));
    Comparator<SimIssue> order =
        "updated".equals(params.get("sort"))
            ? Comparator.comparing((SimIssue i) -> i.updatedAt).thenComparingInt(i -> i.number)
            : Comparator.comparing((SimIssue i) -> i.createdAt).thenComparingInt(i -> i.number);
    if (!"asc".equals(params.get("direction"))) order = order.reversed();
    List<SimIssue> all =
        repo.issues.values().stream()
            .filter(
                i ->
                    i.visible() && i.pull != null && ("all".equals(state) || state.equals(i.state)))
            .filter(i -> head.map(h -> h.equals(i.pull.head)).orElse(true))
            .filter(i -> base.map(b -> b.equals(i.pull.base)).orElse(true))
            .sorted(order)
            .toList();
    int page = Paging.page(params);
    int perPage = Paging.perPage(params);
    return new Listed(
        GitHubShapes.array(Paging.slice(all, page, perPage), i -> PullJson.pull(d, repo, i)),
        all.size(),
        page,
        perPage);
  }

  static ObjectNode update(SimData d, SimRepo repo, int number, String actor, JsonNode body) {
    SimIssue issue = pull(d, repo, number);
    String base = JsonInput.string(body, "base", "PullRequest", false);
    String state = JsonInput.string(body, "state", "PullRequest", false);
    if (state != null && issue.pull.merged && "open".equals(state)) {
      throw GitHubErrorResponse.unprocessable(
          "state cannot be changed. The pull request cannot be reopened.");
    }
    ObjectNode issuePatch = GitHubShapes.MAPPER.createObjectNode();
    for (String f : List.of("title", "body", "state"))
      if (body.has(f)) issuePatch.set(f, body.get(f));
    if (base != null && !base.equals(issue.pull.base)) {
      String oldBase = issue.pull.base;
      issue.pull.base = base;
      IssueCommands.touch(d, issue);
      emitPull(
          d,
          repo,
          issue,
          actor,
          "edited",
          p -> p.putObject("changes").putObject("base").putObject("ref").put("from", oldBase));
    }
    IssueCommands.update(d, repo, number, actor, issuePatch);
    return PullJson.pull(d, repo, issue);
  }

  static ObjectNode merge(SimData d, SimRepo repo, int number, String actor, JsonNode body) {
    SimIssue issue = pull(d, repo, number);
    JsonInput.string(body, "commit_title", "PullRequest", true);
    String method = JsonInput.string(body, "merge_method", "PullRequest", false);
    if (method != null && !List.of("merge", "squash", "rebase").contains(method))
      throw GitHubErrorResponse.invalid("PullRequest", "merge_method", "invalid");
    if (issue.pull.merged
        || !"open".equals(issue.state)
        || !issue.pull.mergeable
        || issue.pull.draft) {
      throw new GitHubErrorResponse(
          405, "Pull Request is not mergeable", List.of(), Optional.empty());
    }
    issue.pull.merged = true;
    issue.pull.mergedAt = d.now();
    issue.pull.mergedBy = actor;
    issue.pull.mergeCommitSha = PullJson.sha(repo, "merge-" + number);
    repo.branches.put(issue.pull.base, issue.pull.mergeCommitSha);
    issue.state = "closed";
    issue.closedAt = d.now();
    issue.closedBy = actor;
    IssueCommands.touch(d, issue);
    emitPull(d, repo, issue, actor, "closed", p -> {});
    closeLinkedIssues(d, repo, issue, actor);
    ObjectNode result = GitHubShapes.MAPPER.createObjectNode();
    result
        .put("sha", issue.pull.mergeCommitSha)
        .put("merged", true)
        .put("message", "Pull Request successfully merged");
    return result;
  }

  /**
   * As GitHub does on merge into the default branch: issues the body names with a closing keyword
   * are closed as completed.
   */
  private static void closeLinkedIssues(SimData d, SimRepo repo, SimIssue pull, String actor) {
    if (pull.body == null || !"main".equals(pull.pull.base)) return;
    Matcher m = CLOSING_KEYWORD.matcher(pull.body);
    while (m.find()) {
      SimIssue linked = repo.issues.get(Integer.parseInt(m.group(1)));
      if (linked != null
          && linked.visible()
          && linked.pull == null
          && "open".equals(linked.state)) {
        IssueCommands.update(
            d,
            repo,
            linked.number,
            actor,
            GitHubShapes.MAPPER
                .createObjectNode()
                .put("state", "closed")
                .put("state_reason", "completed"));
      }
    }
  }

  /** GitHub computes mergeability from the branches; the control API sets it directly. */
  static ObjectNode setMergeable(SimData d, SimRepo repo, int number, boolean mergeable) {
    SimIssue issue = pull(d, repo, number);
    issue.pull.mergeable = mergeable;
    return PullJson.pull(d, repo, issue);
  }

  /**
   * Draft on or off, as GitHub's GraphQL mutations do it; announces ready_for_review or
   * converted_to_draft.
   */
  static ObjectNode setDraft(SimData d, SimRepo repo, SimIssue issue, String actor, boolean draft) {
    if (issue.pull.draft != draft) {
      issue.pull.draft = draft;
      IssueCommands.touch(d, issue);
      emitPull(d, repo, issue, actor, draft ? "converted_to_draft" : "ready_for_review", p -> {});
    }
    return PullJson.pull(d, repo, issue);
  }

  static boolean merged(SimData d, SimRepo repo, int number) {
    return pull(d, repo, number).pull.merged;
  }

  static void emitPull(
      SimData d,
      SimRepo repo,
      SimIssue issue,
      String actor,
      String action,
      Consumer<ObjectNode> extra) {
    ObjectNode p = GitHubShapes.MAPPER.createObjectNode();
    p.put("number", issue.number);
    p.set("pull_request", PullJson.pull(d, repo, issue));
    extra.accept(p);
    d.emit("pull_request", action, repo, actor, p);
  }

  private static SimIssue pull(SimData d, SimRepo repo, int number) {
    SimIssue issue = d.issue(repo, number);
    if (issue.pull == null) throw GitHubErrorResponse.notFound();
    return issue;
  }
}
