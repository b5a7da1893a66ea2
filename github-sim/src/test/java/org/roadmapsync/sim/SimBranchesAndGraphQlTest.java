package org.roadmapsync.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimBranchesAndGraphQlTest {
  static final ActorTestKit testKit =
      ActorTestKit.create("SimBranchesAndGraphQlTest", ConfigFactory.load());
  static final String TOKEN = "ghp_branches";
  static final String REPO = "acme/branches";
  static final String R = "/repos/" + REPO;
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(), SimSettings.defaults(TOKEN, REPO).withLimits(SimLimits.unlimited()));
  static final SimHttp http = new SimHttp(testKit.system(), sim.baseUrl(), TOKEN);

  @AfterAll
  static void stop() {
    sim.stop();
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void reset() {
    sim.control().reset();
  }

  @Test
  void branchesAreGitRefs() {
    JsonNode branches = http.get(R + "/branches").json();
    assertEquals("main", branches.get(0).get("name").asText());
    String mainSha = branches.get(0).at("/commit/sha").asText();
    SimHttp.Answer created =
        http.post(R + "/git/refs", "{\"ref\":\"refs/heads/feature\",\"sha\":\"" + mainSha + "\"}");
    assertEquals(201, created.status());
    assertEquals(mainSha, created.json().at("/object/sha").asText());
    assertEquals(
        422,
        http.post(R + "/git/refs", "{\"ref\":\"refs/heads/feature\",\"sha\":\"" + mainSha + "\"}")
            .status());
    assertEquals(
        422,
        http.post(R + "/git/refs", "{\"ref\":\"feature2\",\"sha\":\"" + mainSha + "\"}").status());
    assertEquals(
        "refs/heads/feature", http.get(R + "/git/ref/heads/feature").json().get("ref").asText());
    assertEquals(200, http.get(R + "/branches/feature").status());
    assertEquals(204, http.delete(R + "/git/refs/heads/feature").status());
    assertEquals(404, http.get(R + "/branches/feature").status());
  }

  @Test
  void pullRequestHeadsFollowPushesAndMergesMoveTheBase() {
    int n =
        http.post(R + "/pulls", "{\"title\":\"p\",\"head\":\"topic\",\"base\":\"main\"}")
            .json()
            .get("number")
            .asInt();
    String before = http.get(R + "/pulls/" + n).json().at("/head/sha").asText();
    String pushed = sim.control().pushCommit("carol", REPO, "topic");
    assertNotEquals(before, pushed);
    assertEquals(pushed, http.get(R + "/pulls/" + n).json().at("/head/sha").asText());
    String mergeSha = http.put(R + "/pulls/" + n + "/merge", "{}").json().get("sha").asText();
    assertEquals(mergeSha, http.get(R + "/branches/main").json().at("/commit/sha").asText());
  }

  @Test
  void graphQlMarksReadyAndConvertsToDraft() {
    JsonNode pr =
        http.post(
                R + "/pulls",
                "{\"title\":\"p\",\"head\":\"topic\",\"base\":\"main\",\"draft\":true}")
            .json();
    String id = pr.get("node_id").asText();
    SimHttp.Answer ready =
        http.post(
            "/graphql",
            "{\"query\":\"mutation($id: ID!) { markPullRequestReadyForReview(input: "
                + "{pullRequestId: $id}) { pullRequest { isDraft } } }\",\"variables\":{\"id\":\"x\",\"pullRequestId\":\""
                + id
                + "\"}}");
    assertEquals(200, ready.status());
    assertFalse(
        ready.json().at("/data/markPullRequestReadyForReview/pullRequest/isDraft").asBoolean(true));
    assertFalse(http.get(R + "/pulls/" + pr.get("number").asInt()).json().get("draft").asBoolean());
    SimHttp.Answer draft =
        http.post(
            "/graphql",
            "{\"query\":\"mutation { convertPullRequestToDraft(input: {pullRequestId: \\\""
                + id
                + "\\\"}) { pullRequest { isDraft } } }\"}");
    assertTrue(draft.json().at("/data/convertPullRequestToDraft/pullRequest/isDraft").asBoolean());
    SimHttp.Answer unknown = http.post("/graphql", "{\"query\":\"{ viewer { login } }\"}");
    assertEquals(200, unknown.status());
    assertTrue(unknown.json().has("errors"));
  }

  @Test
  void aMergeClosesTheIssuesItsBodyNamesWithAClosingKeyword() {
    int issue = http.post(R + "/issues", "{\"title\":\"work\"}").json().get("number").asInt();
    int other =
        http.post(R + "/issues", "{\"title\":\"mentioned only\"}").json().get("number").asInt();
    int n =
        http.post(
                R + "/pulls",
                "{\"title\":\"p\",\"head\":\"topic\",\"base\":\"main\",\"body\":\"Text.\\n\\nCloses #"
                    + issue
                    + "\\nSee #"
                    + other
                    + "\"}")
            .json()
            .get("number")
            .asInt();
    assertEquals("open", http.get(R + "/issues/" + issue).json().get("state").asText());
    sim.control().mergePullAs("carol", REPO, n, "squash");
    JsonNode closed = http.get(R + "/issues/" + issue).json();
    assertEquals("closed", closed.get("state").asText());
    assertEquals("completed", closed.get("state_reason").asText());
    assertEquals("open", http.get(R + "/issues/" + other).json().get("state").asText());
    JsonNode pull = sim.control().pull(REPO, n);
    assertTrue(pull.get("merged").asBoolean());
    assertEquals("carol", pull.at("/merged_by/login").asText());
  }

  @Test
  void anotherUserCanCloseAPullRequestThroughTheControlApi() {
    int n =
        http.post(R + "/pulls", "{\"title\":\"p\",\"head\":\"topic\",\"base\":\"main\"}")
            .json()
            .get("number")
            .asInt();
    SimHttp.Answer closed =
        http.patch(
            "/_sim/repos/" + REPO + "/pulls/" + n, "{\"actor\":\"dave\",\"state\":\"closed\"}");
    assertEquals(200, closed.status(), closed.text());
    assertEquals("closed", sim.control().pull(REPO, n).get("state").asText());
    assertFalse(sim.control().pull(REPO, n).get("merged").asBoolean());
    int m =
        http.post(R + "/pulls", "{\"title\":\"q\",\"head\":\"topic2\",\"base\":\"main\"}")
            .json()
            .get("number")
            .asInt();
    assertEquals(
        200,
        http.post("/_sim/repos/" + REPO + "/pulls/" + m + "/merge", "{\"actor\":\"dave\"}")
            .status());
    assertTrue(sim.control().pull(REPO, m).get("merged").asBoolean());
  }

  @Test
  void aLateAnswerComesAfterTheWorkIsDone() {
    sim.control()
        .injectFault(FaultRule.answerLate("POST", ".*/pulls", 1, java.time.Duration.ofMillis(400)));
    var answer =
        http.sendAsync(
            org.apache.pekko.http.javadsl.model.HttpRequest.POST(sim.baseUrl() + R + "/pulls"),
            "{\"title\":\"late\",\"head\":\"topic\",\"base\":\"main\"}");
    // The pull request exists while its answer is still held back.
    testKit
        .createTestProbe()
        .awaitAssert(
            java.time.Duration.ofSeconds(5),
            () -> {
              assertEquals("late", sim.control().pull(REPO, 1).get("title").asText());
              return null;
            });
    assertFalse(answer.toCompletableFuture().isDone());
    assertEquals(201, answer.toCompletableFuture().join().status());
  }
}
