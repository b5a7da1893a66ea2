package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Repository milestones, run inside {@link SimStore#apply}. */
final class MilestoneCommands {
  private MilestoneCommands() {}

  static Listed list(SimData d, SimRepo repo, Map<String, String> params) {
    String state = params.getOrDefault("state", "open");
    if (!List.of("open", "closed", "all").contains(state))
      throw GitHubErrorResponse.invalid("Milestone", "state", "invalid");
    Comparator<SimMilestone> order =
        "completeness".equals(params.get("sort"))
            ? Comparator.comparingInt(m -> m.number)
            : Comparator.comparing((SimMilestone m) -> m.dueOn == null ? Instant.MAX : m.dueOn)
                .thenComparingInt(m -> m.number);
    if ("desc".equals(params.get("direction"))) order = order.reversed();
    List<SimMilestone> all =
        repo.milestones.values().stream()
            .filter(m -> "all".equals(state) || state.equals(m.state))
            .sorted(order)
            .toList();
    int page = Paging.page(params);
    int perPage = Paging.perPage(params);
    return new Listed(
        GitHubShapes.array(Paging.slice(all, page, perPage), m -> d.json.milestone(repo, m)),
        all.size(),
        page,
        perPage);
  }

  static ObjectNode get(SimData d, SimRepo repo, int number) {
    return d.json.milestone(repo, find(repo, number));
  }

  static ObjectNode create(SimData d, SimRepo repo, String actor, JsonNode body) {
    SimMilestone m = add(d, repo, actor, JsonInput.requiredString(body, "title", "Milestone"));
    try {
      apply(d, m, body);
    } catch (GitHubErrorResponse e) {
      repo.milestones.remove(m.number);
      throw e;
    }
    d.emit("milestone", "created", repo, actor, payload(d, repo, m));
    return d.json.milestone(repo, m);
  }

  static SimMilestone add(SimData d, SimRepo repo, String actor, String title) {
    if (title.isBlank()) throw GitHubErrorResponse.invalid("Milestone", "title", "missing_field");
    if (repo.milestoneByTitle(title).isPresent())
      throw GitHubErrorResponse.invalid("Milestone", "title", "already_exists");
    SimMilestone m = new SimMilestone(d.nextId(), repo.nextMilestone++, actor, title, d.now());
    repo.milestones.put(m.number, m);
    return m;
  }

  static ObjectNode update(SimData d, SimRepo repo, String actor, int number, JsonNode body) {
    SimMilestone m = find(repo, number);
    String title = JsonInput.string(body, "title", "Milestone", false);
    if (title != null && !title.equals(m.title) && repo.milestoneByTitle(title).isPresent()) {
      throw GitHubErrorResponse.invalid("Milestone", "title", "already_exists");
    }
    String before = m.state;
    ObjectNode changes = GitHubShapes.MAPPER.createObjectNode();
    if (title != null && !title.equals(m.title)) changes.putObject("title").put("from", m.title);
    if (body.has("description")
        && !Objects.equals(body.get("description").asText(null), m.description)) {
      changes.putObject("description").put("from", m.description);
    }
    apply(d, m, body);
    if (title != null) m.title = title;
    m.updatedAt = d.now();
    String action =
        !before.equals(m.state) ? ("closed".equals(m.state) ? "closed" : "opened") : "edited";
    ObjectNode p = payload(d, repo, m);
    if ("edited".equals(action)) p.set("changes", changes);
    d.emit("milestone", action, repo, actor, p);
    return d.json.milestone(repo, m);
  }

  static void delete(SimData d, SimRepo repo, String actor, int number) {
    SimMilestone m = find(repo, number);
    ObjectNode p = payload(d, repo, m);
    repo.milestones.remove(number);
    repo.issues
        .values()
        .forEach(
            i -> {
              if (i.milestone != null && i.milestone == number) i.milestone = null;
            });
    d.emit("milestone", "deleted", repo, actor, p);
  }

  private static void apply(SimData d, SimMilestone m, JsonNode body) {
    String state = JsonInput.string(body, "state", "Milestone", false);
    if (state != null && !List.of("open", "closed").contains(state))
      throw GitHubErrorResponse.invalid("Milestone", "state", "invalid");
    if (body.has("description"))
      m.description = JsonInput.string(body, "description", "Milestone", true);
    if (body.has("due_on")) m.dueOn = JsonInput.instant(body, "due_on", "Milestone");
    if (state != null && !state.equals(m.state)) {
      m.state = state;
      m.closedAt = "closed".equals(state) ? d.now() : null;
    }
  }

  private static SimMilestone find(SimRepo repo, int number) {
    SimMilestone m = repo.milestones.get(number);
    if (m == null) throw GitHubErrorResponse.notFound();
    return m;
  }

  private static ObjectNode payload(SimData d, SimRepo repo, SimMilestone m) {
    ObjectNode p = GitHubShapes.MAPPER.createObjectNode();
    p.set("milestone", d.json.milestone(repo, m));
    return p;
  }
}
