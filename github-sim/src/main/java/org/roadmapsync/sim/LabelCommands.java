package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Repository labels, run inside {@link SimStore#apply}. */
final class LabelCommands {
  private static final Pattern COLOR = Pattern.compile("[0-9A-Fa-f]{6}");
  static final String DEFAULT_COLOR = "ededed";

  private LabelCommands() {}

  static Listed list(SimData d, SimRepo repo, int page, int perPage) {
    List<SimLabel> all = repo.labels.values().stream().sorted(GitHubShapes.byName()).toList();
    return new Listed(
        GitHubShapes.array(Paging.slice(all, page, perPage), l -> d.json.label(repo, l)),
        all.size(),
        page,
        perPage);
  }

  static ObjectNode get(SimData d, SimRepo repo, String name) {
    return d.json.label(repo, repo.label(name).orElseThrow(GitHubErrorResponse::notFound));
  }

  static ObjectNode create(SimData d, SimRepo repo, String actor, JsonNode body) {
    String name = JsonInput.requiredString(body, "name", "Label");
    String color = color(body, DEFAULT_COLOR);
    String description = JsonInput.string(body, "description", "Label", true);
    if (repo.label(name).isPresent())
      throw GitHubErrorResponse.invalid("Label", "name", "already_exists");
    SimLabel label = add(d, repo, name, color, description);
    d.emit("label", "created", repo, actor, labelPayload(d, repo, label));
    return d.json.label(repo, label);
  }

  static ObjectNode update(SimData d, SimRepo repo, String actor, String name, JsonNode body) {
    SimLabel label = repo.label(name).orElseThrow(GitHubErrorResponse::notFound);
    String newName = JsonInput.string(body, "new_name", "Label", false);
    String color = color(body, label.color);
    String description =
        body.has("description")
            ? JsonInput.string(body, "description", "Label", true)
            : label.description;
    ObjectNode changes = GitHubShapes.MAPPER.createObjectNode();
    if (newName != null && !newName.equals(label.name)) {
      if (!newName.equalsIgnoreCase(label.name) && repo.label(newName).isPresent()) {
        throw GitHubErrorResponse.invalid("Label", "name", "already_exists");
      }
      changes.putObject("name").put("from", label.name);
      String oldKey = label.name.toLowerCase(Locale.ROOT);
      String oldName = label.name;
      repo.labels.remove(oldKey);
      label.name = newName;
      repo.labels.put(newName.toLowerCase(Locale.ROOT), label);
      repo.issues
          .values()
          .forEach(i -> i.labels.replaceAll(l -> l.equalsIgnoreCase(oldName) ? newName : l));
    }
    if (!color.equals(label.color)) changes.putObject("color").put("from", label.color);
    if (!Objects.equals(description, label.description))
      changes.putObject("description").put("from", label.description);
    label.color = color;
    label.description = description;
    if (!changes.isEmpty()) {
      ObjectNode p = labelPayload(d, repo, label);
      p.set("changes", changes);
      d.emit("label", "edited", repo, actor, p);
    }
    return d.json.label(repo, label);
  }

  static void delete(SimData d, SimRepo repo, String actor, String name) {
    SimLabel label = repo.label(name).orElseThrow(GitHubErrorResponse::notFound);
    repo.labels.remove(label.name.toLowerCase(Locale.ROOT));
    repo.issues.values().forEach(i -> i.labels.removeIf(l -> l.equalsIgnoreCase(label.name)));
    d.emit("label", "deleted", repo, actor, labelPayload(d, repo, label));
  }

  /**
   * The label of that name, created with the default colour when a write names a new one, as GitHub
   * does.
   */
  static SimLabel ensure(SimData d, SimRepo repo, String name, String actor) {
    Optional<SimLabel> existing = repo.label(name);
    if (existing.isPresent()) return existing.get();
    if (name.isBlank()) throw GitHubErrorResponse.invalid("Label", "name", "invalid");
    SimLabel label = add(d, repo, name, DEFAULT_COLOR, null);
    d.emit("label", "created", repo, actor, labelPayload(d, repo, label));
    return label;
  }

  /** Like {@link #ensure} but without a webhook: for seeding and transfers. */
  static SimLabel ensureQuietly(SimData d, SimRepo repo, String name) {
    return repo.label(name).orElseGet(() -> add(d, repo, name, DEFAULT_COLOR, null));
  }

  static SimLabel add(SimData d, SimRepo repo, String name, String color, String description) {
    SimLabel label = new SimLabel(d.nextId(), name, color, description);
    repo.labels.put(name.toLowerCase(Locale.ROOT), label);
    return label;
  }

  private static String color(JsonNode body, String dflt) {
    String c = JsonInput.string(body, "color", "Label", false);
    if (c == null) return dflt;
    if (c.startsWith("#")) c = c.substring(1);
    if (!COLOR.matcher(c).matches()) throw GitHubErrorResponse.invalid("Label", "color", "invalid");
    return c;
  }

  private static ObjectNode labelPayload(SimData d, SimRepo repo, SimLabel label) {
    ObjectNode p = GitHubShapes.MAPPER.createObjectNode();
    p.set("label", d.json.label(repo, label));
    return p;
  }
}
