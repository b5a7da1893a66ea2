package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What only the control API can do: seed in bulk (no webhooks, no quota), delete and transfer
 * issues. Run inside {@link SimStore#apply}.
 */
final class ControlCommands {
  private ControlCommands() {}

  /** Seeds one repository (created if new) from the JSON described in {@link SimControl#seed}. */
  static ObjectNode seed(SimData d, JsonNode body, String defaultAuthor) {
    SimRepo repo = d.addRepo(RepoName.parse(JsonInput.requiredString(body, "repo", "Seed")));
    List<String> types = JsonInput.strings(body, "issue_types", "Seed");
    if (types != null) d.setIssueTypes(repo.name.owner(), types);
    int labels = 0;
    int milestones = 0;
    for (JsonNode l : body.path("labels")) {
      String name = JsonInput.requiredString(l, "name", "Label");
      if (repo.label(name).isEmpty()) {
        LabelCommands.add(
            d,
            repo,
            name,
            l.path("color").asText(LabelCommands.DEFAULT_COLOR),
            JsonInput.string(l, "description", "Label", true));
        labels++;
      }
    }
    for (JsonNode m : body.path("milestones")) {
      SimMilestone ms =
          MilestoneCommands.add(
              d, repo, defaultAuthor, JsonInput.requiredString(m, "title", "Milestone"));
      ms.description = JsonInput.string(m, "description", "Milestone", true);
      ms.dueOn = JsonInput.instant(m, "due_on", "Milestone");
      if ("closed".equals(m.path("state").asText())) {
        ms.state = "closed";
        ms.closedAt = d.now();
      }
      milestones++;
    }
    int first = repo.nextNumber;
    for (JsonNode i : body.path("issues")) seedIssue(d, repo, i, defaultAuthor);
    JsonNode gen = body.path("generate");
    int count = gen.path("count").asInt(0);
    String prefix = gen.path("title_prefix").asText("Generated issue");
    for (int n = 0; n < count; n++) {
      SimIssue issue =
          new SimIssue(
              d.nextId(), repo.nextNumber++, defaultAuthor, prefix + " " + (n + 1), d.now());
      issue.body = "Seeded by the simulator.";
      repo.issues.put(issue.number, issue);
    }
    ObjectNode result = GitHubShapes.MAPPER.createObjectNode();
    result
        .put("repo", repo.name.fullName())
        .put("labels", labels)
        .put("milestones", milestones)
        .put("issues", repo.nextNumber - first)
        .put("first_number", first)
        .put("last_number", repo.nextNumber - 1);
    return result;
  }

  private static void seedIssue(SimData d, SimRepo repo, JsonNode i, String defaultAuthor) {
    String title = JsonInput.requiredString(i, "title", "Issue");
    Instant created = orNow(d, JsonInput.instant(i, "created_at", "Issue"));
    String author = i.path("user").asText(defaultAuthor);
    SimIssue issue = new SimIssue(d.nextId(), repo.nextNumber++, author, title, created);
    issue.body = JsonInput.string(i, "body", "Issue", true);
    List<String> labels = JsonInput.strings(i, "labels", "Issue");
    if (labels != null) {
      for (String l : labels) issue.labels.add(LabelCommands.ensureQuietly(d, repo, l).name);
    }
    JsonNode m = i.get("milestone");
    if (m != null && !m.isNull()) {
      SimMilestone ms =
          m.isIntegralNumber()
              ? repo.milestones.get(m.asInt())
              : repo.milestoneByTitle(m.asText())
                  .orElseGet(() -> MilestoneCommands.add(d, repo, defaultAuthor, m.asText()));
      if (ms == null) throw GitHubErrorResponse.invalid("Issue", "milestone", "invalid");
      issue.milestone = ms.number;
    }
    List<String> assignees = JsonInput.strings(i, "assignees", "Issue");
    if (assignees != null) issue.assignees.addAll(assignees);
    if ("closed".equals(i.path("state").asText("open"))) {
      issue.state = "closed";
      issue.stateReason = i.path("state_reason").asText("completed");
      issue.closedAt = created;
    }
    if (i.path("locked").asBoolean(false)) issue.locked = true;
    String type = JsonInput.string(i, "type", "Issue", true);
    if (type != null) {
      issue.type =
          d.issueTypesOf(repo.name.owner()).stream()
              .filter(t -> t.name().equalsIgnoreCase(type))
              .findFirst()
              .orElseThrow(() -> GitHubErrorResponse.invalid("Issue", "type", "invalid"));
    }
    issue.updatedAt =
        orNow(d, JsonInput.instant(i, "updated_at", "Issue")).isBefore(created)
            ? created
            : orNow(d, JsonInput.instant(i, "updated_at", "Issue"));
    repo.issues.put(issue.number, issue);
    for (JsonNode c : i.path("comments")) {
      SimComment comment = new SimComment(d.nextId(), issue.number, author, c.asText(), created);
      repo.comments.put(comment.id, comment);
      issue.comments++;
    }
  }

  private static Instant orNow(SimData d, Instant t) {
    return t == null ? d.now() : t.truncatedTo(ChronoUnit.SECONDS);
  }

  static void delete(SimData d, SimRepo repo, int number, String actor) {
    SimIssue issue = d.issue(repo, number);
    ObjectNode p = IssueCommands.payload(d, repo, issue);
    issue.deleted = true;
    d.emit("issues", "deleted", repo, actor, p);
  }

  static ObjectNode transfer(SimData d, SimRepo repo, int number, RepoName to, String actor) {
    SimIssue issue = d.issue(repo, number);
    SimRepo target = d.addRepo(to);
    if (target == repo) throw GitHubErrorResponse.invalid("Issue", "repository", "invalid");
    SimIssue moved =
        new SimIssue(d.nextId(), target.nextNumber++, issue.author, issue.title, issue.createdAt);
    moved.body = issue.body;
    moved.state = issue.state;
    moved.stateReason = issue.stateReason;
    moved.closedAt = issue.closedAt;
    for (String l : issue.labels) moved.labels.add(LabelCommands.ensureQuietly(d, target, l).name);
    moved.assignees.addAll(issue.assignees);
    moved.updatedAt = d.now();
    target.issues.put(moved.number, moved);
    ObjectNode p = IssueCommands.payload(d, repo, issue);
    ObjectNode changes = p.putObject("changes");
    changes.set("new_issue", d.json.issue(target, moved));
    changes.set("new_repository", d.json.repository(target, d.now()));
    issue.transferredTo = target.name.fullName() + "#" + moved.number;
    d.emit("issues", "transferred", repo, actor, p);
    d.emit("issues", "opened", target, actor, IssueCommands.payload(d, target, moved));
    return d.json.issue(target, moved);
  }

  static void reset(SimData d, List<String> repos) {
    d.repos.clear();
    d.issueTypes.clear();
    d.pendingEvents.clear();
    repos.forEach(r -> d.addRepo(RepoName.parse(r)));
  }
}
