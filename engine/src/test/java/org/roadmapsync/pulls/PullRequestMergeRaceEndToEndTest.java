package org.roadmapsync.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.github.WebhookSignatureVerifier;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * Someone merges the service's pull request on GitHub 0 to 2 s after it was opened, twenty times,
 * webhooks on: every roadmap issue ends {@code closed}. The pull requests merge into {@code
 * develop}, not the default branch, so GitHub does not close the issue their body names: the pull
 * request is the only way the merge can reach the roadmap. Its webhooks arrive just after the
 * lifecycle journaled the pull request (the read table does not show it yet) or even before (the
 * service has not heard GitHub's 201 yet); the first are routed through the lifecycles' index, the
 * second are caught by the next poll of the pull requests.
 */
class PullRequestMergeRaceEndToEndTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("PullRequestMergeRaceEndToEndTest");
  private static final String TOKEN = "race-token";
  private static final String REPO = "octo/race";
  private static final String SECRET = "race-webhook-secret";
  private static final int ROUNDS = 20;
  private static final Duration LONGEST_DELAY = Duration.ofSeconds(2);
  private static final String RACE_BRANCH = "feature/race-";
  private static final String IDLE = "idle0001";

  @TempDir static Path folder;
  static LiveService live;

  private static String id(int round) {
    return String.format("race%04d", round);
  }

  private static String branch(int round) {
    return RACE_BRANCH + round;
  }

  @BeforeAll
  static void start() {
    List<String> ids = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      ids.add(id(round));
    }
    ids.add(IDLE);
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults(TOKEN, REPO).withLimits(SimLimits.unlimited()),
            // writes as fast as the simulator takes them: the race is the subject, not the pacing
            ConfigFactory.parseString(
                "roadmap-sync.github.pacing { write-spacing = 0s, writes-per-minute = 10000,"
                    + " writes-per-hour = 100000 }"),
            Map.of(
                "GITHUB_WEBHOOK_SECRET",
                SECRET,
                "ROADMAP_GITHUB_PR_BASE_BRANCH",
                "develop",
                "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES",
                "0.02",
                "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES",
                "60"),
            ids.toArray(String[]::new));
    live.github
        .control()
        .setWebhook(
            Optional.of(SimSettings.WebhookTarget.reliable(live.api + "/webhooks/github", SECRET)));
  }

  @AfterAll
  static void stop() {
    live.close();
    testKit.shutdownTestKit();
  }

  @Test
  void aPullRequestMergedWithinTwoSecondsOfOpeningClosesItsIssueTwentyTimesInARow() {
    for (int round = 1; round <= ROUNDS; round++) {
      live.github.control().pushCommit("alice", REPO, branch(round));
      live.setFrontMatter(id(round), "git_branches", "[" + branch(round) + "]");
      live.setFrontMatter(id(round), "status", "in-progress");
    }
    var merger = new Merger();
    try {
      merger.start();
      for (int round = 1; round <= ROUNDS; round++) {
        live.publish(id(round));
      }
      testKit
          .createTestProbe()
          .awaitAssert(
              Duration.ofSeconds(40),
              () -> {
                assertThat(merger.failures).isEmpty();
                List<String> notClosed = new ArrayList<>();
                for (int round = 1; round <= ROUNDS; round++) {
                  if (!live.fileText(id(round)).contains("status: closed")) {
                    notClosed.add(id(round));
                  }
                }
                assertThat(notClosed).as("roadmap issues not closed").isEmpty();
                return null;
              });
    } finally {
      merger.stop();
    }
    assertEquals(ROUNDS, merger.merged.get(), "every pull request was merged by someone else");
    assertEquals(0, serviceMerges(), "the service merged nothing");
    assertThat(live.getJson("/api/approvals")).isEmpty();
    live.eventually(
        () -> {
          for (int round = 1; round <= ROUNDS; round++) {
            assertThat(live.historyNotes(id(round)))
                .as(id(round))
                .filteredOn(n -> n.contains("merged on GitHub by someone else"))
                .hasSize(1);
          }
        });
  }

  @Test
  void aWebhookForAPullRequestThatIsNotOursIsAnswered202AndWritesNothing() {
    ObjectNode payload = LiveService.JSON.createObjectNode().put("action", "closed");
    payload.put("number", 4242);
    payload
        .putObject("pull_request")
        .put("number", 4242)
        .put("node_id", "PR_not_ours")
        .put("state", "closed")
        .put("merged", true)
        .put("draft", false)
        .put("title", "Not ours");
    payload.putObject("repository").put("id", 1).put("name", "race").put("full_name", REPO);
    payload.putObject("sender").put("login", "mallory").put("id", 3);
    byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);

    LiveService.Answer answer = deliver("pull_request", "not-ours-4242", body);
    assertEquals(202, answer.status(), answer.body());
    // decided before the answer: nothing is left to happen afterwards
    assertEquals("ignored", answer.json().path("status").asText(), answer.body());
    assertThat(answer.json().path("detail").asText()).contains("#4242");
    for (JsonNode row : live.getJson("/api/pulls")) {
      assertThat(row.path("number").asLong()).isNotEqualTo(4242);
      assertThat(row.path("history").toString()).doesNotContain("#4242");
    }

    LiveService.Answer again = deliver("pull_request", "not-ours-4242", body);
    assertEquals(200, again.status(), again.body());
    assertEquals("duplicate", again.json().path("status").asText());
  }

  @Test
  void anIdlePollOfAnOpenPullRequestIsAnswered304AndSpendsNoQuota() {
    live.github.control().pushCommit("alice", REPO, "feature/idle");
    live.setFrontMatter(IDLE, "git_branches", "[feature/idle]");
    live.setFrontMatter(IDLE, "status", "in-progress");
    live.publish(IDLE);
    live.eventually(() -> assertEquals("draft", pullRow(IDLE).path("state").asText()));

    // A window of two polls of the pull requests in which nothing changed: both answered 304, no
    // quota spent. Waited for, since the first polls after the pull request opened see it change.
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(30),
            () -> {
              JsonNode before = stats();
              long idlePolls = pullListings(before, 304);
              live.eventually(
                  () ->
                      assertThat(pullListings(stats(), 304)).isGreaterThanOrEqualTo(idlePolls + 2));
              JsonNode after = stats();
              assertEquals(
                  before.path("quota_spent").asLong(),
                  after.path("quota_spent").asLong(),
                  "idle polls of the pull requests spend no quota");
              assertEquals(pullListings(before, 200), pullListings(after, 200));
              return null;
            });
  }

  // ---- helpers

  /**
   * Watches GitHub for the service's new pull requests and has "bob" mark each ready and merge it
   * after a delay that grows with the round, from 0 (round 1) to 2 s (the last round).
   */
  private static final class Merger {
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger merged = new AtomicInteger();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final Map<Integer, Boolean> seen = new ConcurrentHashMap<>();
    private int nextNumber = 1;

    void start() {
      executor.scheduleWithFixedDelay(this::lookForNewPulls, 0, 20, TimeUnit.MILLISECONDS);
    }

    void stop() {
      executor.shutdownNow();
    }

    /** Issue numbers are dense: read every new one until the first that does not exist yet. */
    private void lookForNewPulls() {
      try {
        while (true) {
          JsonNode issue;
          try {
            issue = live.github.control().issue(REPO, nextNumber);
          } catch (RuntimeException notYet) {
            return;
          }
          int number = nextNumber++;
          if (!issue.has("pull_request") || seen.putIfAbsent(number, true) != null) {
            continue;
          }
          String head = live.github.control().pull(REPO, number).at("/head/ref").asText();
          if (head.startsWith(RACE_BRANCH)) {
            int round = Integer.parseInt(head.substring(RACE_BRANCH.length()));
            long delay = LONGEST_DELAY.toMillis() * (round - 1) / (ROUNDS - 1);
            executor.schedule(() -> mergeAsSomeoneElse(number), delay, TimeUnit.MILLISECONDS);
          }
        }
      } catch (Throwable t) {
        failures.add(t);
      }
    }

    private void mergeAsSomeoneElse(int number) {
      try {
        String nodeId = live.github.control().pull(REPO, number).path("node_id").asText();
        ObjectNode ready =
            LiveService.JSON
                .createObjectNode()
                .put(
                    "query",
                    "mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId:"
                        + " $id}) { pullRequest { isDraft } } }");
        ready.putObject("variables").put("id", nodeId);
        LiveService.Answer answer = live.githubPost("/graphql", ready.toString());
        assertEquals(200, answer.status(), answer.body());
        live.github.control().mergePullAs("bob", REPO, number, "merge");
        merged.incrementAndGet();
      } catch (Throwable t) {
        failures.add(t);
      }
    }
  }

  private static LiveService.Answer deliver(String event, String delivery, byte[] body) {
    return live.call(
        HttpRequest.POST(live.api + "/webhooks/github")
            .addHeader(RawHeader.create("X-GitHub-Event", event))
            .addHeader(RawHeader.create("X-GitHub-Delivery", delivery))
            .addHeader(
                RawHeader.create(
                    "X-Hub-Signature-256", WebhookSignatureVerifier.sign(SECRET, body)))
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)));
  }

  private static JsonNode pullRow(String issueId) {
    for (JsonNode row : live.getJson("/api/pulls")) {
      if (row.path("issueId").asText().equals(issueId)) {
        return row;
      }
    }
    throw new AssertionError("no pull request row for " + issueId);
  }

  private static JsonNode stats() {
    return live.github.control().stats();
  }

  /** Listings of the repository's pull requests answered with {@code status}. */
  private static long pullListings(JsonNode stats, int status) {
    return stats.path("requests").path("GET /repos/{o}/{r}/pulls " + status).asLong(0);
  }

  private static int serviceMerges() {
    return stats().path("requests").path("PUT /repos/{o}/{r}/pulls/{n}/merge 200").asInt(0);
  }
}
