package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Branches as git refs: enough for pull requests to have real heads. Run inside {@link
 * SimStore#apply}.
 */
final class BranchCommands {
  private BranchCommands() {}

  static Listed list(SimData d, SimRepo repo, Map<String, String> params) {
    List<String> names = List.copyOf(repo.branches.keySet());
    int page = Paging.page(params);
    int perPage = Paging.perPage(params);
    return new Listed(
        GitHubShapes.array(Paging.slice(names, page, perPage), n -> branch(d, repo, n)),
        names.size(),
        page,
        perPage);
  }

  static ObjectNode get(SimData d, SimRepo repo, String name) {
    if (!repo.branches.containsKey(name))
      throw new GitHubErrorResponse(404, "Branch not found", List.of(), Optional.empty());
    return branch(d, repo, name);
  }

  static ObjectNode getRef(SimData d, SimRepo repo, String branch) {
    if (!repo.branches.containsKey(branch)) throw GitHubErrorResponse.notFound();
    return ref(d, repo, branch);
  }

  /** {@code POST /git/refs} with {@code {"ref":"refs/heads/x","sha":"…"}}. */
  static ObjectNode createRef(SimData d, SimRepo repo, JsonNode body) {
    String ref = JsonInput.requiredString(body, "ref", "Reference");
    String sha = JsonInput.requiredString(body, "sha", "Reference");
    if (!ref.startsWith("refs/heads/") || ref.length() == "refs/heads/".length()) {
      throw GitHubErrorResponse.unprocessable("Reference name must start with 'refs/heads/'");
    }
    String branch = ref.substring("refs/heads/".length());
    if (repo.branches.containsKey(branch))
      throw GitHubErrorResponse.unprocessable("Reference already exists");
    if (!repo.branches.containsValue(sha) && !sha.matches("[0-9a-f]{40}"))
      throw GitHubErrorResponse.unprocessable("Object does not exist");
    repo.branches.put(branch, sha);
    return ref(d, repo, branch);
  }

  static void deleteRef(SimRepo repo, String branch) {
    if (repo.branches.remove(branch) == null)
      throw GitHubErrorResponse.unprocessable("Reference does not exist");
  }

  /**
   * A new commit on {@code branch}: open pull requests with that head are announced as synchronize.
   */
  static String push(SimData d, SimRepo repo, String branch, String actor) {
    String sha = PullJson.sha(repo, branch + "@" + d.nextId());
    String before = repo.branches.put(branch, sha);
    repo.issues.values().stream()
        .filter(
            i ->
                i.visible()
                    && i.pull != null
                    && "open".equals(i.state)
                    && i.pull.head.equals(branch))
        .forEach(
            i -> {
              IssueCommands.touch(d, i);
              PullCommands.emitPull(
                  d, repo, i, actor, "synchronize", p -> p.put("before", before).put("after", sha));
            });
    return sha;
  }

  private static ObjectNode branch(SimData d, SimRepo repo, String name) {
    String sha = repo.branches.get(name);
    ObjectNode b = GitHubShapes.MAPPER.createObjectNode().put("name", name);
    b.putObject("commit").put("sha", sha).put("url", d.json.repoUrl(repo) + "/commits/" + sha);
    b.put("protected", false);
    return b;
  }

  private static ObjectNode ref(SimData d, SimRepo repo, String branch) {
    String sha = repo.branches.get(branch);
    ObjectNode r =
        GitHubShapes.MAPPER
            .createObjectNode()
            .put("ref", "refs/heads/" + branch)
            .put("node_id", GitHubShapes.nodeId("Ref", Math.abs((long) branch.hashCode())))
            .put("url", d.json.repoUrl(repo) + "/git/refs/heads/" + branch);
    r.putObject("object")
        .put("sha", sha)
        .put("type", "commit")
        .put("url", d.json.repoUrl(repo) + "/git/commits/" + sha);
    return r;
  }
}
