package org.roadmapsync.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimRestTest {
  static final ActorTestKit testKit =
      ActorTestKit.create(
          "SimRestTest",
          ConfigFactory.parseString(
                  "pekko.http.host-connection-pool { max-connections = 16, max-open-requests = 64 }")
              .withFallback(ConfigFactory.load()));
  static final String TOKEN = "ghp_rest_test_token";
  static final String REPO = "acme/roadmap";
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(TOKEN, REPO, "acme/other")
              .withAssignable("alice", "bob")
              .withLimits(SimLimits.unlimited()));
  static final SimHttp http = new SimHttp(testKit.system(), sim.baseUrl(), TOKEN);
  static final String ISSUES = "/repos/" + REPO + "/issues";

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
  void missingOrWrongTokenIsBadCredentials() {
    SimHttp anonymous = new SimHttp(testKit.system(), sim.baseUrl(), null);
    SimHttp.Answer none = anonymous.get("/user");
    assertEquals(401, none.status());
    assertEquals("Bad credentials", none.json().get("message").asText());
    assertEquals(401, http.get("/user", "Authorization", "token wrong").status());
    assertEquals(200, http.get("/user", "Authorization", "Bearer " + TOKEN).status());
  }

  @Test
  void userCarriesScopesAndRateLimitCostsNothing() {
    SimHttp.Answer user = http.get("/user");
    assertEquals("sim-user", user.json().get("login").asText());
    assertTrue(user.header("X-OAuth-Scopes").orElseThrow().contains("repo"));
    int before = http.get("/rate_limit").json().at("/resources/core/used").asInt();
    int after = http.get("/rate_limit").json().at("/resources/core/used").asInt();
    assertEquals(before, after);
    assertEquals(
        10,
        user.header("x-ratelimit-reset").orElseThrow().length(),
        "epoch seconds, not milliseconds");
  }

  @Test
  void configuredRepositoriesExistOthersAre404() {
    assertEquals(200, http.get("/repos/" + REPO).status());
    assertEquals("acme/roadmap", http.get("/repos/ACME/Roadmap").json().get("full_name").asText());
    SimHttp.Answer missing = http.get("/repos/acme/nope/issues");
    assertEquals(404, missing.status());
    assertEquals("Not Found", missing.json().get("message").asText());
  }

  @Test
  void createAnswers201WithLocationAndValidates() {
    SimHttp.Answer created =
        http.post(ISSUES, "{\"title\":\"First\",\"body\":\"text\",\"labels\":[\"new-label\"]}");
    assertEquals(201, created.status());
    assertEquals(created.json().get("url").asText(), created.header("Location").orElseThrow());
    assertEquals(1, created.json().get("number").asInt());
    assertEquals("new-label", created.json().at("/labels/0/name").asText());
    assertEquals(
        1,
        http.get("/repos/" + REPO + "/labels").json().size(),
        "unknown label names create labels");
    SimHttp.Answer noTitle = http.post(ISSUES, "{\"body\":\"x\"}");
    assertEquals(422, noTitle.status());
    assertEquals("missing_field", noTitle.json().at("/errors/0/code").asText());
    assertEquals("title", noTitle.json().at("/errors/0/field").asText());
  }

  @Test
  void badInputAnswersAsGitHubDoes() {
    SimHttp.Answer malformed = http.post(ISSUES, "{\"title\": ");
    assertEquals(400, malformed.status());
    assertEquals("Problems parsing JSON", malformed.json().get("message").asText());
    SimHttp.Answer wrongType = http.post(ISSUES, "{\"title\": 42}");
    assertEquals(422, wrongType.status());
    assertTrue(wrongType.json().get("message").asText().contains("is not a string"));
    SimHttp.Answer unknown = http.get("/no/such/route");
    assertEquals(404, unknown.status());
    assertEquals("Not Found", unknown.json().get("message").asText());
    assertEquals(422, http.get(ISSUES + "?state=bogus").status());
  }

  @Test
  void patchChangesFieldsDropsUnassignableAndRejectsUnknownMilestone() {
    http.post("/repos/" + REPO + "/milestones", "{\"title\":\"v1\"}");
    http.post(ISSUES, "{\"title\":\"Edit me\"}");
    SimHttp.Answer edited =
        http.patch(
            ISSUES + "/1",
            "{\"title\":\"Edited\",\"state\":\"closed\",\"state_reason\":\"not_planned\","
                + "\"labels\":[\"a\",\"b\"],\"milestone\":1,\"assignees\":[\"alice\",\"mallory\"]}");
    assertEquals(200, edited.status());
    JsonNode issue = edited.json();
    assertEquals("Edited", issue.get("title").asText());
    assertEquals("closed", issue.get("state").asText());
    assertEquals("not_planned", issue.get("state_reason").asText());
    assertEquals(2, issue.get("labels").size());
    assertEquals("v1", issue.at("/milestone/title").asText());
    assertEquals(1, issue.get("assignees").size(), "mallory cannot be assigned and is dropped");
    assertEquals("alice", issue.at("/assignee/login").asText());
    SimHttp.Answer badMilestone = http.patch(ISSUES + "/1", "{\"milestone\":99}");
    assertEquals(422, badMilestone.status());
    assertEquals(
        "Edited",
        http.get(ISSUES + "/1").json().get("title").asText(),
        "a rejected PATCH changes nothing");
  }

  @Test
  void listDefaultsToOpenAndPaginatesWithLinks() {
    sim.control().seedIssues(REPO, 7);
    sim.control().editIssueAs("alice", REPO, 2, "{\"state\":\"closed\"}");
    SimHttp.Answer open = http.get(ISSUES + "?per_page=100");
    assertEquals(6, open.json().size());
    assertEquals(7, http.get(ISSUES + "?state=all").json().size());
    List<Integer> numbers = new ArrayList<>();
    String next = ISSUES + "?state=all&per_page=3";
    int pages = 0;
    while (next != null) {
      SimHttp.Answer page = http.get(next);
      page.json().forEach(i -> numbers.add(i.get("number").asInt()));
      next = Links.rel(page.header("Link").orElse(""), "next");
      if (pages == 1) {
        String link = page.header("Link").orElseThrow();
        for (String rel : List.of("next", "prev", "first", "last"))
          assertTrue(Links.rel(link, rel) != null, link);
      }
      pages++;
    }
    assertEquals(3, pages);
    assertEquals(List.of(7, 6, 5, 4, 3, 2, 1), numbers, "default sort is created, newest first");
    assertEquals(100, Paging.perPage(java.util.Map.of("per_page", "500")));
  }

  @Test
  void sinceAndSortUpdatedServeThePoller() {
    sim.control().seedIssues(REPO, 3);
    sim.control().advanceClock(Duration.ofMinutes(5));
    Instant mark = sim.control().clock().nowSeconds();
    sim.control().editIssueAs("alice", REPO, 1, "{\"body\":\"changed\"}");
    JsonNode changed =
        http.get(ISSUES + "?state=all&sort=updated&direction=asc&since=" + mark).json();
    assertEquals(1, changed.size());
    assertEquals(1, changed.get(0).get("number").asInt());
    assertTrue(Instant.parse(changed.get(0).get("updated_at").asText()).compareTo(mark) >= 0);
    assertTrue(
        changed
            .get(0)
            .get("updated_at")
            .asText()
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
  }

  @Test
  void etagAnd304SpendNoQuota() {
    http.post(ISSUES, "{\"title\":\"cached\"}");
    SimHttp.Answer first = http.get(ISSUES + "/1");
    String etag = first.header("ETag").orElseThrow();
    SimHttp.Answer again = http.get(ISSUES + "/1", "If-None-Match", etag);
    assertEquals(304, again.status());
    assertEquals("", again.text());
    assertEquals(first.remaining(), again.remaining(), "a 304 spends no quota");
    SimHttp.Answer list = http.get(ISSUES + "?state=all");
    String listTag = list.header("ETag").orElseThrow();
    assertEquals(304, http.get(ISSUES + "?state=all", "If-None-Match", "W/" + listTag).status());
    sim.control().editIssueAs("bob", REPO, 1, "{\"labels\":[\"x\"]}");
    SimHttp.Answer changed = http.get(ISSUES + "?state=all", "If-None-Match", listTag);
    assertEquals(200, changed.status());
    assertNotEquals(listTag, changed.header("ETag").orElseThrow(), "any change changes the ETag");
    assertEquals(2, sim.control().stats().get("not_modified").asInt());
  }

  @Test
  void deletedIs410TransferredIs301() {
    sim.control().seedIssues(REPO, 2);
    sim.control().deleteIssue("alice", REPO, 1);
    assertEquals(410, http.get(ISSUES + "/1").status());
    JsonNode moved = sim.control().transferIssue("alice", REPO, 2, "acme/other");
    SimHttp.Answer old = http.get(ISSUES + "/2");
    assertEquals(301, old.status());
    assertEquals(
        sim.baseUrl() + "/repos/acme/other/issues/" + moved.get("number").asInt(),
        old.header("Location").orElseThrow());
    assertEquals(0, http.get(ISSUES + "?state=all").json().size(), "gone issues leave the list");
  }

  @Test
  void updatedAtMovesOnEveryChange() {
    http.post(ISSUES, "{\"title\":\"t\"}");
    String before = http.get(ISSUES + "/1").json().get("updated_at").asText();
    sim.control().advanceClock(Duration.ofSeconds(2));
    http.patch(ISSUES + "/1", "{\"body\":\"new\"}");
    String after = http.get(ISSUES + "/1").json().get("updated_at").asText();
    assertTrue(Instant.parse(after).isAfter(Instant.parse(before)), before + " -> " + after);
  }

  @Test
  void labelsMilestonesAndComments() {
    String labels = "/repos/" + REPO + "/labels";
    assertEquals(201, http.post(labels, "{\"name\":\"bug\",\"color\":\"d73a4a\"}").status());
    assertEquals(422, http.post(labels, "{\"name\":\"Bug\"}").status());
    assertEquals(422, http.post(labels, "{\"name\":\"x\",\"color\":\"invalid\"}").status());
    String milestones = "/repos/" + REPO + "/milestones";
    assertEquals(201, http.post(milestones, "{\"title\":\"v1\"}").status());
    SimHttp.Answer dup = http.post(milestones, "{\"title\":\"v1\"}");
    assertEquals(422, dup.status());
    assertEquals("already_exists", dup.json().at("/errors/0/code").asText());
    assertEquals(200, http.patch(milestones + "/1", "{\"state\":\"closed\"}").status());
    assertEquals(0, http.get(milestones).json().size());
    assertEquals(1, http.get(milestones + "?state=closed").json().size());
    http.post(ISSUES, "{\"title\":\"talk\"}");
    SimHttp.Answer comment = http.post(ISSUES + "/1/comments", "{\"body\":\"hello\"}");
    assertEquals(201, comment.status());
    long id = comment.json().get("id").asLong();
    assertEquals(
        200, http.patch("/repos/" + REPO + "/issues/comments/" + id, "{\"body\":\"hi\"}").status());
    assertEquals("hi", http.get(ISSUES + "/1/comments").json().get(0).get("body").asText());
    assertEquals(1, http.get(ISSUES + "/1").json().get("comments").asInt());
    // GitHub's limit on a body: 65,536 characters
    String atLimit = "x".repeat(65_536);
    assertEquals(201, http.post(ISSUES + "/1/comments", "{\"body\":\"" + atLimit + "\"}").status());
    SimHttp.Answer tooLong = http.post(ISSUES + "/1/comments", "{\"body\":\"" + atLimit + "y\"}");
    assertEquals(422, tooLong.status());
    assertThat(tooLong.json().at("/errors/0/message").asText())
        .isEqualTo("body is too long (maximum is 65536 characters)");
    assertEquals(
        422,
        http.patch("/repos/" + REPO + "/issues/comments/" + id, "{\"body\":\"" + atLimit + "y\"}")
            .status());
  }

  @Test
  void pullRequestsCreateListMergeAndAppearAsIssues() {
    String pulls = "/repos/" + REPO + "/pulls";
    SimHttp.Answer pr =
        http.post(
            pulls,
            "{\"title\":\"Feature\",\"head\":\"feature-1\",\"base\":\"main\",\"draft\":true}");
    assertEquals(201, pr.status());
    assertTrue(pr.json().get("draft").asBoolean());
    int n = pr.json().get("number").asInt();
    assertEquals(
        405, http.put(pulls + "/" + n + "/merge", "{}").status(), "a draft is not mergeable");
    assertEquals(1, http.get(pulls + "?head=acme:feature-1").json().size());
    assertEquals(0, http.get(pulls + "?head=acme:other").json().size());
    assertTrue(http.get(ISSUES).json().get(0).has("pull_request"));
    http.post(pulls, "{\"title\":\"Second\",\"head\":\"feature-2\",\"base\":\"main\"}");
    assertEquals(
        200,
        http.patch(pulls + "/" + (n + 1), "{\"base\":\"develop\",\"title\":\"Second!\"}").status());
    SimHttp.Answer merged = http.put(pulls + "/" + (n + 1) + "/merge", "{}");
    assertEquals(200, merged.status());
    assertTrue(merged.json().get("merged").asBoolean());
    assertEquals(40, merged.json().get("sha").asText().length());
    assertEquals(204, http.get(pulls + "/" + (n + 1) + "/merge").status());
    assertEquals("closed", http.get(pulls + "/" + (n + 1)).json().get("state").asText());
  }

  @Test
  void lockAndUnlock() {
    http.post(ISSUES, "{\"title\":\"heated\"}");
    SimHttp.Answer lock = http.put(ISSUES + "/1/lock", null);
    assertEquals(204, lock.status());
    assertEquals("", lock.text());
    assertTrue(http.get(ISSUES + "/1").json().get("locked").asBoolean());
    assertEquals(204, http.delete(ISSUES + "/1/lock").status());
    assertFalse(http.get(ISSUES + "/1").json().get("locked").asBoolean());
  }

  @Test
  void seedingFiveThousandIssuesIsFastAndFree() {
    long start = System.nanoTime();
    JsonNode result = sim.control().seedIssues(REPO, 5000);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(5000, result.get("issues").asInt());
    assertTrue(millis < 2000, "seeding took " + millis + " ms");
    assertEquals(0, sim.control().stats().get("quota_spent").asInt());
    SimHttp.Answer page = http.get(ISSUES + "?per_page=100&page=50");
    assertEquals(100, page.json().size());
    assertEquals(
        sim.baseUrl() + ISSUES + "?page=1&per_page=100",
        Links.rel(page.header("Link").orElseThrow(), "first"));
  }

  @Test
  void concurrentCreatesGetDistinctNumbersAndWebhooklessSeedsStayConsistent() {
    List<java.util.concurrent.CompletableFuture<SimHttp.Answer>> posts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      posts.add(
          http.sendAsync(
                  org.apache.pekko.http.javadsl.model.HttpRequest.POST(http.url(ISSUES)),
                  "{\"title\":\"parallel " + i + "\"}")
              .toCompletableFuture());
    }
    java.util.Set<Integer> numbers = new java.util.TreeSet<>();
    for (var f : posts) {
      SimHttp.Answer a = f.join();
      assertEquals(201, a.status(), a.text());
      numbers.add(a.json().get("number").asInt());
    }
    assertEquals(40, numbers.size());
    assertEquals(1, numbers.iterator().next());
    assertEquals(40, ((java.util.TreeSet<Integer>) numbers).last());
    assertEquals(
        40, sim.control().stats().at("/requests").get("POST /repos/{o}/{r}/issues 201").asInt());
  }

  @Test
  void listFiltersByLabelsAssigneeMilestoneAndCreator() {
    sim.control()
        .seed(
            "{\"repo\":\""
                + REPO
                + "\",\"milestones\":[{\"title\":\"v1\"}],\"issues\":["
                + "{\"title\":\"a\",\"labels\":[\"bug\",\"ui\"],\"assignees\":[\"alice\"],\"milestone\":\"v1\"},"
                + "{\"title\":\"b\",\"labels\":[\"bug\"],\"user\":\"bob\"},"
                + "{\"title\":\"c\",\"comments\":[\"x\",\"y\"]}]}");
    assertEquals(
        2, http.get(ISSUES + "?labels=BUG").json().size(), "label names match case-insensitively");
    assertEquals(
        1, http.get(ISSUES + "?labels=bug,ui").json().size(), "all listed labels must be present");
    assertEquals(1, http.get(ISSUES + "?assignee=alice").json().size());
    assertEquals(2, http.get(ISSUES + "?assignee=none").json().size());
    assertEquals(1, http.get(ISSUES + "?milestone=1").json().size());
    assertEquals(2, http.get(ISSUES + "?milestone=none").json().size());
    assertEquals("b", http.get(ISSUES + "?creator=bob").json().get(0).get("title").asText());
    assertEquals("c", http.get(ISSUES + "?sort=comments").json().get(0).get("title").asText());
  }

  @Test
  void anUnmergeablePullAnswers405() {
    http.post(
        "/repos/" + REPO + "/pulls", "{\"title\":\"conflict\",\"head\":\"f\",\"base\":\"main\"}");
    sim.control().setPullMergeable(REPO, 1, false);
    assertEquals(405, http.put("/repos/" + REPO + "/pulls/1/merge", "{}").status());
    assertEquals(
        "dirty", http.get("/repos/" + REPO + "/pulls/1").json().get("mergeable_state").asText());
    sim.control().setPullMergeable(REPO, 1, true);
    assertEquals(200, http.put("/repos/" + REPO + "/pulls/1/merge", "{}").status());
  }
}
