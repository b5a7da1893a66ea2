package org.roadmapsync.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint's answers validate against the matching schema of GitHub's OpenAPI description.
 */
class SimConformanceTest {
  static final ActorTestKit testKit =
      ActorTestKit.create("SimConformanceTest", ConfigFactory.load());
  static final String TOKEN = "ghp_conformance";
  static final String REPO = "acme/conform";
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(TOKEN, REPO)
              .withLimits(SimLimits.unlimited())
              .withAssignable("alice"));
  static final SimHttp http = new SimHttp(testKit.system(), sim.baseUrl(), TOKEN);
  static final String R = "/repos/" + REPO;

  private final List<String> failures = new ArrayList<>();
  private int checked;

  @AfterAll
  static void stop() {
    sim.stop();
    testKit.shutdownTestKit();
  }

  void check(String what, SimHttp.Answer answer, int status, String schema, boolean array) {
    checked++;
    if (answer.status() != status) {
      failures.add(what + ": status " + answer.status() + " " + answer.text());
      return;
    }
    if (schema == null) return;
    List<JsonNode> items = new ArrayList<>();
    if (array) {
      if (!answer.json().isArray() || answer.json().isEmpty())
        failures.add(what + ": expected a non-empty array");
      answer.json().forEach(items::add);
    } else {
      items.add(answer.json());
    }
    for (JsonNode item : items) {
      String problems = OpenApiSchemas.issues(schema, item);
      if (!problems.isEmpty()) failures.add(what + " vs " + schema + ": " + problems);
    }
  }

  @Test
  void everyEndpointAnswersInGitHubsSchema() {
    check("GET /user", http.get("/user"), 200, "private-user", false);
    check("GET /rate_limit", http.get("/rate_limit"), 200, "rate-limit-overview", false);
    check(
        "POST milestones",
        http.post(R + "/milestones", "{\"title\":\"v1\",\"due_on\":\"2026-12-01T00:00:00Z\"}"),
        201,
        "milestone",
        false);
    check("GET milestones", http.get(R + "/milestones"), 200, "milestone", true);
    check("GET milestone", http.get(R + "/milestones/1"), 200, "milestone", false);
    check(
        "PATCH milestone",
        http.patch(R + "/milestones/1", "{\"description\":\"first\"}"),
        200,
        "milestone",
        false);
    check(
        "POST labels",
        http.post(
            R + "/labels", "{\"name\":\"bug\",\"color\":\"d73a4a\",\"description\":\"broken\"}"),
        201,
        "label",
        false);
    check("GET labels", http.get(R + "/labels"), 200, "label", true);
    check("GET label", http.get(R + "/labels/bug"), 200, "label", false);
    check(
        "PATCH label",
        http.patch(R + "/labels/bug", "{\"color\":\"ff0000\"}"),
        200,
        "label",
        false);
    check(
        "POST issue",
        http.post(
            R + "/issues",
            "{\"title\":\"t\",\"body\":\"b\",\"labels\":[\"bug\"],\"milestone\":1,"
                + "\"assignees\":[\"alice\"]}"),
        201,
        "issue",
        false);
    check(
        "GET issues",
        http.get(R + "/issues?state=all&sort=updated&direction=asc&per_page=100"),
        200,
        "issue",
        true);
    check("GET issue", http.get(R + "/issues/1"), 200, "issue", false);
    check(
        "PATCH issue",
        http.patch(R + "/issues/1", "{\"state\":\"closed\",\"state_reason\":\"completed\"}"),
        200,
        "issue",
        false);
    check("GET issue labels", http.get(R + "/issues/1/labels"), 200, "label", true);
    check(
        "POST issue labels",
        http.post(R + "/issues/1/labels", "{\"labels\":[\"extra\"]}"),
        200,
        "label",
        true);
    check(
        "PUT issue labels",
        http.put(R + "/issues/1/labels", "{\"labels\":[\"bug\",\"extra\"]}"),
        200,
        "label",
        true);
    check("DELETE issue label", http.delete(R + "/issues/1/labels/extra"), 200, "label", true);
    check(
        "POST assignees",
        http.post(R + "/issues/1/assignees", "{\"assignees\":[\"alice\"]}"),
        201,
        "issue",
        false);
    check(
        "DELETE assignees",
        http.send(
            org.apache.pekko.http.javadsl.model.HttpRequest.DELETE(
                http.url(R + "/issues/1/assignees")),
            "{\"assignees\":[\"alice\"]}"),
        200,
        "issue",
        false);
    check("GET assignees", http.get(R + "/assignees"), 200, "simple-user", true);
    check("GET assignee", http.get(R + "/assignees/alice"), 204, null, false);
    check(
        "POST comment",
        http.post(R + "/issues/1/comments", "{\"body\":\"c\"}"),
        201,
        "issue-comment",
        false);
    check("GET comments", http.get(R + "/issues/1/comments"), 200, "issue-comment", true);
    check("GET repo comments", http.get(R + "/issues/comments"), 200, "issue-comment", true);
    long id = http.get(R + "/issues/comments").json().get(0).get("id").asLong();
    check("GET comment", http.get(R + "/issues/comments/" + id), 200, "issue-comment", false);
    check(
        "PATCH comment",
        http.patch(R + "/issues/comments/" + id, "{\"body\":\"d\"}"),
        200,
        "issue-comment",
        false);
    check(
        "PUT lock",
        http.put(R + "/issues/1/lock", "{\"lock_reason\":\"resolved\"}"),
        204,
        null,
        false);
    check("GET locked issue", http.get(R + "/issues/1"), 200, "issue", false);
    check("DELETE lock", http.delete(R + "/issues/1/lock"), 204, null, false);
    check(
        "POST pull",
        http.post(
            R + "/pulls",
            "{\"title\":\"p\",\"head\":\"feature\",\"base\":\"main\",\"body\":\"x\"}"),
        201,
        "pull-request",
        false);
    check("GET pulls", http.get(R + "/pulls?state=all"), 200, "pull-request-simple", true);
    check("GET pull", http.get(R + "/pulls/2"), 200, "pull-request", false);
    check(
        "PATCH pull",
        http.patch(R + "/pulls/2", "{\"title\":\"p2\",\"base\":\"develop\"}"),
        200,
        "pull-request",
        false);
    check("GET issues with pull", http.get(R + "/issues?state=all"), 200, "issue", true);
    check(
        "PUT merge",
        http.put(R + "/pulls/2/merge", "{\"merge_method\":\"squash\"}"),
        200,
        "pull-request-merge-result",
        false);
    check("GET merged pull", http.get(R + "/pulls/2"), 200, "pull-request", false);
    check("GET merge", http.get(R + "/pulls/2/merge"), 204, null, false);
    check("DELETE comment", http.delete(R + "/issues/comments/" + id), 204, null, false);
    check("DELETE label", http.delete(R + "/labels/extra"), 204, null, false);
    check("DELETE milestone", http.delete(R + "/milestones/1"), 204, null, false);
    check("404", http.get(R + "/issues/999"), 404, "basic-error", false);
    check(
        "422",
        http.post(R + "/labels", "{\"name\":\"x\",\"color\":\"nope\"}"),
        422,
        "validation-error",
        false);
    check("400", http.post(R + "/issues", "{"), 400, "basic-error", false);
    check(
        "401",
        new SimHttp(testKit.system(), sim.baseUrl(), null).get("/user"),
        401,
        "basic-error",
        false);
    check("405", http.put(R + "/pulls/2/merge", "{}"), 405, "basic-error", false);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertEquals(46, checked);
  }

  @Test
  void theValidatorRejectsWhatGitHubWouldNotSend() throws Exception {
    assertFalse(
        OpenApiSchemas.issues("issue", SimHttp.JSON.readTree("{}")).isEmpty(), "required fields");
    JsonNode good = http.post(R + "/labels", "{\"name\":\"probe\"}").json();
    assertEquals("", OpenApiSchemas.issues("label", good));
    JsonNode wrongType =
        ((com.fasterxml.jackson.databind.node.ObjectNode) good.deepCopy())
            .put("id", "not a number");
    assertFalse(OpenApiSchemas.issues("label", wrongType).isEmpty(), "types");
    JsonNode nulled =
        ((com.fasterxml.jackson.databind.node.ObjectNode) good.deepCopy()).putNull("name");
    assertFalse(OpenApiSchemas.issues("label", nulled).isEmpty(), "null where not nullable");
  }
}
