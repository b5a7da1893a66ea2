package org.roadmapsync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code roadmap-sync import}: asks a running service to import GitHub issues that no roadmap file
 * links ({@code POST /api/import}), prints what it creates (or, with {@code --dry-run}, would) and
 * follows the import to its end. Exit 0 when done, 1 when refused or failed, 2 when the service
 * cannot be reached.
 */
@Command(
    name = "import",
    description = "Import GitHub issues that no roadmap file links, as roadmap issue files.",
    mixinStandardHelpOptions = true)
public final class ImportCommand implements Callable<Integer> {

  static final int EXIT_DONE = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_UNREACHABLE = 2;
  private static final Duration POLL = Duration.ofMillis(500);

  @Option(
      names = "--url",
      description =
          "Base URL of the service (default: http://127.0.0.1:7480, or ROADMAP_SYNC_HTTP_HOST/PORT).")
  String url = HealthCommand.defaultUrl(System.getenv());

  @Option(names = "--repo", description = "owner/name (default: the service's repository).")
  String repo;

  @Option(names = "--state", description = "open (default), closed or all.", defaultValue = "open")
  String state;

  @Option(names = "--label", description = "Only issues with this label (repeatable: all of them).")
  List<String> labels = new ArrayList<>();

  @Option(names = "--milestone", description = "Only issues of this milestone (its title).")
  String milestone;

  @Option(
      names = "--since",
      description = "Only issues updated since this date (2026-01-31) or time (ISO-8601).")
  String since;

  @Option(names = "--dry-run", description = "Print what would be created; create nothing.")
  boolean dryRun;

  @Option(names = "--no-wait", description = "Do not follow the import to its end.")
  boolean noWait;

  @Option(names = "--json", description = "Print the service's answers as JSON.")
  boolean json;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    try (ServiceClient service = new ServiceClient(url, System.getenv())) {
      ServiceClient.Answer answer = service.post("/api/import", request());
      if (!answer.ok()) {
        err.println("❌ import refused (" + answer.status() + "): " + answer.detail());
        return EXIT_FAILED;
      }
      print(answer.body());
      if (dryRun || noWait || answer.body().path("create").isEmpty()) {
        return EXIT_DONE;
      }
      return follow(service, answer.body().path("repo").asText());
    } catch (ServiceClient.Unreachable e) {
      err.println("❌ " + e.getMessage());
      return EXIT_UNREACHABLE;
    }
  }

  ObjectNode request() {
    ObjectNode body = ServiceClient.JSON.createObjectNode().put("state", state);
    if (repo != null) {
      body.put("repo", repo);
    }
    if (!labels.isEmpty()) {
      labels.forEach(body.putArray("labels")::add);
    }
    if (milestone != null) {
      body.put("milestone", milestone);
    }
    if (since != null) {
      body.put("since", since);
    }
    return body.put("dryRun", dryRun);
  }

  private void print(JsonNode plan) {
    if (json) {
      out.println(plan.toPrettyString());
      return;
    }
    out.printf(
        "%s from %s: %d GitHub issue(s) listed; %d to import, %d already linked, %d pull request(s) left out%n",
        plan.path("dryRun").asBoolean() ? "Import (dry run)" : "Import",
        plan.path("repo").asText(),
        plan.path("listed").asInt(),
        plan.path("create").size(),
        plan.path("linked").asInt(),
        plan.path("pullRequests").asInt());
    for (JsonNode c : plan.path("create")) {
      out.printf(
          "  + #%-6d %-11s %s%n    → %s%n",
          c.path("githubIssue").asLong(),
          c.path("state").asText(),
          c.path("title").asText(),
          c.path("file").asText());
    }
    for (JsonNode s : plan.path("skipped")) {
      out.printf(
          "  - #%-6d skipped: %s%n", s.path("githubIssue").asLong(), s.path("reason").asText());
    }
    if (plan.path("dryRun").asBoolean()) {
      out.println("Dry run: nothing was written. Run again without --dry-run to import.");
    }
  }

  /** Polls the progress until the run of this repository ends. */
  private int follow(ServiceClient service, String repository) throws ServiceClient.Unreachable {
    Instant started = Instant.now();
    int shown = -1;
    while (true) {
      ServiceClient.Answer answer = service.get("/api/import");
      if (!answer.ok()) {
        err.println("❌ cannot follow the import: " + answer.detail());
        return EXIT_FAILED;
      }
      for (JsonNode run : answer.body()) {
        if (!run.path("repo").asText().equals(repository)) {
          continue;
        }
        int done = run.path("done").asInt() + run.path("failed").asInt();
        String state = run.path("state").asText();
        if (done != shown && !json) {
          out.printf(
              "  %d of %d: %d created, %d skipped, %d failed%n",
              done,
              run.path("total").asInt(),
              run.path("created").asInt(),
              run.path("skipped").asInt(),
              run.path("failed").asInt());
          shown = done;
        }
        if (!state.equals("running")) {
          if (json) {
            out.println(run.toPrettyString());
          }
          if (state.equals("failed")) {
            err.println("❌ import stopped: " + run.path("error").asText());
            return EXIT_FAILED;
          }
          if (!json) {
            out.printf(
                "✅ import of %s done in %.1f s%n",
                repository, Duration.between(started, Instant.now()).toMillis() / 1000.0);
          }
          return run.path("failed").asInt() == 0 ? EXIT_DONE : EXIT_FAILED;
        }
      }
      pause();
    }
  }

  private static void pause() {
    try {
      // the interval between two progress reads of a console command, not a synchronisation
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
