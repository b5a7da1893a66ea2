package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.RepoRef;

/**
 * The client against real GitHub bytes: recorded scenarios replayed over HTTP by {@link
 * ReplayServer}.
 */
class RecordedScenariosTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "recorded-scenarios",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
  private static final String TOKEN = "0000000000000000000000000000000000000001";
  private static final RepoRef ORG = new RepoRef("octokit-fixture-org", "placeholder");

  private final List<RateLimitSnapshot> snapshots = new CopyOnWriteArrayList<>();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private GitHubClient clientFor(ReplayServer server) {
    return new GitHubClient(
        testKit.system(), GitHubClientSettings.of(server.baseUrl(), TOKEN), snapshots::add);
  }

  private static RepoRef repo(String scenario) {
    return new RepoRef(ORG.owner(), scenario);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static void assertAllServed(ReplayServer server) {
    assertEquals(List.of(), server.mismatches());
    assertEquals(server.recorded(), server.served());
  }

  @Test
  void paginateIssuesFollowsLinkHeadersAcrossFivePages() throws Exception {
    try (ReplayServer server = new ReplayServer(testKit.system(), "paginate-issues")) {
      Listing<Issue> listing =
          await(
              clientFor(server)
                  .listIssues(
                      repo("paginate-issues"),
                      new IssueQuery(null, null, null, null, 3),
                      Optional.empty()));
      assertAllServed(server);
      assertEquals(5, listing.pages());
      assertEquals(13, listing.items().size());
      assertEquals(
          List.of(13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L),
          listing.items().stream().map(Issue::number).toList());
      assertFalse(listing.notModified());
      assertEquals(Optional.of("\"00000000000000000000000000000000\""), listing.etag());
      Issue first = listing.items().get(0);
      assertEquals("Test issue 13", first.title());
      assertEquals(IssueState.OPEN, first.state());
      assertEquals(Instant.parse("2017-10-10T16:00:00Z"), first.updatedAt());
      assertEquals("octokit-fixture-user-a", first.user().login());
      assertFalse(first.isPullRequest());
      assertEquals(5, snapshots.size());
      assertEquals(
          new RateLimitSnapshot(5000, 4999, 1, Instant.parse("2017-10-10T16:00:00Z"), "core"),
          snapshots.get(0));
      Map<String, String> sent = server.requestHeaders().get(0);
      assertEquals("application/vnd.github+json", sent.get("accept"));
      assertEquals("2022-11-28", sent.get("x-github-api-version"));
      assertTrue(sent.get("user-agent").startsWith("roadmap-sync/"), sent.get("user-agent"));
      assertEquals("Bearer " + TOKEN, sent.get("authorization"));
    }
  }

  @Test
  void addLabelsToIssueKeepsTheCaseOfLabelNames() throws Exception {
    try (ReplayServer server = new ReplayServer(testKit.system(), "add-labels-to-issue")) {
      GitHubClient client = clientFor(server);
      Issue created =
          await(
              client.createIssue(
                  repo("add-labels-to-issue"), NewIssue.titled("Issue without a label")));
      assertEquals(1, created.number());
      assertEquals(List.of(), created.labels());
      List<Label> labels =
          await(client.addLabels(repo("add-labels-to-issue"), 1, List.of("Foo", "bAr", "baZ")));
      assertEquals(List.of("Foo", "bAr", "baZ"), labels.stream().map(Label::name).toList());
      assertEquals("ededed", labels.get(0).color());
      assertAllServed(server);
    }
  }

  @Test
  void labelsListCreateGetRenameDelete() throws Exception {
    try (ReplayServer server = new ReplayServer(testKit.system(), "labels")) {
      GitHubClient client = clientFor(server);
      RepoRef repo = repo("labels");
      List<Label> labels = await(client.listLabels(repo));
      assertTrue(labels.stream().anyMatch(l -> l.name().equals("bug") && l.isDefault()));
      Label created = await(client.createLabel(repo, "test-label", "663399", null));
      assertEquals(new Label(1009, "test-label", "663399", null, false), created);
      // operations the client has no method for go through the same seam
      GitHubResponse got =
          await(client.execute(GitHubRequest.get(repo.path() + "/labels/test-label")));
      assertEquals("test-label", GitHubClient.decode(got, Label.class).name());
      GitHubResponse renamed =
          await(
              client.execute(
                  GitHubRequest.write(
                      GitHubRequest.Method.PATCH,
                      repo.path() + "/labels/test-label",
                      GitHubJson.MAPPER
                          .createObjectNode()
                          .put("new_name", "test-label-updated")
                          .put("color", "BADA55"))));
      assertEquals("test-label-updated", GitHubClient.decode(renamed, Label.class).name());
      GitHubResponse deleted =
          await(
              client.execute(
                  GitHubRequest.write(
                      GitHubRequest.Method.DELETE,
                      repo.path() + "/labels/test-label-updated",
                      null)));
      assertEquals(204, deleted.status());
      assertAllServed(server);
    }
  }

  @Test
  void validationErrorCarriesTheFieldErrors() throws Exception {
    try (ReplayServer server = new ReplayServer(testKit.system(), "errors")) {
      ExecutionException failure =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class,
              () -> await(clientFor(server).createLabel(repo("errors"), "foo", "invalid", null)));
      GitHubError.Validation v =
          assertInstanceOf(GitHubError.Validation.class, GitHubError.of(failure).orElseThrow());
      assertEquals("Validation Failed", v.message());
      assertEquals(
          List.of(new GitHubError.FieldError("Label", "color", "invalid", null)), v.errors());
      assertFalse(v.retryable());
      assertEquals(
          1, snapshots.size(), "an error response's rate-limit headers reach the listener too");
      assertAllServed(server);
    }
  }

  @Test
  void lockAndUnlockAnswerEmpty204s() throws Exception {
    try (ReplayServer server = new ReplayServer(testKit.system(), "lock-issue")) {
      GitHubClient client = clientFor(server);
      await(client.lockIssue(repo("lock-issue"), 1));
      await(client.unlockIssue(repo("lock-issue"), 1));
      assertAllServed(server);
      assertEquals(2, snapshots.size());
    }
  }

  @Test
  void getRepository() throws Exception {
    try (ReplayServer server = new ReplayServer(testKit.system(), "get-repository")) {
      Repository repository =
          await(clientFor(server).repository(new RepoRef("octokit-fixture-org", "hello-world")));
      assertEquals("octokit-fixture-org/hello-world", repository.fullName());
      assertEquals("master", repository.defaultBranch());
      assertAllServed(server);
    }
  }
}
