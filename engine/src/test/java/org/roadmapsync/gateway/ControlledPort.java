package org.roadmapsync.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.roadmapsync.sync.GitHubPort;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.RemoteComment;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.SyncField;

/** A port whose every call waits until the test answers it; the queue's unit tests drive it. */
final class ControlledPort implements GitHubPort {

  record Call(
      String what,
      IssueLink link,
      IssueFields target,
      Set<SyncField> fields,
      CompletableFuture<Object> answer) {
    void succeed() {
      answer.complete(snapshot(link, target));
    }

    void fail(Throwable error) {
      answer.completeExceptionally(error);
    }
  }

  final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();

  /** Calls to throw from instead of answering (a crash inside the queue). */
  final AtomicInteger throwing = new AtomicInteger();

  static IssueFields fields(String title) {
    return new IssueFields(title, "body", List.of(), null, null, "todo", null, null);
  }

  static RemoteSnapshot snapshot(IssueLink link, IssueFields fields) {
    return new RemoteSnapshot(
        link, fields == null ? fields("fetched") : fields, Instant.parse("2026-01-01T00:00:00Z"));
  }

  Call next() throws InterruptedException {
    Call call = calls.poll(10, TimeUnit.SECONDS);
    if (call == null) throw new AssertionError("no call to the port within 10 s");
    return call;
  }

  Optional<Call> nextWithin(Duration wait) throws InterruptedException {
    return Optional.ofNullable(calls.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
  }

  @SuppressWarnings("unchecked")
  private <T> CompletionStage<T> call(
      String what, IssueLink link, IssueFields target, Set<SyncField> fields) {
    if (throwing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("port exploded");
    }
    CompletableFuture<Object> answer = new CompletableFuture<>();
    calls.add(new Call(what, link, target, fields, answer));
    return answer.thenApply(v -> (T) v);
  }

  public CompletionStage<RemoteSnapshot> fetch(IssueLink link) {
    return call("fetch", link, null, Set.of());
  }

  public CompletionStage<RemoteSnapshot> push(
      IssueLink link, String roadmapId, IssueFields target, Set<SyncField> fields) {
    return call("push", link, target, fields);
  }

  public CompletionStage<RemoteSnapshot> create(String repo, String roadmapId, IssueFields fields) {
    return call("create", new IssueLink(repo, 0), fields, Set.of());
  }

  public CompletionStage<Optional<RemoteSnapshot>> findPublished(
      String repo, String roadmapId, Instant since) {
    return call("find", new IssueLink(repo, 0), null, Set.of());
  }

  public CompletionStage<List<RemoteComment>> comments(IssueLink link) {
    return call("comments", link, null, Set.of());
  }

  public CompletionStage<RemoteComment> postComment(IssueLink link, String body) {
    return call("post comment", link, null, Set.of());
  }

  public CompletionStage<RemoteComment> editComment(String repo, long id, String body) {
    return call("edit comment", new IssueLink(repo, 0), null, Set.of());
  }

  public CompletionStage<Void> deleteComment(String repo, long id) {
    return call("delete comment", new IssueLink(repo, 0), null, Set.of());
  }
}
