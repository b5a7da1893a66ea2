package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookEventsTest {

  private static final Set<String> TYPED =
      Set.of("issues", "issue_comment", "pull_request", "label", "milestone", "ping");

  /**
   * Every payload file of a typed event, from MANIFEST.json (so a new file cannot be forgotten).
   */
  static Stream<String> typedPayloads() throws Exception {
    JsonNode manifest =
        GitHubJson.MAPPER.readTree(Fixtures.bytes("github-fixtures/webhooks/MANIFEST.json"));
    return StreamSupport.stream(manifest.spliterator(), false)
        .filter(entry -> TYPED.contains(entry.path("event").asText()))
        .map(entry -> entry.path("file").asText());
  }

  @Test
  void theManifestListsTheExpectedNumberOfTypedPayloads() throws Exception {
    assertEquals(29 + 9 + 29 + 6 + 5 + 4, typedPayloads().count());
  }

  @ParameterizedTest
  @MethodSource("typedPayloads")
  void everyPayloadParsesIntoItsType(String file) {
    String event = file.substring(0, file.indexOf('.'));
    WebhookEvent parsed =
        WebhookEvents.parse(event, Fixtures.bytes("github-fixtures/webhooks/" + file));
    assertEquals(event, parsed.event());
    assertNotNull(parsed.sender(), file);
    if (parsed instanceof WebhookEvent.IssuesEvent e) {
      assertTrue(e.issue().number() > 0, file);
      assertEquals(file.split("\\.")[1], e.action());
      assertNotNull(e.issue().updatedAt(), file);
    } else if (parsed instanceof WebhookEvent.IssueCommentEvent e) {
      assertTrue(e.comment().id() > 0 && e.issue().number() > 0, file);
      assertNotNull(e.comment().body());
    } else if (parsed instanceof WebhookEvent.PullRequestEvent e) {
      assertTrue(e.number() > 0 && e.pullRequest().head() != null, file);
      assertEquals(e.number(), e.pullRequest().number());
    } else if (parsed instanceof WebhookEvent.LabelEvent e) {
      assertNotNull(e.label().name(), file);
    } else if (parsed instanceof WebhookEvent.MilestoneEvent e) {
      assertTrue(e.milestone().number() > 0, file);
    } else if (parsed instanceof WebhookEvent.PingEvent e) {
      assertTrue(e.hookId() > 0 && !e.zen().isEmpty(), file);
    } else {
      throw new AssertionError("typed event parsed as other: " + file);
    }
  }

  @Test
  void dependencyEventsNameBothEndsAndTheirRepositories() {
    String blockedBy =
        "{\"action\":\"blocked_by_added\",\"blocked_issue_id\":11,\"blocking_issue_id\":22,"
            + "\"blocked_issue\":{\"id\":11,\"number\":1,\"type\":{\"id\":5,\"name\":\"Bug\"},"
            + "\"issue_dependencies_summary\":{\"blocked_by\":1,\"blocking\":0,"
            + "\"total_blocked_by\":1,\"total_blocking\":0}},"
            + "\"blocking_issue\":{\"id\":22,\"number\":7},"
            + "\"blocking_issue_repo\":{\"full_name\":\"o/other\"},"
            + "\"repository\":{\"full_name\":\"o/r\"},\"sender\":{\"login\":\"u\"}}";
    WebhookEvent.IssueDependenciesEvent e =
        (WebhookEvent.IssueDependenciesEvent)
            WebhookEvents.parse("issue_dependencies", blockedBy.getBytes(StandardCharsets.UTF_8));
    assertTrue(e.added());
    assertEquals(22L, e.blockingIssueId());
    assertEquals(7, e.blockingIssue().number());
    assertEquals("o/r", e.blockedRepository().fullName());
    assertEquals("o/other", e.blockingRepository().fullName());
    assertEquals("Bug", e.blockedIssue().type().name());
    assertEquals(1, e.blockedIssue().issueDependenciesSummary().blockedBy());

    String blocking =
        blockedBy
            .replace("blocked_by_added", "blocking_removed")
            .replace("blocking_issue_repo", "blocked_issue_repo");
    WebhookEvent.IssueDependenciesEvent seenFromTheOtherEnd =
        (WebhookEvent.IssueDependenciesEvent)
            WebhookEvents.parse("issue_dependencies", blocking.getBytes(StandardCharsets.UTF_8));
    assertFalse(seenFromTheOtherEnd.added());
    assertEquals("o/other", seenFromTheOtherEnd.blockedRepository().fullName());
    assertEquals("o/r", seenFromTheOtherEnd.blockingRepository().fullName());

    assertThrows(
        WebhookEvents.WebhookPayloadException.class,
        () ->
            WebhookEvents.parse(
                "issue_dependencies",
                "{\"action\":\"blocked_by_added\",\"blocked_issue\":{\"number\":1}}"
                    .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void transferredIssueNamesItsNewHome() {
    WebhookEvent.IssuesEvent e =
        (WebhookEvent.IssuesEvent)
            WebhookEvents.parse(
                "issues", Fixtures.bytes("github-fixtures/webhooks/issues.transferred.json"));
    assertEquals("transferred", e.action());
    assertTrue(e.newIssue().orElseThrow().number() > 0);
    assertNotNull(e.newRepository().orElseThrow().fullName());
  }

  @Test
  void deletedIssueAndLabelChangesAreKept() {
    WebhookEvent.IssuesEvent deleted =
        (WebhookEvent.IssuesEvent)
            WebhookEvents.parse(
                "issues", Fixtures.bytes("github-fixtures/webhooks/issues.deleted.json"));
    assertEquals("deleted", deleted.action());
    WebhookEvent.LabelEvent edited =
        (WebhookEvent.LabelEvent)
            WebhookEvents.parse(
                "label", Fixtures.bytes("github-fixtures/webhooks/label.edited.json"));
    assertTrue(edited.changes().has("color"));
  }

  @Test
  void pullRequestsInIssueEventsAreToldApart() {
    WebhookEvent.IssueCommentEvent onIssue =
        (WebhookEvent.IssueCommentEvent)
            WebhookEvents.parse(
                "issue_comment",
                Fixtures.bytes("github-fixtures/webhooks/issue_comment.created.json"));
    assertFalse(onIssue.issue().isPullRequest());
  }

  @Test
  void otherEventsAreAcknowledgedUntyped() {
    WebhookEvent e =
        WebhookEvents.parse(
            "installation", Fixtures.bytes("github-fixtures/webhooks/installation.created.json"));
    assertInstanceOf(WebhookEvent.OtherEvent.class, e);
    assertEquals("created", e.action());
  }

  @Test
  void unusablePayloadsAreTypedErrorsThatSayWhy() {
    assertEquals("body is not valid JSON", refusal("issues", "{\"action\":"));
    assertEquals("body is not a JSON object", refusal("issues", "[1,2]"));
    assertEquals("body is not a JSON object", refusal("issues", ""));
    assertEquals(
        "'issues' event without an 'issue' object", refusal("issues", "{\"action\":\"opened\"}"));
    assertTrue(
        refusal("issues", "{\"action\":\"opened\",\"issue\":{\"number\":\"x\"}}")
            .startsWith("field 'issue' is not valid"));
    assertTrue(
        refusal("issues", "{\"action\":\"opened\",\"issue\":\"text\"}")
            .startsWith("field 'issue' is not valid"));
    assertEquals("missing X-GitHub-Event header", refusal(null, "{}"));
  }

  private static String refusal(String event, String body) {
    return assertThrows(
            WebhookEvents.WebhookPayloadException.class,
            () -> WebhookEvents.parse(event, body.getBytes(StandardCharsets.UTF_8)))
        .getMessage();
  }
}
