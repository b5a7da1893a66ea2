package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/** Renders the simulator's records in the JSON shapes GitHub's REST API and webhooks use. */
final class GitHubShapes {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String HTML = "https://github.com";

  private final Supplier<String> root;

  /** The root is read late: the port is known only once the server is bound. */
  GitHubShapes(Supplier<String> apiRoot) {
    this.root = apiRoot;
  }

  String apiRoot() {
    return root.get();
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  static String nodeId(String type, long id) {
    return Base64.getEncoder().encodeToString(("0:" + type + id).getBytes(StandardCharsets.UTF_8));
  }

  static long userId(String login) {
    return 1000L + Math.floorMod(login.toLowerCase(Locale.ROOT).hashCode(), 9_000_000);
  }

  ObjectNode user(String login) {
    ObjectNode u = MAPPER.createObjectNode();
    String url = apiRoot() + "/users/" + login;
    u.put("login", login)
        .put("id", userId(login))
        .put("node_id", nodeId("User", userId(login)))
        .put("avatar_url", "https://avatars.githubusercontent.com/u/" + userId(login) + "?v=4")
        .put("gravatar_id", "")
        .put("url", url)
        .put("html_url", HTML + "/" + login)
        .put("followers_url", url + "/followers")
        .put("following_url", url + "/following{/other_user}")
        .put("gists_url", url + "/gists{/gist_id}")
        .put("starred_url", url + "/starred{/owner}{/repo}")
        .put("subscriptions_url", url + "/subscriptions")
        .put("organizations_url", url + "/orgs")
        .put("repos_url", url + "/repos")
        .put("events_url", url + "/events{/privacy}")
        .put("received_events_url", url + "/received_events")
        .put("type", "User")
        .put("site_admin", false);
    return u;
  }

  ObjectNode privateUser(String login, Instant created) {
    ObjectNode u = user(login);
    u.putNull("name")
        .putNull("company")
        .put("blog", "")
        .putNull("location")
        .putNull("email")
        .putNull("hireable")
        .putNull("bio")
        .put("public_repos", 0)
        .put("public_gists", 0)
        .put("followers", 0)
        .put("following", 0)
        .put("created_at", time(created))
        .put("updated_at", time(created))
        .put("private_gists", 0)
        .put("total_private_repos", 0)
        .put("owned_private_repos", 0)
        .put("disk_usage", 0)
        .put("collaborators", 0)
        .put("two_factor_authentication", true);
    return u;
  }

  String repoUrl(SimRepo repo) {
    return apiRoot() + "/repos/" + repo.name.fullName();
  }

  ObjectNode repository(SimRepo repo, Instant now) {
    ObjectNode r = MAPPER.createObjectNode();
    String url = repoUrl(repo);
    r.put("id", repo.id)
        .put("node_id", nodeId("Repository", repo.id))
        .put("name", repo.name.name())
        .put("full_name", repo.name.fullName())
        .put("private", false)
        .set("owner", user(repo.name.owner()));
    r.put("html_url", HTML + "/" + repo.name.fullName())
        .putNull("description")
        .put("fork", false)
        .put("url", url);
    for (String[] t : RepoUrls.TEMPLATES) r.put(t[0], url + t[1]);
    r.put("created_at", time(repo.createdAt))
        .put("updated_at", time(now))
        .put("pushed_at", time(now))
        .put("git_url", "git://github.com/" + repo.name.fullName() + ".git")
        .put("ssh_url", "git@github.com:" + repo.name.fullName() + ".git")
        .put("clone_url", HTML + "/" + repo.name.fullName() + ".git")
        .put("svn_url", HTML + "/" + repo.name.fullName())
        .putNull("homepage")
        .put("size", 0)
        .put("stargazers_count", 0)
        .put("watchers_count", 0)
        .putNull("language")
        .put("has_issues", true)
        .put("has_projects", true)
        .put("has_downloads", true)
        .put("has_wiki", true)
        .put("has_pages", false)
        .put("has_discussions", false)
        .put("forks_count", 0)
        .putNull("mirror_url")
        .put("archived", false)
        .put("disabled", false)
        .put("open_issues_count", repo.openIssues())
        .putNull("license")
        .put("forks", 0)
        .put("open_issues", repo.openIssues())
        .put("watchers", 0)
        .put("default_branch", "main")
        .put("visibility", "public")
        .put("is_template", false)
        .put("web_commit_signoff_required", false)
        .put("allow_forking", true);
    r.putArray("topics");
    return r;
  }

  ObjectNode label(SimRepo repo, SimLabel label) {
    ObjectNode l = MAPPER.createObjectNode();
    l.put("id", label.id)
        .put("node_id", nodeId("Label", label.id))
        .put("url", repoUrl(repo) + "/labels/" + UrlPath.encode(label.name))
        .put("name", label.name)
        .put("color", label.color)
        .put("default", false)
        .put("description", label.description);
    return l;
  }

  ObjectNode milestone(SimRepo repo, SimMilestone m) {
    ObjectNode j = MAPPER.createObjectNode();
    long open =
        repo.issues.values().stream()
            .filter(i -> i.visible() && m.number == orZero(i.milestone) && "open".equals(i.state))
            .count();
    long closed =
        repo.issues.values().stream()
            .filter(i -> i.visible() && m.number == orZero(i.milestone) && "closed".equals(i.state))
            .count();
    String url = repoUrl(repo) + "/milestones/" + m.number;
    j.put("url", url)
        .put("html_url", HTML + "/" + repo.name.fullName() + "/milestone/" + m.number)
        .put("labels_url", url + "/labels")
        .put("id", m.id)
        .put("node_id", nodeId("Milestone", m.id))
        .put("number", m.number)
        .put("state", m.state)
        .put("title", m.title)
        .put("description", m.description)
        .set("creator", user(m.creator));
    j.put("open_issues", open)
        .put("closed_issues", closed)
        .put("created_at", time(m.createdAt))
        .put("updated_at", time(m.updatedAt))
        .put("closed_at", time(m.closedAt))
        .put("due_on", time(m.dueOn));
    return j;
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }

  ObjectNode issue(SimRepo repo, SimIssue i) {
    ObjectNode j = MAPPER.createObjectNode();
    String url = repoUrl(repo) + "/issues/" + i.number;
    j.put("url", url)
        .put("repository_url", repoUrl(repo))
        .put("labels_url", url + "/labels{/name}")
        .put("comments_url", url + "/comments")
        .put("events_url", url + "/events")
        .put(
            "html_url",
            HTML + "/" + repo.name.fullName() + (i.pull == null ? "/issues/" : "/pull/") + i.number)
        .put("id", i.id)
        .put("node_id", nodeId("Issue", i.id))
        .put("number", i.number)
        .put("title", i.title)
        .set("user", user(i.author));
    ArrayNode labels = j.putArray("labels");
    i.labels.forEach(name -> repo.label(name).ifPresent(l -> labels.add(label(repo, l))));
    j.put("state", i.state).put("locked", i.locked);
    j.set("assignee", i.assignees.isEmpty() ? null : user(i.assignees.get(0)));
    ArrayNode assignees = j.putArray("assignees");
    i.assignees.forEach(a -> assignees.add(user(a)));
    SimMilestone m = i.milestone == null ? null : repo.milestones.get(i.milestone);
    j.set("milestone", m == null ? null : milestone(repo, m));
    j.put("comments", i.comments)
        .put("created_at", time(i.createdAt))
        .put("updated_at", time(i.updatedAt))
        .put("closed_at", time(i.closedAt))
        .put("author_association", authorAssociation(repo, i.author))
        .put("active_lock_reason", i.lockReason)
        .put("body", i.body);
    if (i.pull != null) {
      ObjectNode pr = j.putObject("pull_request");
      String pullUrl = repoUrl(repo) + "/pulls/" + i.number;
      pr.put("url", pullUrl)
          .put("html_url", HTML + "/" + repo.name.fullName() + "/pull/" + i.number)
          .put("diff_url", HTML + "/" + repo.name.fullName() + "/pull/" + i.number + ".diff")
          .put("patch_url", HTML + "/" + repo.name.fullName() + "/pull/" + i.number + ".patch")
          .put("merged_at", time(i.pull.mergedAt));
      j.put("draft", i.pull.draft);
    }
    j.set("reactions", reactions(url));
    j.set("closed_by", i.closedBy == null ? null : user(i.closedBy));
    j.put("timeline_url", url + "/timeline")
        .putNull("performed_via_github_app")
        .put("state_reason", i.stateReason);
    j.set("type", i.type == null ? null : issueType(i.type));
    j.putObject("issue_dependencies_summary")
        .put("blocked_by", i.blockedBy.size())
        .put("blocking", i.blocking.size())
        .put("total_blocked_by", i.blockedBy.size())
        .put("total_blocking", i.blocking.size());
    return j;
  }

  /** GitHub's {@code issue-type}, as the issue's {@code type} and the organisation's list. */
  ObjectNode issueType(SimIssueType t) {
    ObjectNode j = MAPPER.createObjectNode();
    j.put("id", t.id())
        .put("node_id", nodeId("IssueType", t.id()))
        .put("name", t.name())
        .put("description", t.description())
        .put("color", t.color())
        .put("created_at", time(t.createdAt()))
        .put("updated_at", time(t.createdAt()))
        .put("is_enabled", true);
    return j;
  }

  static String authorAssociation(SimRepo repo, String login) {
    return repo.name.owner().equalsIgnoreCase(login) ? "OWNER" : "CONTRIBUTOR";
  }

  ObjectNode reactions(String url) {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("url", url + "/reactions").put("total_count", 0);
    for (String k :
        new String[] {"+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"})
      r.put(k, 0);
    return r;
  }

  ObjectNode comment(SimRepo repo, SimComment c) {
    ObjectNode j = MAPPER.createObjectNode();
    String url = repoUrl(repo) + "/issues/comments/" + c.id;
    j.put("url", url)
        .put(
            "html_url",
            HTML
                + "/"
                + repo.name.fullName()
                + "/issues/"
                + c.issueNumber
                + "#issuecomment-"
                + c.id)
        .put("issue_url", repoUrl(repo) + "/issues/" + c.issueNumber)
        .put("id", c.id)
        .put("node_id", nodeId("IssueComment", c.id))
        .set("user", user(c.author));
    j.put("created_at", time(c.createdAt))
        .put("updated_at", time(c.updatedAt))
        .put("author_association", authorAssociation(repo, c.author))
        .put("body", c.body)
        .set("reactions", reactions(url));
    j.putNull("performed_via_github_app");
    return j;
  }

  static <T> ArrayNode array(Collection<T> items, Function<T, JsonNode> render) {
    ArrayNode a = MAPPER.createArrayNode();
    items.forEach(item -> a.add(render.apply(item)));
    return a;
  }

  static Comparator<SimLabel> byName() {
    return Comparator.comparing(l -> l.name.toLowerCase(Locale.ROOT));
  }
}
