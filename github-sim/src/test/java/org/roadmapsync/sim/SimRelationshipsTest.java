package org.roadmapsync.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue types and issue dependencies (issue 21) as GitHub publishes them: the answers validate
 * against the transcribed OpenAPI paths ({@code openapi-relationships-subset.json}) and the issue
 * schema, and the rules GitHub states hold: 50 relations each way, database ids, not numbers.
 */
class SimRelationshipsTest {
  static final ActorTestKit testKit =
      ActorTestKit.create("SimRelationshipsTest", ConfigFactory.load());
  static final String TOKEN = "ghp_relations";
  static final String ORG_REPO = "typed-org/app";
  static final String USER_REPO = "someone/plain";
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(TOKEN, ORG_REPO, USER_REPO).withLimits(SimLimits.unlimited()));
  static final SimHttp http = new SimHttp(testKit.system(), sim.baseUrl(), TOKEN);
  static final String R = "/repos/" + ORG_REPO;

  @AfterAll
  static void stop() {
    sim.stop();
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void reset() {
    sim.control().reset();
    sim.control().setIssueTypes("typed-org", "Task", "Bug", "Feature");
  }

  private static JsonNode ok(SimHttp.Answer answer, int status) {
    assertEquals(status, answer.status(), answer.text());
    return answer.json();
  }

  private static void assertSchema(String schema, JsonNode json) {
    assertEquals("", OpenApiSchemas.issues(schema, json), schema + ": " + json);
  }

  private static long newIssue(String repo, String title) {
    return ok(http.post("/repos/" + repo + "/issues", "{\"title\":\"" + title + "\"}"), 201)
        .get("id")
        .asLong();
  }

  @Test
  void anOrganisationListsItsTypesAndIssuesCarryOne() {
    JsonNode types = ok(http.get("/orgs/typed-org/issue-types"), 200);
    assertEquals(3, types.size());
    types.forEach(t -> assertSchema("issue-type", t));
    assertEquals(404, http.get("/orgs/someone/issue-types").status(), "a user has no types");

    JsonNode created = ok(http.post(R + "/issues", "{\"title\":\"typed\",\"type\":\"bug\"}"), 201);
    assertSchema("issue", created);
    assertEquals("Bug", created.at("/type/name").asText(), "names compared ignoring case");
    JsonNode retyped = ok(http.patch(R + "/issues/1", "{\"type\":{\"value\":\"Feature\"}}"), 200);
    assertEquals("Feature", retyped.at("/type/name").asText());
    assertTrue(ok(http.patch(R + "/issues/1", "{\"type\":null}"), 200).get("type").isNull());

    SimHttp.Answer unknown = http.patch(R + "/issues/1", "{\"type\":\"Epic\"}");
    assertEquals(422, unknown.status());
    assertTrue(unknown.text().contains("Epic"), unknown.text());
    assertEquals(
        422,
        http.post("/repos/" + USER_REPO + "/issues", "{\"title\":\"x\",\"type\":\"Bug\"}").status(),
        "a repository without types takes none");
  }

  @Test
  void dependenciesAreOneRelationSeenFromBothIssues() {
    newIssue(ORG_REPO, "blocked");
    long blocking = newIssue(ORG_REPO, "blocking");
    JsonNode added =
        ok(
            http.post(R + "/issues/1/dependencies/blocked_by", "{\"issue_id\":" + blocking + "}"),
            201);
    assertSchema("issue", added);
    assertEquals(2, added.get("number").asInt(), "answers the blocking issue");

    JsonNode blockedBy = ok(http.get(R + "/issues/1/dependencies/blocked_by"), 200);
    assertEquals(List.of(2), numbers(blockedBy));
    blockedBy.forEach(i -> assertSchema("issue", i));
    assertEquals(List.of(1), numbers(ok(http.get(R + "/issues/2/dependencies/blocking"), 200)));
    JsonNode summary = ok(http.get(R + "/issues/1"), 200).get("issue_dependencies_summary");
    assertEquals(1, summary.get("blocked_by").asInt());
    assertEquals(0, summary.get("blocking").asInt());
    assertSchema("issue-dependencies-summary", summary);

    assertEquals(
        422,
        http.post(R + "/issues/1/dependencies/blocked_by", "{\"issue_id\":" + blocking + "}")
            .status(),
        "an existing relation");
    assertEquals(
        422,
        http.post(R + "/issues/1/dependencies/blocked_by", "{\"issue_id\":2}").status(),
        "a number is not an issue id");
    long self = ok(http.get(R + "/issues/1"), 200).get("id").asLong();
    assertEquals(
        422,
        http.post(R + "/issues/1/dependencies/blocked_by", "{\"issue_id\":" + self + "}").status());

    assertEquals(
        2,
        ok(http.delete(R + "/issues/1/dependencies/blocked_by/" + blocking), 200)
            .get("number")
            .asInt());
    assertEquals(404, http.delete(R + "/issues/1/dependencies/blocked_by/" + blocking).status());
    assertEquals(0, ok(http.get(R + "/issues/2/dependencies/blocking"), 200).size());
  }

  @Test
  void fiftyRelationsEachWayThenA422() {
    newIssue(ORG_REPO, "hub");
    List<Long> ids = new ArrayList<>();
    for (int k = 0; k < 51; k++) {
      ids.add(newIssue(ORG_REPO, "blocker " + k));
    }
    for (int k = 0; k < 50; k++) {
      ok(
          http.post(R + "/issues/1/dependencies/blocked_by", "{\"issue_id\":" + ids.get(k) + "}"),
          201);
    }
    SimHttp.Answer refused =
        http.post(R + "/issues/1/dependencies/blocked_by", "{\"issue_id\":" + ids.get(50) + "}");
    assertEquals(422, refused.status());
    assertTrue(refused.text().contains("50"), refused.text());
    JsonNode page = ok(http.get(R + "/issues/1/dependencies/blocked_by?per_page=100"), 200);
    assertEquals(50, page.size());
    assertEquals(
        30, ok(http.get(R + "/issues/1/dependencies/blocked_by"), 200).size(), "pages of 30");
  }

  private static List<Integer> numbers(JsonNode issues) {
    List<Integer> numbers = new ArrayList<>();
    issues.forEach(i -> numbers.add(i.get("number").asInt()));
    return numbers;
  }
}
