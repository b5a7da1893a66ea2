package org.roadmapsync.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimWebhookTest {
  static final ActorTestKit testKit = ActorTestKit.create("SimWebhookTest", ConfigFactory.load());
  static final String TOKEN = "ghp_hooks";
  static final String SECRET = "It's a Secret to Everybody";
  static final String REPO = "acme/hooks";
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(TOKEN, REPO)
              .withLimits(SimLimits.unlimited())
              .withAssignable("alice"));
  static final SimHttp http = new SimHttp(testKit.system(), sim.baseUrl(), TOKEN);
  static final TestProbe<Delivery> deliveries = testKit.createTestProbe();
  static final ServerBinding receiver = bindReceiver();

  /** One webhook request as the receiver saw it. */
  record Delivery(String path, String event, String id, String signature, String body) {
    JsonNode json() {
      try {
        return SimHttp.JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  static ServerBinding bindReceiver() {
    return Http.get(testKit.system())
        .newServerAt("127.0.0.1", 0)
        .bindSync(
            (HttpRequest req) -> {
              String body =
                  req.entity()
                      .toStrict(5000, testKit.system())
                      .toCompletableFuture()
                      .join()
                      .getData()
                      .utf8String();
              deliveries
                  .ref()
                  .tell(
                      new Delivery(
                          req.getUri().path(),
                          header(req, "X-GitHub-Event"),
                          header(req, "X-GitHub-Delivery"),
                          header(req, "X-Hub-Signature-256"),
                          body));
              return HttpResponse.create().withStatus(204);
            })
        .toCompletableFuture()
        .join();
  }

  static String header(HttpRequest req, String name) {
    return req.getHeader(name).map(h -> h.value()).orElse(null);
  }

  @AfterAll
  static void stop() {
    receiver.unbind().toCompletableFuture().join();
    sim.stop();
    testKit.shutdownTestKit();
  }

  /**
   * Each test has its own receiving path, so a late delivery of an earlier test cannot be mistaken
   * for one of its own.
   */
  private final String path = "/webhooks/" + UUID.randomUUID();

  @BeforeEach
  void reset() {
    sim.control().reset();
    sim.control().setWebhook(Optional.of(SimSettings.WebhookTarget.reliable(url(), SECRET)));
  }

  String url() {
    return "http://127.0.0.1:" + receiver.localAddress().getPort() + path;
  }

  Delivery next(String event, String action) {
    Delivery d =
        deliveries
            .fishForMessage(
                Duration.ofSeconds(5),
                m ->
                    m.path().equals(path)
                        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
                        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes
                            .continueAndIgnore())
            .get(0);
    assertEquals(event, d.event(), d.body());
    assertEquals(action, d.json().get("action").asText(), d.body());
    assertEquals(
        WebhookSigner.sign(SECRET, d.body().getBytes(StandardCharsets.UTF_8)), d.signature());
    UUID.fromString(d.id());
    String schema =
        "/components/schemas/webhook-" + event.replace('_', '-') + "-" + action.replace('_', '-');
    String document =
        event.equals("issue_dependencies")
            ? "openapi-relationships-subset.json"
            : "openapi-webhooks-subset.json";
    assertEquals("", OpenApiSchemas.problems(document, schema, d.json()), schema);
    validated++;
    return d;
  }

  private int validated;

  @Test
  void signatureMatchesGitHubsTestVector() {
    assertEquals(
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        WebhookSigner.sign(SECRET, "Hello, World!".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void everyChangeIsDeliveredInOrderWithTheRightAction() {
    http.post(ISSUES(), "{\"title\":\"hooked\"}");
    Delivery opened = next("issues", "opened");
    assertSameShape("issues.opened.json", opened.json(), "issue");
    assertEquals("sim-user", opened.json().at("/sender/login").asText());

    sim.control()
        .editIssueAs(
            "carol",
            REPO,
            1,
            "{\"title\":\"renamed\",\"labels\":[\"bug\"],\"assignees\":[\"alice\"]}");
    Delivery edited = next("issues", "edited");
    assertEquals("hooked", edited.json().at("/changes/title/from").asText());
    assertEquals(
        "carol",
        edited.json().at("/sender/login").asText(),
        "an edit by another user names that user");
    assertSameShape("label.created.2.json", next("label", "created").json(), "label");
    assertSameShape("issues.labeled.json", next("issues", "labeled").json(), "issue");
    assertEquals("alice", next("issues", "assigned").json().at("/assignee/login").asText());

    http.patch(ISSUES() + "/1", "{\"state\":\"closed\"}");
    next("issues", "closed");
    sim.control().commentAs("dave", REPO, 1, "me too");
    assertSameShape(
        "issue_comment.created.2.json", next("issue_comment", "created").json(), "comment");
    http.post("/repos/" + REPO + "/milestones", "{\"title\":\"v2\"}");
    assertSameShape("milestone.created.json", next("milestone", "created").json(), "milestone");
    http.post("/repos/" + REPO + "/pulls", "{\"title\":\"pr\",\"head\":\"f\",\"base\":\"main\"}");
    assertSameShape(
        "pull_request.opened.json", next("pull_request", "opened").json(), "pull_request");
    sim.control().deleteIssue("carol", REPO, 1);
    next("issues", "deleted");
    assertEquals(10, validated, "every payload was checked against its x-webhooks schema");
    deliveries.awaitAssert(
        Duration.ofSeconds(3),
        () -> {
          assertEquals(10, sim.control().stats().at("/webhooks/delivered").asInt());
          return null;
        });
  }

  @Test
  void otherActionsValidateAgainstTheirSchemasToo() {
    String r = "/repos/" + REPO;
    http.post(r + "/labels", "{\"name\":\"old\"}");
    next("label", "created");
    http.patch(r + "/labels/old", "{\"new_name\":\"new\",\"color\":\"00ff00\"}");
    assertEquals("old", next("label", "edited").json().at("/changes/name/from").asText());
    http.post(r + "/milestones", "{\"title\":\"m\"}");
    next("milestone", "created");
    http.patch(r + "/milestones/1", "{\"state\":\"closed\"}");
    next("milestone", "closed");
    http.post(ISSUES(), "{\"title\":\"i\",\"milestone\":1}");
    next("issues", "opened");
    http.patch(ISSUES() + "/1", "{\"milestone\":null}");
    next("issues", "demilestoned");
    long comment =
        http.post(ISSUES() + "/1/comments", "{\"body\":\"c\"}").json().get("id").asLong();
    next("issue_comment", "created");
    http.patch(r + "/issues/comments/" + comment, "{\"body\":\"d\"}");
    next("issue_comment", "edited");
    http.delete(r + "/issues/comments/" + comment);
    next("issue_comment", "deleted");
    http.put(ISSUES() + "/1/lock", null);
    next("issues", "locked");
    http.delete(ISSUES() + "/1/lock");
    next("issues", "unlocked");
    http.patch(ISSUES() + "/1", "{\"state\":\"closed\"}");
    next("issues", "closed");
    http.patch(ISSUES() + "/1", "{\"state\":\"open\"}");
    next("issues", "reopened");
    http.delete(r + "/labels/new");
    next("label", "deleted");
    sim.control().transferIssue("carol", REPO, 1, "acme/elsewhere");
    Delivery transferred = next("issues", "transferred");
    assertEquals(
        "acme/elsewhere", transferred.json().at("/changes/new_repository/full_name").asText());
    assertEquals(
        "acme/elsewhere", next("issues", "opened").json().at("/repository/full_name").asText());
    http.post(r + "/pulls", "{\"title\":\"p\",\"head\":\"f\",\"base\":\"main\"}");
    next("pull_request", "opened");
    sim.control().pushCommit("carol", REPO, "f");
    next("pull_request", "synchronize");
    String id = http.get(r + "/pulls/2").json().get("node_id").asText();
    http.post(
        "/graphql",
        "{\"query\":\"mutation { convertPullRequestToDraft(input: {pullRequestId: \\\""
            + id
            + "\\\"}) { pullRequest { isDraft } } }\"}");
    next("pull_request", "converted_to_draft");
    http.post(
        "/graphql",
        "{\"query\":\"mutation { markPullRequestReadyForReview(input: {pullRequestId: \\\""
            + id
            + "\\\"}) { pullRequest { isDraft } } }\"}");
    next("pull_request", "ready_for_review");
    http.put(r + "/pulls/2/merge", "{}");
    Delivery merged = next("pull_request", "closed");
    assertTrue(merged.json().at("/pull_request/merged").asBoolean());
  }

  @Test
  void issueTypesAndDependenciesAnnounceThemselves() {
    sim.control().setIssueTypes("acme", "Task", "Bug", "Feature");
    http.post(ISSUES(), "{\"title\":\"blocked\"}");
    next("issues", "opened");
    http.post(ISSUES(), "{\"title\":\"blocking\"}");
    next("issues", "opened");

    http.patch(ISSUES() + "/1", "{\"type\":\"Bug\"}");
    assertEquals("Bug", next("issues", "typed").json().at("/type/name").asText());
    http.patch(ISSUES() + "/1", "{\"type\":null}");
    Delivery untyped = next("issues", "untyped");
    assertEquals("Bug", untyped.json().at("/type/name").asText(), "the type it had");
    assertTrue(untyped.json().at("/issue/type").isNull());

    long blockingId = http.get(ISSUES() + "/2").json().get("id").asLong();
    http.post(ISSUES() + "/1/dependencies/blocked_by", "{\"issue_id\":" + blockingId + "}");
    Delivery added = next("issue_dependencies", "blocked_by_added");
    assertEquals(1, added.json().at("/blocked_issue/number").asInt());
    assertEquals(2, added.json().at("/blocking_issue/number").asInt());
    assertEquals(
        1, added.json().at("/blocked_issue/issue_dependencies_summary/blocked_by").asInt());
    next("issue_dependencies", "blocking_added");
    http.delete(ISSUES() + "/1/dependencies/blocked_by/" + blockingId);
    next("issue_dependencies", "blocked_by_removed");
    Delivery removed = next("issue_dependencies", "blocking_removed");
    assertEquals(
        0, removed.json().at("/blocking_issue/issue_dependencies_summary/blocking").asInt());
  }

  @Test
  void duplicatesRepeatTheDeliveryIdAndLossesAreCounted() {
    sim.control().setWebhook(Optional.of(new SimSettings.WebhookTarget(url(), SECRET, 0, 1)));
    http.post(ISSUES(), "{\"title\":\"twice\"}");
    Delivery first = next("issues", "opened");
    Delivery second = next("issues", "opened");
    assertEquals(first.id(), second.id());
    assertEquals(first.body(), second.body());

    sim.control().setWebhook(Optional.of(new SimSettings.WebhookTarget(url(), SECRET, 1, 0)));
    http.post(ISSUES(), "{\"title\":\"lost\"}");
    deliveries.awaitAssert(
        Duration.ofSeconds(3),
        () -> {
          assertEquals(1, sim.control().stats().at("/webhooks/lost").asInt());
          return null;
        });
    http.post(ISSUES(), "{\"title\":\"after the loss\"}");
    sim.control().setWebhook(Optional.of(SimSettings.WebhookTarget.reliable(url(), SECRET)));
    http.post(ISSUES(), "{\"title\":\"delivered\"}");
    assertEquals(
        "delivered",
        next("issues", "opened").json().at("/issue/title").asText(),
        "the lost ones never arrive");
  }

  static String ISSUES() {
    return "/repos/" + REPO + "/issues";
  }

  /** Every field of the fixture's top level and of its main object is present in ours. */
  static void assertSameShape(String fixture, JsonNode ours, String object) {
    JsonNode theirs;
    try (InputStream in =
        SimWebhookTest.class.getResourceAsStream("/github-fixtures/webhooks/" + fixture)) {
      theirs = SimHttp.JSON.readTree(in);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    Set<String> ignored = Set.of("installation", "organization", "enterprise", "draft");
    assertTrue(
        missing(theirs, ours, ignored).isEmpty(),
        fixture + " top level: " + missing(theirs, ours, ignored));
    assertTrue(
        missing(theirs.get(object), ours.get(object), ignored).isEmpty(),
        fixture + " " + object + ": " + missing(theirs.get(object), ours.get(object), ignored));
    assertTrue(
        missing(
                theirs.get("repository"),
                ours.get("repository"),
                Set.of(
                    "topics",
                    "is_template",
                    "web_commit_signoff_required",
                    "custom_properties",
                    "allow_forking",
                    "stargazers",
                    "master_branch"))
            .isEmpty(),
        fixture
            + " repository: "
            + missing(theirs.get("repository"), ours.get("repository"), Set.of()));
  }

  static Set<String> missing(JsonNode theirs, JsonNode ours, Set<String> ignored) {
    Set<String> out = new HashSet<>();
    for (Iterator<String> it = theirs.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ignored.contains(f) && !ours.has(f)) out.add(f);
    }
    return out;
  }
}
