package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The {@code pull-request} shape, built on the issue it belongs to. */
final class PullJson {
  private PullJson() {}

  static ObjectNode pull(SimData d, SimRepo repo, SimIssue i) {
    GitHubShapes json = d.json;
    SimIssue.SimPull p = i.pull;
    ObjectNode issue = json.issue(repo, i);
    String url = json.repoUrl(repo) + "/pulls/" + i.number;
    String html = "https://github.com/" + repo.name.fullName() + "/pull/" + i.number;
    ObjectNode j = GitHubShapes.MAPPER.createObjectNode();
    j.put("url", url)
        .put("id", p.id)
        .put("node_id", GitHubShapes.nodeId("PullRequest", p.id))
        .put("html_url", html)
        .put("diff_url", html + ".diff")
        .put("patch_url", html + ".patch")
        .put("issue_url", issue.get("url").asText())
        .put("commits_url", url + "/commits")
        .put("review_comments_url", url + "/comments")
        .put("review_comment_url", json.repoUrl(repo) + "/pulls/comments{/number}")
        .put("comments_url", issue.get("comments_url").asText())
        .put("statuses_url", json.repoUrl(repo) + "/statuses/" + sha(repo, p.head))
        .put("number", i.number)
        .put("state", i.state)
        .put("locked", i.locked)
        .put("title", i.title);
    j.set("user", issue.get("user"));
    j.put("body", i.body);
    j.set("labels", issue.get("labels"));
    j.set("milestone", issue.get("milestone"));
    j.put("active_lock_reason", i.lockReason)
        .put("created_at", GitHubShapes.time(i.createdAt))
        .put("updated_at", GitHubShapes.time(i.updatedAt))
        .put("closed_at", GitHubShapes.time(i.closedAt))
        .put("merged_at", GitHubShapes.time(p.mergedAt))
        .put("merge_commit_sha", p.mergeCommitSha);
    j.set("assignee", issue.get("assignee"));
    j.set("assignees", issue.get("assignees"));
    j.putArray("requested_reviewers");
    j.putArray("requested_teams");
    j.set("head", ref(d, repo, p.head, i.updatedAt));
    j.set("base", ref(d, repo, p.base, i.updatedAt));
    ObjectNode links = j.putObject("_links");
    link(links, "self", url);
    link(links, "html", html);
    link(links, "issue", issue.get("url").asText());
    link(links, "comments", issue.get("comments_url").asText());
    link(links, "review_comments", url + "/comments");
    link(links, "review_comment", json.repoUrl(repo) + "/pulls/comments{/number}");
    link(links, "commits", url + "/commits");
    link(links, "statuses", json.repoUrl(repo) + "/statuses/" + sha(repo, p.head));
    j.put("author_association", GitHubShapes.authorAssociation(repo, i.author))
        .putNull("auto_merge")
        .put("draft", p.draft)
        .put("merged", p.merged)
        .put("mergeable", p.merged ? null : p.mergeable)
        .put("rebaseable", p.mergeable)
        .put("mergeable_state", p.merged ? "unknown" : (p.mergeable ? "clean" : "dirty"));
    j.set("merged_by", p.mergedBy == null ? null : json.user(p.mergedBy));
    j.put("comments", i.comments)
        .put("review_comments", 0)
        .put("maintainer_can_modify", false)
        .put("commits", 1)
        .put("additions", 1)
        .put("deletions", 0)
        .put("changed_files", 1);
    return j;
  }

  /**
   * The repository shows the pull request's last update as its own (not the current time), so an
   * unchanged pull request answers the same body, and a conditional request for it gets a 304.
   */
  private static ObjectNode ref(SimData d, SimRepo repo, String ref, Instant asOf) {
    ObjectNode r = GitHubShapes.MAPPER.createObjectNode();
    r.put("label", repo.name.owner() + ":" + ref)
        .put("ref", ref)
        .put("sha", repo.branches.getOrDefault(ref, sha(repo, ref)));
    r.set("user", d.json.user(repo.name.owner()));
    r.set("repo", d.json.repository(repo, asOf));
    return r;
  }

  private static void link(ObjectNode links, String name, String href) {
    links.putObject(name).put("href", href);
  }

  /** A stable, commit-like sha for a name (a new branch, a merge). */
  static String sha(SimRepo repo, String ref) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-1")
              .digest((repo.name.fullName() + ":" + ref).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
