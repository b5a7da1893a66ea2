package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Issue reads and changes, run inside {@link SimStore#apply}. Each change emits its webhooks. */
final class IssueCommands {
  private IssueCommands() {}

  static Listed list(SimData d, SimRepo repo, IssueListFilters q) {
    List<SimIssue> all =
        repo.issues.values().stream().filter(q.filter(repo)).sorted(q.order()).toList();
    ArrayNode items =
        GitHubShapes.array(Paging.slice(all, q.page(), q.perPage()), i -> d.json.issue(repo, i));
    return new Listed(items, all.size(), q.page(), q.perPage());
  }

  static ObjectNode get(SimData d, SimRepo repo, int number) {
    return d.json.issue(repo, d.issue(repo, number));
  }

  static SimIssue create(SimData d, SimRepo repo, String actor, JsonNode body) {
    String title = JsonInput.string(body, "title", "Issue", true);
    if (title == null || title.isBlank())
      throw GitHubErrorResponse.invalid("Issue", "title", "missing_field");
    SimIssue issue = new SimIssue(d.nextId(), repo.nextNumber++, actor, title, d.now());
    issue.body = JsonInput.string(body, "body", "Issue", true);
    if (body.has("type")) issue.type = issueType(d, repo, body);
    repo.issues.put(issue.number, issue);
    applyFields(d, repo, issue, body, actor, false);
    if (issue.pull == null) d.emit("issues", "opened", repo, actor, payload(d, repo, issue));
    return issue;
  }

  static ObjectNode createJson(SimData d, SimRepo repo, String actor, JsonNode body) {
    return d.json.issue(repo, create(d, repo, actor, body));
  }

  static ObjectNode update(SimData d, SimRepo repo, int number, String actor, JsonNode body) {
    SimIssue issue = d.issue(repo, number);
    String title = JsonInput.string(body, "title", "Issue", true);
    String newBody = JsonInput.string(body, "body", "Issue", true);
    String state = JsonInput.string(body, "state", "Issue", false);
    String reason = JsonInput.string(body, "state_reason", "Issue", true);
    if (state != null && !state.equals("open") && !state.equals("closed"))
      throw GitHubErrorResponse.invalid("Issue", "state", "invalid");
    if (reason != null
        && !List.of("completed", "not_planned", "reopened", "duplicate").contains(reason)) {
      throw GitHubErrorResponse.invalid("Issue", "state_reason", "invalid");
    }
    validateFields(repo, body);
    SimIssueType type = body.has("type") ? issueType(d, repo, body) : issue.type;
    ObjectNode changes = GitHubShapes.MAPPER.createObjectNode();
    if (body.has("title") && title != null && !title.equals(issue.title)) {
      changes.putObject("title").put("from", issue.title);
      issue.title = title;
    }
    if (body.has("body") && !Objects.equals(newBody, issue.body)) {
      changes.putObject("body").put("from", issue.body);
      issue.body = newBody;
    }
    if (!changes.isEmpty()) {
      touch(d, issue);
      emitIssue(d, repo, issue, actor, "edited", p -> p.set("changes", changes));
    }
    applyState(d, repo, issue, actor, state, reason);
    applyFields(d, repo, issue, body, actor, true);
    applyType(d, repo, issue, actor, type);
    return d.json.issue(repo, issue);
  }

  /**
   * The issue type a create or PATCH names ({@code "type": "Bug"}, or {@code {"value": "Bug"}};
   * null removes it): one of the owner's types, names compared ignoring case, else 422.
   */
  private static SimIssueType issueType(SimData d, SimRepo repo, JsonNode body) {
    JsonNode t = body.get("type");
    if (t.isObject()) t = t.path("value");
    if (t == null || t.isNull() || t.isMissingNode()) return null;
    if (!t.isTextual()) throw JsonInput.wrongType("type", t, "string");
    String name = t.asText();
    return d.issueTypesOf(repo.name.owner()).stream()
        .filter(x -> x.name().equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(
            () ->
                GitHubErrorResponse.invalid(
                    "Issue", "type", "invalid", "Issue type '" + name + "' does not exist"));
  }

  /** Sets the type, announcing {@code typed} (the new type) or {@code untyped} (the old one). */
  private static void applyType(
      SimData d, SimRepo repo, SimIssue issue, String actor, SimIssueType type) {
    if (Objects.equals(type, issue.type)) return;
    SimIssueType old = issue.type;
    issue.type = type;
    touch(d, issue);
    emitIssue(
        d,
        repo,
        issue,
        actor,
        type == null ? "untyped" : "typed",
        p -> p.set("type", d.json.issueType(type == null ? old : type)));
  }

  private static boolean applyState(
      SimData d, SimRepo repo, SimIssue issue, String actor, String state, String reason) {
    if (state == null || state.equals(issue.state)) {
      if (reason != null && "closed".equals(issue.state) && !reason.equals(issue.stateReason)) {
        issue.stateReason = reason;
        touch(d, issue);
        return true;
      }
      return false;
    }
    issue.state = state;
    if ("closed".equals(state)) {
      issue.closedAt = d.now();
      issue.closedBy = actor;
      issue.stateReason = reason == null ? "completed" : reason;
    } else {
      issue.closedAt = null;
      issue.closedBy = null;
      issue.stateReason = "reopened";
    }
    touch(d, issue);
    emitIssue(d, repo, issue, actor, "closed".equals(state) ? "closed" : "reopened", p -> {});
    return true;
  }

  /** Type and existence checks that must pass before anything changes. */
  private static void validateFields(SimRepo repo, JsonNode body) {
    JsonInput.strings(body, "labels", "Issue");
    JsonInput.strings(body, "assignees", "Issue");
    JsonInput.string(body, "assignee", "Issue", true);
    milestoneNumber(repo, body);
  }

  private static Integer milestoneNumber(SimRepo repo, JsonNode body) {
    JsonNode m = body.get("milestone");
    if (m == null || m.isNull()) return null;
    int n;
    if (m.isIntegralNumber()) n = m.asInt();
    else if (m.isTextual() && m.asText().matches("\\d+")) n = Integer.parseInt(m.asText());
    else throw JsonInput.wrongType("milestone", m, "integer");
    if (!repo.milestones.containsKey(n))
      throw GitHubErrorResponse.invalid("Issue", "milestone", "invalid");
    return n;
  }

  /** Labels, milestone and assignees of a create or a PATCH. Returns whether anything changed. */
  static boolean applyFields(
      SimData d,
      SimRepo repo,
      SimIssue issue,
      JsonNode body,
      String actor,
      boolean announceIfChanged) {
    validateFields(repo, body);
    boolean changed = false;
    if (body.has("labels")) {
      List<String> wanted = JsonInput.strings(body, "labels", "Issue");
      changed |=
          setLabels(d, repo, issue, wanted == null ? List.of() : wanted, actor, announceIfChanged);
    }
    if (body.has("milestone")) {
      Integer n = milestoneNumber(repo, body);
      if (!Objects.equals(n, issue.milestone)) {
        Integer old = issue.milestone;
        issue.milestone = n;
        changed = true;
        if (announceIfChanged) {
          SimMilestone m = repo.milestones.get(n != null ? n : old);
          emitIssue(
              d,
              repo,
              issue,
              actor,
              n != null ? "milestoned" : "demilestoned",
              p -> p.set("milestone", m == null ? null : d.json.milestone(repo, m)));
        }
      }
    }
    if (body.has("assignees") || body.has("assignee")) {
      List<String> wanted =
          body.has("assignees") ? JsonInput.strings(body, "assignees", "Issue") : null;
      if (wanted == null) {
        String one = JsonInput.string(body, "assignee", "Issue", true);
        wanted = one == null ? List.of() : List.of(one);
      }
      changed |= setAssignees(d, repo, issue, wanted, actor, announceIfChanged);
    }
    if (changed) touch(d, issue);
    return changed;
  }

  static boolean setLabels(
      SimData d,
      SimRepo repo,
      SimIssue issue,
      List<String> wanted,
      String actor,
      boolean announce) {
    List<String> names = new ArrayList<>();
    for (String name : new LinkedHashSet<>(wanted)) {
      names.add(LabelCommands.ensure(d, repo, name, actor).name);
    }
    Optional<Change> change = replaceNames(d, issue, issue.labels, names);
    if (change.isEmpty()) return false;
    if (announce) {
      for (String l : change.get().removed()) {
        ObjectNode label = repo.label(l).map(x -> d.json.label(repo, x)).orElse(null);
        emitIssue(d, repo, issue, actor, "unlabeled", p -> p.set("label", label));
      }
      for (String l : change.get().added()) {
        ObjectNode label = d.json.label(repo, repo.label(l).orElseThrow());
        emitIssue(d, repo, issue, actor, "labeled", p -> p.set("label", label));
      }
    }
    return true;
  }

  static boolean setAssignees(
      SimData d,
      SimRepo repo,
      SimIssue issue,
      List<String> wanted,
      String actor,
      boolean announce) {
    List<String> allowed = new ArrayList<>();
    for (String login : new LinkedHashSet<>(wanted))
      if (d.canAssign(repo, login)) allowed.add(login);
    Optional<Change> change = replaceNames(d, issue, issue.assignees, allowed);
    if (change.isEmpty()) return false;
    if (announce) {
      for (String a : change.get().removed())
        emitIssue(d, repo, issue, actor, "unassigned", p -> p.set("assignee", d.json.user(a)));
      for (String a : change.get().added())
        emitIssue(d, repo, issue, actor, "assigned", p -> p.set("assignee", d.json.user(a)));
    }
    return true;
  }

  /** The names that left and the names that came. */
  private record Change(List<String> removed, List<String> added) {}

  /**
   * Makes the issue's {@code current} labels or assignees {@code wanted}. GitHub compares names
   * ignoring case, so a list that differs only in case or order is left as it is: empty then.
   */
  private static Optional<Change> replaceNames(
      SimData d, SimIssue issue, List<String> current, List<String> wanted) {
    Set<String> before = lower(current);
    Set<String> after = lower(wanted);
    if (before.equals(after)) return Optional.empty();
    List<String> removed =
        current.stream().filter(n -> !after.contains(n.toLowerCase(Locale.ROOT))).toList();
    List<String> added =
        wanted.stream().filter(n -> !before.contains(n.toLowerCase(Locale.ROOT))).toList();
    current.clear();
    current.addAll(wanted);
    touch(d, issue);
    return Optional.of(new Change(removed, added));
  }

  static ArrayNode addLabels(
      SimData d, SimRepo repo, int number, String actor, JsonNode body, boolean replace) {
    SimIssue issue = d.issue(repo, number);
    List<String> names =
        body.isArray()
            ? JsonInput.strings(wrap(body), "labels", "Issue")
            : JsonInput.strings(body, "labels", "Issue");
    if (names == null) throw GitHubErrorResponse.invalid("Issue", "labels", "missing_field");
    List<String> wanted = new ArrayList<>(replace ? List.of() : issue.labels);
    wanted.addAll(names);
    setLabels(d, repo, issue, wanted, actor, true);
    return GitHubShapes.array(issue.labels, l -> d.json.label(repo, repo.label(l).orElseThrow()));
  }

  static ArrayNode removeLabel(SimData d, SimRepo repo, int number, String actor, String name) {
    SimIssue issue = d.issue(repo, number);
    if (issue.labels.stream().noneMatch(l -> l.equalsIgnoreCase(name))) {
      throw new GitHubErrorResponse(404, "Label does not exist", List.of(), Optional.empty());
    }
    List<String> wanted = issue.labels.stream().filter(l -> !l.equalsIgnoreCase(name)).toList();
    setLabels(d, repo, issue, wanted, actor, true);
    return GitHubShapes.array(issue.labels, l -> d.json.label(repo, repo.label(l).orElseThrow()));
  }

  static ArrayNode issueLabels(SimData d, SimRepo repo, int number) {
    SimIssue issue = d.issue(repo, number);
    return GitHubShapes.array(issue.labels, l -> d.json.label(repo, repo.label(l).orElseThrow()));
  }

  static void lock(SimData d, SimRepo repo, int number, String actor, JsonNode body, boolean lock) {
    SimIssue issue = d.issue(repo, number);
    String reason = lock ? JsonInput.string(body, "lock_reason", "Issue", true) : null;
    if (reason != null
        && !List.of("off-topic", "too heated", "resolved", "spam").contains(reason)) {
      throw GitHubErrorResponse.invalid("Issue", "lock_reason", "invalid");
    }
    if (issue.locked == lock) return;
    issue.locked = lock;
    issue.lockReason = reason;
    touch(d, issue);
    emitIssue(d, repo, issue, actor, lock ? "locked" : "unlocked", p -> {});
  }

  static ObjectNode assignees(
      SimData d, SimRepo repo, int number, String actor, JsonNode body, boolean add) {
    SimIssue issue = d.issue(repo, number);
    List<String> names = JsonInput.strings(body, "assignees", "Issue");
    List<String> wanted = new ArrayList<>(issue.assignees);
    if (names != null) {
      if (add) wanted.addAll(names);
      else wanted.removeIf(a -> names.stream().anyMatch(n -> n.equalsIgnoreCase(a)));
    }
    setAssignees(d, repo, issue, wanted, actor, true);
    return d.json.issue(repo, issue);
  }

  /** GitHub moves {@code updated_at} on every change; timestamps keep second precision. */
  static void touch(SimData d, SimIssue issue) {
    issue.updatedAt = d.now();
  }

  static ObjectNode payload(SimData d, SimRepo repo, SimIssue issue) {
    ObjectNode p = GitHubShapes.MAPPER.createObjectNode();
    p.set("issue", d.json.issue(repo, issue));
    return p;
  }

  private static void emitIssue(
      SimData d,
      SimRepo repo,
      SimIssue issue,
      String actor,
      String action,
      Consumer<ObjectNode> extra) {
    if (issue.pull != null) {
      PullCommands.emitPull(d, repo, issue, actor, action, extra);
      return;
    }
    ObjectNode p = payload(d, repo, issue);
    extra.accept(p);
    d.emit("issues", action, repo, actor, p);
  }

  private static JsonNode wrap(JsonNode array) {
    ObjectNode o = GitHubShapes.MAPPER.createObjectNode();
    o.set("labels", array);
    return o;
  }

  private static Set<String> lower(List<String> names) {
    Set<String> s = new LinkedHashSet<>();
    names.forEach(n -> s.add(n.toLowerCase(Locale.ROOT)));
    return s;
  }
}
