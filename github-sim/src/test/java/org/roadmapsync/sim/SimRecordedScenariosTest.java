package org.roadmapsync.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the requests of GitHub's recorded scenarios against the simulator and checks that every
 * answer has the recorded status, every recorded field and every recorded header.
 */
class SimRecordedScenariosTest {
  static final ActorTestKit testKit =
      ActorTestKit.create("SimRecordedScenariosTest", ConfigFactory.load());
  static final String ORG = "octokit-fixture-org";
  static final List<String> SCENARIOS =
      List.of("paginate-issues", "add-labels-to-issue", "labels", "errors", "lock-issue");
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(
                  "0000000000000000000000000000000000000001",
                  SCENARIOS.stream().map(s -> ORG + "/" + s).toArray(String[]::new))
              .withLimits(SimLimits.unlimited()));
  static final SimHttp http =
      new SimHttp(testKit.system(), sim.baseUrl(), "0000000000000000000000000000000000000001");

  /** Headers a loopback server has no use for, or that only some of GitHub's front ends send. */
  static final Set<String> NOT_EXPECTED = Set.of("connection", "last-modified");

  @AfterAll
  static void stop() {
    sim.stop();
    testKit.shutdownTestKit();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"paginate-issues", "add-labels-to-issue", "labels", "errors", "lock-issue"})
  void answersHaveTheRecordedShape(String scenario) throws Exception {
    String repo = ORG + "/" + scenario;
    switch (scenario) {
      case "paginate-issues" -> sim.control().seedIssues(repo, 13);
      case "lock-issue" -> sim.control().seedIssues(repo, 1);
      default -> {}
    }
    JsonNode recorded;
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/github-fixtures/recorded/api.github.com/"
                    + scenario
                    + "/normalized-fixture.json")) {
      recorded = SimHttp.JSON.readTree(in);
    }
    if (scenario.equals("labels")) {
      // a new repository on GitHub has the default labels; the recording lists them
      var seed = SimHttp.JSON.createObjectNode().put("repo", repo);
      seed.set("labels", recorded.get(0).get("response"));
      sim.control().seed(seed);
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode step : recorded) {
      String path =
          step.get("path").asText().replace("/repositories/1000/", "/repos/" + repo + "/");
      String method = step.get("method").asText().toUpperCase(java.util.Locale.ROOT);
      String body = step.get("body").isObject() ? step.get("body").toString() : null;
      SimHttp.Answer answer =
          http.send(
              HttpRequest.create(http.url(path))
                  .withMethod(HttpMethods.lookup(method).orElseThrow()),
              body,
              "Accept",
              "application/vnd.github.v3+json");
      String what = method + " " + path;
      if (answer.status() != step.get("status").asInt()) {
        problems.add(
            what
                + ": status "
                + answer.status()
                + " instead of "
                + step.get("status")
                + " "
                + answer.text());
        continue;
      }
      Set<String> ours = new TreeSet<>();
      answer.headers().forEach(h -> ours.add(h.lowercaseName()));
      for (Iterator<String> it = step.get("headers").fieldNames(); it.hasNext(); ) {
        String h = it.next();
        if (!NOT_EXPECTED.contains(h) && !ours.contains(h)) problems.add(what + ": no header " + h);
      }
      JsonNode theirs = step.get("response");
      if (theirs.isObject()) missingFields(what, theirs, answer.json(), problems);
      if (theirs.isArray() && !theirs.isEmpty()) {
        assertTrue(
            answer.json().isArray() && !answer.json().isEmpty(),
            what + " answers a non-empty array");
        assertEquals(theirs.size(), answer.json().size(), what + " item count");
        missingFields(what, theirs.get(0), answer.json().get(0), problems);
      }
      if (theirs.has("errors"))
        assertEquals(theirs.get("errors"), answer.json().get("errors"), what);
      if (step.get("headers").has("link")) {
        for (String rel : List.of("next", "prev", "first", "last")) {
          boolean expected = Links.rel(step.get("headers").get("link").asText(), rel) != null;
          boolean present = Links.rel(answer.header("Link").orElse(""), rel) != null;
          if (expected != present)
            problems.add(what + ": rel=" + rel + (expected ? " missing" : " unexpected"));
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  private static void missingFields(
      String what, JsonNode theirs, JsonNode ours, List<String> problems) {
    for (Iterator<String> it = theirs.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ours.has(f)) problems.add(what + ": no field " + f);
    }
  }
}
