package org.roadmapsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubException;
import org.roadmapsync.persistence.JournalFlush;
import org.roadmapsync.sync.GitHubPort;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.SyncField;
import org.roadmapsync.sync.Trigger;

class OperationQueueTest {

  private static final ActorTestKit kit =
      ActorTestKit.create(
          "operation-queue",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
  private static final RetryPolicy FAST_RETRY =
      new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), 3);
  private static final IssueLink ONE = new IssueLink("o/r", 1);
  private static final IssueLink TWO = new IssueLink("o/r", 2);

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private final ControlledPort port = new ControlledPort();
  private JournalFlush flush = JournalFlush.NONE;

  private GitHubPort queued(int reads, int writes) {
    ActorRef<OperationQueue.Command> queue =
        kit.spawn(
            OperationQueue.create(
                p -> new Operation.Ports(port, null),
                new OperationQueue.Settings(reads, writes, FAST_RETRY, flush)));
    queues.add(queue);
    return new QueuedGitHubPort(queue, Priority.INTERACTIVE);
  }

  private final List<ActorRef<OperationQueue.Command>> queues = new java.util.ArrayList<>();

  private OperationQueue.State state() {
    TestProbe<OperationQueue.State> probe = kit.createTestProbe();
    queues.get(0).tell(new OperationQueue.GetState(probe.ref()));
    return probe.receiveMessage();
  }

  private static <T> T join(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void pendingPushesOfOneIssueCoalesceIntoOnePatchOfTheLatestTarget() throws Exception {
    GitHubPort github = queued(1, 1);
    var first = github.push(ONE, "a", ControlledPort.fields("v1"), Set.of(SyncField.TITLE));
    ControlledPort.Call running = port.next();
    // While v1 is on its way, two more edits of the same issue wait: they become one PATCH.
    var second = github.push(ONE, "a", ControlledPort.fields("v2"), Set.of(SyncField.TITLE));
    var third = github.push(ONE, "a", ControlledPort.fields("v3"), Set.of(SyncField.STATUS));
    assertEquals(
        Optional.empty(), port.nextWithin(Duration.ofMillis(200)), "one PATCH per issue at a time");
    running.succeed();
    assertEquals("v1", join(first).fields().title());
    ControlledPort.Call merged = port.next();
    assertEquals("v3", merged.target().title());
    assertEquals(Set.of(SyncField.TITLE, SyncField.STATUS), merged.fields());
    merged.succeed();
    assertEquals("v3", join(second).fields().title());
    assertEquals("v3", join(third).fields().title());
    assertEquals(Optional.empty(), port.nextWithin(Duration.ofMillis(200)));
    assertEquals(1, state().coalesced());
  }

  @Test
  void identicalPendingOperationsRunOnce() throws Exception {
    GitHubPort github = queued(1, 1);
    var busy = github.fetch(TWO);
    ControlledPort.Call first = port.next();
    var a = github.fetch(ONE);
    var b = github.fetch(ONE);
    var c = github.forTrigger(Trigger.POLL).fetch(ONE);
    first.succeed();
    join(busy);
    ControlledPort.Call once = port.next();
    assertEquals(ONE, once.link());
    once.succeed();
    RemoteSnapshot answer = join(a);
    assertEquals(answer, join(b));
    assertEquals(answer, join(c));
    assertEquals(Optional.empty(), port.nextWithin(Duration.ofMillis(200)));
    assertEquals(2, state().deduplicated());
  }

  @Test
  void manualAndWebhookWorkGoesBeforeWatcherWorkBeforePolling() throws Exception {
    GitHubPort github = queued(1, 1);
    var blocker =
        github.push(
            new IssueLink("o/r", 9), "x", ControlledPort.fields("first"), Set.of(SyncField.TITLE));
    ControlledPort.Call running = port.next();
    github
        .forTrigger(Trigger.POLL)
        .push(new IssueLink("o/r", 3), "p", ControlledPort.fields("poll"), Set.of(SyncField.TITLE));
    github
        .forTrigger(Trigger.WATCH)
        .push(
            new IssueLink("o/r", 4), "w", ControlledPort.fields("watch"), Set.of(SyncField.TITLE));
    github
        .forTrigger(Trigger.WEBHOOK)
        .push(
            new IssueLink("o/r", 5),
            "h",
            ControlledPort.fields("webhook"),
            Set.of(SyncField.TITLE));
    github
        .forTrigger(Trigger.MANUAL)
        .push(
            new IssueLink("o/r", 6), "m", ControlledPort.fields("manual"), Set.of(SyncField.TITLE));
    state(); // all four are queued before the first write ends
    running.succeed();
    join(blocker);
    List<String> order = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ControlledPort.Call call = port.next();
      order.add(call.target().title());
      call.succeed();
    }
    assertEquals(List.of("webhook", "manual", "watch", "poll"), order);
  }

  @Test
  void retryableErrorsAreRetriedAndTheLastErrorFailsTheCaller() throws Exception {
    GitHubPort github = queued(1, 1);
    var recovered = github.fetch(ONE);
    port.next().fail(new GitHubException(new GitHubError.ServerError(502, "one")));
    port.next()
        .fail(new GitHubException(new GitHubError.Timeout("response", Duration.ofSeconds(1))));
    port.next().succeed();
    assertEquals(ONE, join(recovered).link());

    var exhausted = github.fetch(TWO);
    for (int i = 1; i <= 3; i++) {
      port.next().fail(new GitHubException(new GitHubError.ServerError(500 + i, "attempt " + i)));
    }
    CompletableFuture<RemoteSnapshot> f = exhausted.toCompletableFuture();
    var error =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    assertThat(GitHubError.of(error).orElseThrow().describe())
        .contains("503")
        .contains("attempt 3");
    assertEquals(Optional.empty(), port.nextWithin(Duration.ofMillis(100)));

    var refused = github.push(ONE, "a", ControlledPort.fields("x"), Set.of(SyncField.TITLE));
    port.next()
        .fail(new GitHubException(new GitHubError.Validation("Validation Failed", List.of())));
    var refusal =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> refused.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertTrue(GitHubError.of(refusal).orElseThrow() instanceof GitHubError.Validation);
    assertEquals(Optional.empty(), port.nextWithin(Duration.ofMillis(100)), "a 422 is not retried");
    OperationQueue.State s = state();
    assertEquals(4, s.retries());
    assertEquals(2, s.failed());
    assertEquals(0, s.pending());
  }

  @Test
  void aWriteThatAddsContentIsSentAgainOnlyWhenGitHubSurelyDidNotTakeIt() throws Exception {
    GitHubPort github = queued(1, 1);
    // a 502 after a post: the comment may exist, so the caller hears of it and looks first
    var maybeMade = github.postComment(ONE, "hello");
    port.next().fail(new GitHubException(new GitHubError.ServerError(502, "bad gateway")));
    var error =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> maybeMade.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertThat(GitHubError.describe(error)).contains("502");
    assertEquals(Optional.empty(), port.nextWithin(Duration.ofMillis(100)), "not posted again");

    // held by a secondary rate limit: GitHub did not take it, so it is sent again
    var held = github.postComment(ONE, "hello again");
    port.next()
        .fail(
            new GitHubException(
                new GitHubError.SecondaryRateLimited(
                    Optional.of(Duration.ofMillis(1)), "slow down")));
    ControlledPort.Call again = port.next();
    assertEquals("post comment", again.what());
    again.answer().complete(null);
    held.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aWriteThatAddsContentWaitsUntilTheJournalIsFlushedOtherWritesDoNot() throws Exception {
    var flushed = new CompletableFuture<Void>();
    var flushes = new java.util.concurrent.atomic.AtomicInteger();
    flush =
        () -> {
          flushes.incrementAndGet();
          return flushed;
        };
    GitHubPort github = queued(1, 2);
    var posted = github.postComment(ONE, "after the flush");
    assertEquals(Optional.empty(), port.nextWithin(Duration.ofMillis(200)), "not before the flush");
    github.push(ONE, "a", ControlledPort.fields("v1"), Set.of(SyncField.TITLE));
    assertEquals("push", port.next().what(), "an edit does not wait");
    flushed.complete(null);
    ControlledPort.Call post = port.next();
    assertEquals("post comment", post.what());
    post.answer().complete("made");
    assertEquals("made", posted.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertEquals(1, flushes.get());
  }

  @Test
  void theSameContentAskedForAgainWhileOrJustAfterItIsMadeIsMadeOnce() throws Exception {
    GitHubPort github = queued(1, 1);
    var first = github.postComment(ONE, "once");
    ControlledPort.Call running = port.next();
    // an entity that restarted asks again while the first post is under way: it joins it
    var again = github.postComment(ONE, "once");
    assertEquals(Optional.empty(), port.nextWithin(Duration.ofMillis(100)));
    running.answer().complete("made");
    assertEquals("made", first.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertEquals("made", again.toCompletableFuture().get(10, TimeUnit.SECONDS));
    // and just after: answered with what was made
    var late = github.postComment(ONE, "once");
    assertEquals("made", late.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertEquals(Optional.empty(), port.nextWithin(Duration.ofMillis(100)), "posted once");
    // another text is another comment
    github.postComment(ONE, "twice");
    assertEquals("post comment", port.next().what());
  }

  @Test
  void aCrashedQueueRestartsAndRunsWhatWasPending() throws Exception {
    GitHubPort github = queued(1, 1);
    port.throwing.set(1); // the first call blows up inside the queue actor
    var result =
        github.push(ONE, "a", ControlledPort.fields("after crash"), Set.of(SyncField.TITLE));
    ControlledPort.Call again = port.next();
    assertEquals("after crash", again.target().title());
    again.succeed();
    assertEquals("after crash", join(result).fields().title());
    // The restarted queue keeps serving.
    var later = github.create("o/r", "b", ControlledPort.fields("new"));
    port.next().succeed();
    assertEquals("new", join(later).fields().title());
    var found = github.findPublished("o/r", "b", Instant.EPOCH);
    ControlledPort.Call find = port.next();
    assertEquals("find", find.what());
    find.answer().complete(Optional.empty());
    assertEquals(Optional.empty(), join(found));
  }

  // ---- pull-request operations

  /** Pull requests whose merges answer what the test queues; everything else is unused here. */
  private static final class ScriptedPulls implements org.roadmapsync.pulls.PullRequestPort {
    final java.util.concurrent.BlockingQueue<CompletableFuture<org.roadmapsync.pulls.PullSnapshot>>
        merges = new java.util.concurrent.LinkedBlockingQueue<>();

    public CompletionStage<org.roadmapsync.pulls.PullSnapshot> merge(
        String repo, long number, String title, String method) {
      CompletableFuture<org.roadmapsync.pulls.PullSnapshot> answer = new CompletableFuture<>();
      merges.add(answer);
      return answer;
    }

    public CompletionStage<Boolean> branchExists(String repo, String branch) {
      throw new UnsupportedOperationException();
    }

    public CompletionStage<Optional<org.roadmapsync.pulls.PullSnapshot>> findOpen(
        String repo, String branch) {
      throw new UnsupportedOperationException();
    }

    public CompletionStage<org.roadmapsync.pulls.PullSnapshot> get(String repo, long number) {
      throw new UnsupportedOperationException();
    }

    public CompletionStage<org.roadmapsync.pulls.PullSnapshot> createDraft(
        String r, String b, String base, String t, String body) {
      throw new UnsupportedOperationException();
    }

    public CompletionStage<org.roadmapsync.pulls.PullSnapshot> edit(
        String repo, long number, String title, String body) {
      throw new UnsupportedOperationException();
    }

    public CompletionStage<org.roadmapsync.pulls.PullSnapshot> markReady(
        String repo, long number, String nodeId) {
      throw new UnsupportedOperationException();
    }

    public CompletionStage<org.apache.pekko.Done> comment(String repo, long number, String text) {
      throw new UnsupportedOperationException();
    }

    public CompletionStage<org.roadmapsync.pulls.PullSnapshot> close(String repo, long number) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void pullRequestOperationsRunOnThePullPortDeduplicatedAndRetriedOnlyWhenRetryable()
      throws Exception {
    ScriptedPulls pulls = new ScriptedPulls();
    ActorRef<OperationQueue.Command> queue =
        kit.spawn(
            OperationQueue.create(
                p -> new Operation.Ports(port, pulls), OperationQueue.Settings.of(FAST_RETRY)));
    queues.add(queue);
    var github = new QueuedPullRequestPort(queue, Priority.WATCH);
    var merged =
        new org.roadmapsync.pulls.PullSnapshot(5, "n", "u", "b", false, false, true, "t", "b");

    var first = github.merge("o/r", 5, "t (#5)", "squash");
    CompletableFuture<org.roadmapsync.pulls.PullSnapshot> running =
        pulls.merges.poll(10, TimeUnit.SECONDS);
    var same = github.merge("o/r", 5, "t (#5)", "squash");
    // a server error is retried after backoff; the waiting duplicate joins the retry
    running.completeExceptionally(
        new GitHubException(new GitHubError.ServerError(502, "bad gateway")));
    pulls.merges.poll(10, TimeUnit.SECONDS).complete(merged);
    assertEquals(merged, join(first));
    assertEquals(merged, join(same));
    assertEquals(
        Optional.empty(), Optional.ofNullable(pulls.merges.poll(200, TimeUnit.MILLISECONDS)));

    // 405 (not mergeable) fails at once, with GitHub's reason
    var refused = github.merge("o/r", 6, "u (#6)", "squash");
    pulls
        .merges
        .poll(10, TimeUnit.SECONDS)
        .completeExceptionally(
            new GitHubException(new GitHubError.Rejected(405, "Pull Request is not mergeable")));
    var failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class, () -> join(refused));
    assertThat(GitHubError.describe(failure)).contains("405").contains("not mergeable");
    assertEquals(
        Optional.empty(),
        Optional.ofNullable(pulls.merges.poll(200, TimeUnit.MILLISECONDS)),
        "not retried");
    assertEquals("merge pull o/r#6", new Operation.MergePull("o/r", 6, "u (#6)", "squash").key());
    assertTrue(new Operation.MergePull("o/r", 6, "u", "squash").write());
  }
}
