package org.roadmapsync.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.IssueQuery;
import org.roadmapsync.github.RateLimitListener;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.GitHubSimulator;

/**
 * GitHub issues as a team has them before onboarding: mixed milestones (one whose name a folder
 * cannot hold), labels (plain and mapped), states and reasons, assignees, titles and bodies that
 * are not tidy; plus pull requests, which the issues list returns too.
 */
public final class GitHubSeed {

  public static final ObjectMapper JSON = new ObjectMapper();
  public static final List<String> MILESTONES = List.of("v1.0", "Sprint: 5 / beta", "v2");
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  private GitHubSeed() {}

  /**
   * {@code count} issues, numbered from the repository's next number, in one seed call (milestones
   * are created on first use).
   */
  public static void issues(GitHubSimulator github, String repo, int count) {
    ObjectNode seed = JSON.createObjectNode().put("repo", repo);
    ArrayNode issues = seed.putArray("issues");
    for (int i = 1; i <= count; i++) {
      issues.add(issue(i));
    }
    github.control().seed(seed);
  }

  public static ObjectNode issue(int i) {
    ObjectNode issue = JSON.createObjectNode();
    issue.put("title", title(i));
    String body = body(i);
    if (body != null) {
      issue.put("body", body);
    }
    ArrayNode labels = issue.putArray("labels");
    switch (i % 3) {
      case 0 -> labels.add("bug");
      case 1 -> labels.add("priority:high").add("type:feature").add("area/ui");
      default -> labels.add("status:in-progress").add("docs");
    }
    if (i % 4 != 0) {
      issue.put("milestone", MILESTONES.get(i % 4 - 1));
    }
    if (i % 2 == 0) {
      issue.putArray("assignees").add("octocat");
    }
    if (i % 13 == 0) {
      issue.put("state", "closed").put("state_reason", "not_planned");
    } else if (i % 6 == 5) {
      issue.put("state", "closed").put("state_reason", "completed");
    }
    Instant created = START.plus(Duration.ofMinutes(i));
    issue.put("created_at", created.toString());
    issue.put("updated_at", created.plus(Duration.ofHours(1)).toString());
    return issue;
  }

  private static String title(int i) {
    if (i % 11 == 0) {
      return "Long title " + i + " " + "x".repeat(300);
    }
    if (i % 7 == 0) {
      return "Fix <b>/path\\ 'quoted' \"double\": #" + i + " ?*|";
    }
    return "Issue " + i + ": roadmap work";
  }

  private static String body(int i) {
    return switch (i % 6) {
      case 0 -> null;
      case 1 -> "```java\nunclosed fence " + i;
      case 2 -> "Windows\r\nline endings\r\n" + i;
      case 3 -> "## Heading\n\n- [ ] task " + i + "\n\n---\nid: fake\n---\n";
      case 4 -> "Unicode 🚀 日本 é \u0000 nul " + i;
      default -> "Plain body " + i;
    };
  }

  /** {@code count} pull requests, each from a branch of its own. */
  public static void pullRequests(
      GitHubSimulator github, ActorSystem<?> system, String token, String repo, int count) {
    for (int k = 1; k <= count; k++) {
      String branch = "feature-" + k;
      github.control().pushCommit("dev", repo, branch);
      ObjectNode body =
          JSON.createObjectNode().put("title", "PR " + k).put("head", branch).put("base", "main");
      try {
        var response =
            Http.get(system)
                .singleRequest(
                    HttpRequest.create(github.baseUrl() + "/repos/" + repo + "/pulls")
                        .withMethod(HttpMethods.POST)
                        .addHeader(RawHeader.create("Authorization", "token " + token))
                        .withEntity(
                            HttpEntities.create(
                                ContentTypes.APPLICATION_JSON, JSON.writeValueAsString(body))))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        response.discardEntityBytes(system);
        if (response.status().intValue() != 201) {
          throw new AssertionError("pull request not created: " + response.status());
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  /** How many writes (POST, PATCH, PUT, DELETE) the simulator has answered so far. */
  public static long writes(GitHubSimulator github) {
    long writes = 0;
    for (var it = github.control().stats().path("requests").fields(); it.hasNext(); ) {
      var route = it.next();
      if (route.getKey().matches("(POST|PATCH|PUT|DELETE) .*")) {
        writes += route.getValue().asLong();
      }
    }
    return writes;
  }

  /** Every issue and pull request of {@code repo}, as the service's client reads them. */
  public static List<Issue> all(
      ActorSystem<?> system, GitHubSimulator github, String token, String repo) {
    GitHubClient client =
        new GitHubClient(
            system, GitHubClientSettings.of(github.baseUrl(), token), RateLimitListener.NONE);
    try {
      return client
          .listIssues(
              RepoRef.parse(repo),
              new IssueQuery("all", "created", "asc", null, IssueQuery.PER_PAGE),
              java.util.Optional.empty())
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS)
          .items();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final java.util.regex.Pattern GITHUB_ISSUE =
      java.util.regex.Pattern.compile("(?m)^github_issue: (\\d+)$");

  /**
   * The issue files under {@code roadmap} by the GitHub number they name, read as plain text: safe
   * while the service writes (opening a {@link RoadmapStore} would remove its temporary files). A
   * number named twice fails.
   */
  public static Map<Long, java.nio.file.Path> numbersInFiles(java.nio.file.Path roadmap) {
    Map<Long, java.nio.file.Path> byNumber = new HashMap<>();
    try (var files = java.nio.file.Files.walk(roadmap.resolve("issues"))) {
      for (java.nio.file.Path file :
          files.filter(f -> f.getFileName().toString().endsWith(".md")).toList()) {
        String text;
        try {
          text = java.nio.file.Files.readString(file);
        } catch (java.nio.file.NoSuchFileException gone) {
          continue;
        }
        var m = GITHUB_ISSUE.matcher(text);
        if (m.find()) {
          java.nio.file.Path before = byNumber.put(Long.parseLong(m.group(1)), file);
          if (before != null) {
            throw new AssertionError("#" + m.group(1) + " named by " + before + " and " + file);
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return byNumber;
  }

  /**
   * The issue files of the folder by the GitHub number they name; a number named twice fails. Opens
   * a store: only once the service is done writing.
   */
  public static Map<Long, RoadmapIssue> filesByNumber(RoadmapStore store) {
    Map<Long, RoadmapIssue> byNumber = new HashMap<>();
    List<String> twice = new ArrayList<>();
    for (RoadmapIssue issue : store.loadAll().issues()) {
      if (issue.githubIssue().isPresent()) {
        RoadmapIssue before = byNumber.put((long) issue.githubIssue().getAsInt(), issue);
        if (before != null) {
          twice.add(before.path() + " and " + issue.path());
        }
      }
    }
    if (!twice.isEmpty()) {
      throw new AssertionError("GitHub issues named by two files: " + twice);
    }
    return byNumber;
  }
}
