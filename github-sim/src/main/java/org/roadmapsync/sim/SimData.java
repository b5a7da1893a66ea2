package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole simulated GitHub as plain mutable data. Not thread-safe by itself: {@link SimStore}
 * runs every read and change under one lock, which makes each request atomic, as on GitHub.
 */
final class SimData {
  final SimClock clock;
  final GitHubShapes json;
  final SimHooks hooks;
  final Map<String, SimRepo> repos = new LinkedHashMap<>();
  final List<String> assignable = new ArrayList<>();
  final List<SimEvent> pendingEvents = new ArrayList<>();

  /**
   * Organisation (lower-case login) → its issue types; an owner without an entry has none, and its
   * {@code GET /orgs/{org}/issue-types} answers 404, as for a user account.
   */
  final Map<String, List<SimIssueType>> issueTypes = new LinkedHashMap<>();

  private long nextId = 1000;

  SimData(SimClock clock, GitHubShapes json, SimHooks hooks) {
    this.clock = clock;
    this.json = json;
    this.hooks = hooks;
  }

  long nextId() {
    return nextId++;
  }

  Instant now() {
    return clock.nowSeconds();
  }

  SimRepo addRepo(RepoName name) {
    return repos.computeIfAbsent(name.key(), k -> new SimRepo(nextId(), name, now()));
  }

  SimRepo repo(String owner, String name) {
    SimRepo repo = repos.get((owner + "/" + name).toLowerCase(Locale.ROOT));
    if (repo == null) throw GitHubErrorResponse.notFound();
    return repo;
  }

  /** The owner's issue types, in the order they were made; empty when it has none. */
  List<SimIssueType> issueTypesOf(String owner) {
    return issueTypes.getOrDefault(owner.toLowerCase(Locale.ROOT), List.of());
  }

  /** Gives {@code owner} these issue types (none: the owner has no issue types at all). */
  void setIssueTypes(String owner, List<String> names) {
    if (names.isEmpty()) {
      issueTypes.remove(owner.toLowerCase(Locale.ROOT));
      return;
    }
    List<SimIssueType> types = new ArrayList<>();
    String[] colors = {"blue", "red", "purple", "green", "yellow", "orange", "pink", "gray"};
    for (int k = 0; k < names.size(); k++) {
      types.add(new SimIssueType(nextId(), names.get(k), null, colors[k % colors.length], now()));
    }
    issueTypes.put(owner.toLowerCase(Locale.ROOT), List.copyOf(types));
  }

  /** An issue of any repository by its database id ({@code id}, not its number). */
  java.util.Optional<SimIssue> issueById(long id) {
    for (SimRepo repo : repos.values()) {
      for (SimIssue issue : repo.issues.values()) {
        if (issue.id == id) return java.util.Optional.of(issue);
      }
    }
    return java.util.Optional.empty();
  }

  /** The repository an issue belongs to. */
  SimRepo repoOf(SimIssue issue) {
    return repos.values().stream()
        .filter(r -> r.issues.get(issue.number) == issue)
        .findFirst()
        .orElseThrow();
  }

  /** Owners and configured collaborators can be assigned; GitHub silently drops anyone else. */
  boolean canAssign(SimRepo repo, String login) {
    return repo.name.owner().equalsIgnoreCase(login)
        || assignable.stream().anyMatch(a -> a.equalsIgnoreCase(login));
  }

  /** An issue as a client may see it: 410 when deleted, 301 when transferred. */
  SimIssue issue(SimRepo repo, int number) {
    SimIssue issue = repo.issues.get(number);
    if (issue == null) throw GitHubErrorResponse.notFound();
    if (issue.deleted) throw GitHubErrorResponse.gone();
    if (issue.transferredTo != null)
      throw GitHubErrorResponse.moved(
          json.apiRoot() + "/repos/" + issue.transferredTo.replace("#", "/issues/"));
    return issue;
  }

  void emit(String event, String action, SimRepo repo, String sender, ObjectNode payload) {
    ObjectNode full = GitHubShapes.MAPPER.createObjectNode();
    full.put("action", action);
    full.setAll(payload);
    full.set("repository", json.repository(repo, now()));
    full.set("sender", json.user(sender));
    pendingEvents.add(new SimEvent(event, action, full));
  }
}
