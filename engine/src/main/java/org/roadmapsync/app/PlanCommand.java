package org.roadmapsync.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code roadmap-sync plan}: what a sync would do now ({@code GET /api/plan} of a running service),
 * printed like {@code roadmap sync --dry-run}: one line per issue that would change, each field
 * from → to, conflicts and what the strategy picks, publish and import candidates. Exit 0 when
 * planned, 1 when the service refused, 2 when it cannot be reached.
 */
@Command(
    name = "plan",
    description = "Show what a sync would do now, writing nothing (a dry run).",
    mixinStandardHelpOptions = true)
public final class PlanCommand implements Callable<Integer> {

  static final int EXIT_PLANNED = 0;
  static final int EXIT_REFUSED = 1;
  static final int EXIT_UNREACHABLE = 2;
  private static final int VALUE_WIDTH = 60;

  @Option(
      names = "--url",
      description =
          "Base URL of the service (default: http://127.0.0.1:7480, or ROADMAP_SYNC_HTTP_HOST/PORT).")
  String url = HealthCommand.defaultUrl(System.getenv());

  @Option(names = "--issue", description = "Only this roadmap issue.")
  String issue;

  @Option(
      names = "--status",
      description = "Only issues in this sync status (synced, pending, error, conflict, unlinked).")
  String status;

  @Option(names = "--json", description = "Print the plan as JSON.")
  boolean json;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    try (ServiceClient service = new ServiceClient(url, System.getenv())) {
      ServiceClient.Answer answer = service.get("/api/plan" + query());
      if (!answer.ok()) {
        err.println("❌ no plan (" + answer.status() + "): " + answer.detail());
        return EXIT_REFUSED;
      }
      if (json) {
        out.println(answer.body().toPrettyString());
      } else {
        print(answer.body());
      }
      return EXIT_PLANNED;
    } catch (ServiceClient.Unreachable e) {
      err.println("❌ " + e.getMessage());
      return EXIT_UNREACHABLE;
    }
  }

  String query() {
    List<String> params = new ArrayList<>();
    if (issue != null) {
      params.add("issue=" + URLEncoder.encode(issue, StandardCharsets.UTF_8));
    }
    if (status != null) {
      params.add("status=" + URLEncoder.encode(status, StandardCharsets.UTF_8));
    }
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  void print(JsonNode plan) {
    out.println("Plan: what a sync would do now (dry run: nothing is written)");
    JsonNode github = plan.path("github");
    if (github.path("configured").asBoolean()) {
      out.printf(
          "GitHub: %s; conflicts: %s%n",
          github.path("listed").isEmpty()
              ? github.path("singleReads").asInt() + " issue(s) read"
              : "listed " + join(github.path("listed")),
          github.path("strategy").asText());
    } else {
      out.println(
          "GitHub: " + github.path("reason").asText() + " (linked issues cannot be planned)");
    }
    out.println();
    for (JsonNode line : plan.path("issues")) {
      String action = line.path("action").asText();
      if (action.equals("in-sync")) {
        continue;
      }
      String target =
          line.hasNonNull("githubIssue")
              ? "  ↔ " + line.path("repo").asText() + "#" + line.path("githubIssue").asLong()
              : "";
      out.printf(
          "%s %-13s %-10s %s%s%n",
          icon(action), action, line.path("id").asText(), line.path("title").asText(), target);
      changes("GitHub", line.path("toGitHub"));
      changes("file", line.path("toRoadmap"));
      for (JsonNode c : line.path("conflicts")) {
        out.printf(
            "      conflict %s: roadmap %s, github %s → %s%n",
            c.path("field").asText(),
            value(c.path("roadmap")),
            value(c.path("github")),
            c.path("pick").asText().equals("manual")
                ? "waits for resolve"
                : "keeps "
                    + c.path("pick").asText()
                    + " ("
                    + github.path("strategy").asText()
                    + ")");
      }
      if (line.hasNonNull("reason") && !line.path("reason").asText().isEmpty()) {
        out.println("      " + line.path("reason").asText());
      }
    }
    for (JsonNode i : plan.path("imports")) {
      out.printf(
          "📥 %-13s %s#%d %s%n      → %s%n",
          "import",
          i.path("repo").asText(),
          i.path("githubIssue").asLong(),
          i.path("title").asText(),
          i.path("file").asText());
    }
    out.println();
    List<String> counts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = plan.path("summary").fields(); it.hasNext(); ) {
      var entry = it.next();
      counts.add(entry.getValue().asInt() + " " + entry.getKey());
    }
    out.println("Summary: " + (counts.isEmpty() ? "nothing to plan" : String.join(", ", counts)));
  }

  private void changes(String side, JsonNode fields) {
    for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
      var field = it.next();
      out.printf(
          "      %s %s: %s → %s%n",
          side,
          field.getKey(),
          value(field.getValue().path("from")),
          value(field.getValue().path("to")));
    }
  }

  private static String icon(String action) {
    return switch (action) {
      case "push" -> "⬆";
      case "pull" -> "⬇";
      case "push-and-pull" -> "⇅";
      case "conflict" -> "⚠";
      case "publish", "publishing" -> "➕";
      case "link-file" -> "🔗";
      case "error" -> "❌";
      default -> "•";
    };
  }

  /** A value on one line: quoted text (shortened), a list, or none. */
  static String value(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "(none)";
    }
    if (v.isArray()) {
      return "[" + join(v) + "]";
    }
    String text = v.asText().replace("\n", "⏎");
    return "\""
        + (text.length() > VALUE_WIDTH ? text.substring(0, VALUE_WIDTH - 1) + "…" : text)
        + "\"";
  }

  private static String join(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(i -> items.add(i.asText()));
    return String.join(", ", items);
  }
}
