package org.roadmapsync.pulls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.testkit.javadsl.TestEntityRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.EmbeddedH2;
import org.roadmapsync.github.WebhookEvent;
import org.roadmapsync.github.WebhookEvents;
import org.roadmapsync.persistence.Database;

/**
 * Which lifecycle a webhook or a poll reaches: the index the lifecycles announce to first (a pull
 * request opened a moment ago is not in the read table yet), then the table; the lifecycles stand
 * in as probes.
 */
class PullServiceTest {

  private static final String REPO = "octo/routed";
  @TempDir static Path folder;
  static EmbeddedH2 h2;
  static ActorTestKit testKit;
  static Database database;

  private final PullRequestIndex index = new PullRequestIndex();
  private final Map<String, TestProbe<PullRequestLifecycle.Command>> lifecycles =
      new ConcurrentHashMap<>();
  private PullService service;

  @BeforeAll
  static void start() {
    h2 = EmbeddedH2.start("PullServiceTest", folder);
    testKit = h2.testKit();
    database = h2.database();
    row("table-open", 8, "open");
    row("table-draft", 10, "draft");
    row("table-merged", 11, "merged");
  }

  @AfterAll
  static void stop() {
    h2.close();
  }

  private static void row(String issueId, long number, String state) {
    database.write(
        connection -> {
          try (var insert =
              connection.prepareStatement(
                  "INSERT INTO pull_requests (issue_id, repo, pull_number, pull_state, state,"
                      + " updated_at) VALUES (?, ?, ?, ?, '{}', ?)")) {
            insert.setString(1, issueId);
            insert.setString(2, REPO);
            insert.setLong(3, number);
            insert.setString(4, state);
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            return insert.executeUpdate();
          }
        });
  }

  private PullService service() {
    if (service == null) {
      Executor blocking = testKit.system().dispatchers().lookup(DispatcherSelector.blocking());
      service =
          new PullService(
              testKit.system(),
              id ->
                  TestEntityRef.of(
                      PullRequestLifecycle.ENTITY_KEY,
                      id,
                      lifecycles.computeIfAbsent(id, i -> testKit.createTestProbe()).ref()),
              new PullRequestRows(database, new ObjectMapper(), blocking),
              index);
    }
    return service;
  }

  private static PullSnapshot open(long number) {
    return new PullSnapshot(
        number, "PR_" + number, "https://x/" + number, "feature", true, true, false, "T", "B");
  }

  private static WebhookEvent.PullRequestEvent closedEvent(long number) {
    ObjectNode payload = new ObjectMapper().createObjectNode().put("action", "closed");
    payload.put("number", number);
    payload
        .putObject("pull_request")
        .put("number", number)
        .put("node_id", "PR_" + number)
        .put("state", "closed")
        .put("merged", true)
        .put("draft", false)
        .put("title", "T");
    payload.putObject("repository").put("id", 1).put("name", "routed").put("full_name", REPO);
    return (WebhookEvent.PullRequestEvent)
        WebhookEvents.parse("pull_request", payload.toString().getBytes(StandardCharsets.UTF_8));
  }

  private boolean webhook(WebhookEvent.PullRequestEvent event) {
    return service().onWebhook(event).toCompletableFuture().join();
  }

  @Test
  void aPullRequestOnlyTheIndexKnowsReachesItsLifecycleWithWhatTheWebhookShowed() {
    index.announce("just-opened", REPO, open(7));
    assertTrue(webhook(closedEvent(7)));
    var changed =
        lifecycles.get("just-opened").expectMessageClass(PullRequestLifecycle.PullChanged.class);
    assertFalse(changed.seen().open());
    assertTrue(changed.seen().merged());
  }

  @Test
  void aPullRequestOnlyTheTableKnowsReachesItsLifecycle() {
    assertTrue(webhook(closedEvent(8)));
    lifecycles.get("table-open").expectMessageClass(PullRequestLifecycle.PullChanged.class);
  }

  @Test
  void aPullRequestNobodyKnowsReachesNoLifecycle() {
    assertFalse(webhook(closedEvent(9)));
    assertTrue(lifecycles.isEmpty(), "no lifecycle was even addressed");
    WebhookEvent.PullRequestEvent noRepository =
        new WebhookEvent.PullRequestEvent("closed", 8, null, null, null, null, null);
    assertFalse(webhook(noRepository));
    assertTrue(lifecycles.isEmpty());
  }

  @Test
  void theUnfinishedPullRequestsAreTheTablesCorrectedByTheIndex() {
    index.announce("just-opened", REPO, open(7));
    PullSnapshot open10 = open(10);
    index.announce(
        "table-draft",
        REPO,
        new PullSnapshot(10, open10.nodeId(), open10.url(), "f", false, false, true, "T", "B"));
    index.announce("elsewhere", "octo/other", open(12));
    assertEquals(
        Map.of(7L, "just-opened", 8L, "table-open"),
        service().unfinishedIn(REPO).toCompletableFuture().join());
  }

  @Test
  void aPollsNewsReachesTheLifecycleAskedFor() {
    var answer = service().changed("table-open", open(8)).toCompletableFuture();
    var changed =
        lifecycles.get("table-open").expectMessageClass(PullRequestLifecycle.PullChanged.class);
    assertEquals(open(8), changed.seen());
    changed.replyTo().tell(org.apache.pekko.pattern.StatusReply.ack());
    answer.join();
    var read = service().changed("table-open", null).toCompletableFuture();
    assertNull(
        lifecycles
            .get("table-open")
            .expectMessageClass(PullRequestLifecycle.PullChanged.class)
            .seen());
    read.cancel(true);
  }
}
