package org.roadmapsync.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubException;

/** A GitHub for entity unit tests: issues as IssueFields, counted calls, injectable failures. */
final class InMemoryGitHub implements GitHubPort {

  final Map<IssueLink, RemoteSnapshot> issues = new HashMap<>();
  final Map<IssueLink, String> markers = new HashMap<>();
  final AtomicInteger fetches = new AtomicInteger();
  final AtomicInteger pushes = new AtomicInteger();
  final AtomicInteger creates = new AtomicInteger();
  final AtomicInteger finds = new AtomicInteger();
  volatile GitHubError failNext;
  volatile GitHubError failNextPush;

  /** The next push never answers: an answer lost on its way back. */
  volatile boolean loseNextPush;

  /** Pushes complete only when this completes: a write still under way. */
  volatile CompletableFuture<Void> pushGate = CompletableFuture.completedFuture(null);

  private final Clock clock;
  private long nextNumber = 1;

  InMemoryGitHub(Clock clock) {
    this.clock = clock;
  }

  synchronized RemoteSnapshot put(IssueLink link, IssueFields fields) {
    RemoteSnapshot snapshot = new RemoteSnapshot(link, fields, clock.instant());
    issues.put(link, snapshot);
    nextNumber = Math.max(nextNumber, link.number() + 1);
    return snapshot;
  }

  private <T> Optional<CompletionStage<T>> failure() {
    GitHubError error = failNext;
    if (error == null) {
      return Optional.empty();
    }
    failNext = null;
    return Optional.of(CompletableFuture.failedFuture(new GitHubException(error)));
  }

  @Override
  public synchronized CompletionStage<RemoteSnapshot> fetch(IssueLink link) {
    fetches.incrementAndGet();
    return this.<RemoteSnapshot>failure()
        .orElseGet(
            () -> {
              RemoteSnapshot s = issues.get(link);
              return s == null
                  ? CompletableFuture.failedFuture(
                      new GitHubException(new GitHubError.NotFound("Not Found")))
                  : CompletableFuture.completedFuture(s);
            });
  }

  @Override
  public synchronized CompletionStage<RemoteSnapshot> push(
      IssueLink link, String roadmapId, IssueFields target, Set<SyncField> fields) {
    pushes.incrementAndGet();
    if (loseNextPush) {
      loseNextPush = false;
      return new CompletableFuture<>();
    }
    GitHubError pushError = failNextPush;
    if (pushError != null) {
      failNextPush = null;
      return CompletableFuture.failedFuture(new GitHubException(pushError));
    }
    return this.<RemoteSnapshot>failure()
        .orElseGet(
            () ->
                pushGate.thenApply(
                    open -> {
                      synchronized (this) {
                        IssueFields now = issues.get(link).fields();
                        for (SyncField f : fields) {
                          now = now.with(f, target.value(f));
                        }
                        return put(link, now);
                      }
                    }));
  }

  @Override
  public synchronized CompletionStage<RemoteSnapshot> create(
      String repo, String roadmapId, IssueFields fields) {
    creates.incrementAndGet();
    return this.<RemoteSnapshot>failure()
        .orElseGet(
            () -> {
              IssueLink link = new IssueLink(repo, nextNumber++);
              markers.put(link, roadmapId);
              return CompletableFuture.completedFuture(put(link, fields));
            });
  }

  @Override
  public synchronized CompletionStage<Optional<RemoteSnapshot>> findPublished(
      String repo, String roadmapId, Instant since) {
    finds.incrementAndGet();
    Optional<CompletionStage<Optional<RemoteSnapshot>>> failed = failure();
    if (failed.isPresent()) {
      return failed.get();
    }
    return CompletableFuture.completedFuture(
        markers.entrySet().stream()
            .filter(e -> e.getValue().equals(roadmapId) && e.getKey().repo().equals(repo))
            .map(e -> issues.get(e.getKey()))
            .filter(s -> !s.updatedAt().isBefore(since))
            .findFirst());
  }

  final Map<Long, RemoteComment> comments = new java.util.LinkedHashMap<>();
  final AtomicInteger commentReads = new AtomicInteger();
  final AtomicInteger commentWrites = new AtomicInteger();
  private long nextComment = 1000;

  /** Someone comments on GitHub. */
  synchronized RemoteComment comment(String author, String body) {
    Instant now = clock.instant();
    RemoteComment c =
        new RemoteComment(
            nextComment,
            author,
            body,
            now,
            now,
            "https://github.com/c#issuecomment-" + nextComment);
    nextComment++;
    comments.put(c.id(), c);
    return c;
  }

  @Override
  public synchronized CompletionStage<List<RemoteComment>> comments(IssueLink link) {
    commentReads.incrementAndGet();
    return this.<List<RemoteComment>>failure()
        .orElseGet(() -> CompletableFuture.completedFuture(List.copyOf(comments.values())));
  }

  /**
   * The next post of a comment fails with this (after GitHub made it, when {@link #madeAnyway}).
   */
  volatile GitHubError failNextPost;

  volatile boolean madeAnyway;

  @Override
  public synchronized CompletionStage<RemoteComment> postComment(IssueLink link, String body) {
    commentWrites.incrementAndGet();
    GitHubError postError = failNextPost;
    if (postError != null) {
      failNextPost = null;
      if (madeAnyway) {
        comment("sync", body);
      }
      return CompletableFuture.failedFuture(new GitHubException(postError));
    }
    return this.<RemoteComment>failure()
        .orElseGet(() -> CompletableFuture.completedFuture(comment("sync", body)));
  }

  @Override
  public synchronized CompletionStage<RemoteComment> editComment(
      String repo, long id, String body) {
    commentWrites.incrementAndGet();
    return this.<RemoteComment>failure()
        .orElseGet(
            () -> {
              RemoteComment was = comments.get(id);
              RemoteComment now =
                  new RemoteComment(
                      id, was.author(), body, was.createdAt(), clock.instant(), was.url());
              comments.put(id, now);
              return CompletableFuture.completedFuture(now);
            });
  }

  @Override
  public synchronized CompletionStage<Void> deleteComment(String repo, long id) {
    commentWrites.incrementAndGet();
    return this.<Void>failure()
        .orElseGet(
            () -> {
              comments.remove(id);
              return CompletableFuture.completedFuture(null);
            });
  }

  List<Integer> counts() {
    return List.of(fetches.get(), pushes.get(), creates.get());
  }
}
