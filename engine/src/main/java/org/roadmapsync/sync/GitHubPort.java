package org.roadmapsync.sync;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Everything an issue entity asks of GitHub. Failed stages carry a {@link
 * org.roadmapsync.github.GitHubException}. The rate-limit governor and operation queue sit behind
 * this interface.
 */
public interface GitHubPort {

  /**
   * This port for work that {@code trigger} started, so that whatever queues the calls can serve
   * people before background work. Ports without priorities answer themselves.
   */
  default GitHubPort forTrigger(Trigger trigger) {
    return this;
  }

  /**
   * Why sync may not reach GitHub at all (no token configured, the service is read-only); empty
   * when it may. Rounds do not start while it may not: nothing is written to either side.
   */
  default Optional<String> unavailable() {
    return Optional.empty();
  }

  /** A port for a service that may not sync: every call fails with {@code reason}. */
  static GitHubPort refusing(String reason) {
    return new GitHubPort() {
      @Override
      public Optional<String> unavailable() {
        return Optional.of(reason);
      }

      @Override
      public CompletionStage<RemoteSnapshot> fetch(IssueLink link) {
        return refused();
      }

      @Override
      public CompletionStage<RemoteSnapshot> push(
          IssueLink link, String roadmapId, IssueFields target, Set<SyncField> fields) {
        return refused();
      }

      @Override
      public CompletionStage<RemoteSnapshot> create(
          String repo, String roadmapId, IssueFields fields) {
        return refused();
      }

      @Override
      public CompletionStage<Optional<RemoteSnapshot>> findPublished(
          String repo, String roadmapId, Instant since) {
        return refused();
      }

      @Override
      public CompletionStage<List<RemoteComment>> comments(IssueLink link) {
        return refused();
      }

      @Override
      public CompletionStage<RemoteComment> postComment(IssueLink link, String body) {
        return refused();
      }

      @Override
      public CompletionStage<RemoteComment> editComment(String repo, long id, String body) {
        return refused();
      }

      @Override
      public CompletionStage<Void> deleteComment(String repo, long id) {
        return refused();
      }

      private <T> CompletionStage<T> refused() {
        return CompletableFuture.failedFuture(new IllegalStateException(reason));
      }
    };
  }

  /** The issue as GitHub has it now; a conditional GET, free when nothing changed. */
  CompletionStage<RemoteSnapshot> fetch(IssueLink link);

  /** Writes the listed fields of {@code target}; answers the issue as GitHub then has it. */
  CompletionStage<RemoteSnapshot> push(
      IssueLink link, String roadmapId, IssueFields target, Set<SyncField> fields);

  /** Creates the issue, marked with the roadmap id so that it can be found again. */
  CompletionStage<RemoteSnapshot> create(String repo, String roadmapId, IssueFields fields);

  /** An issue carrying the roadmap id's marker, created or updated since {@code since}. */
  CompletionStage<Optional<RemoteSnapshot>> findPublished(
      String repo, String roadmapId, Instant since);

  /** Every comment of the issue (every page; the first one conditional). */
  CompletionStage<List<RemoteComment>> comments(IssueLink link);

  /** Posts a comment on the issue; answers it as GitHub made it. */
  CompletionStage<RemoteComment> postComment(IssueLink link, String body);

  CompletionStage<RemoteComment> editComment(String repo, long id, String body);

  /** Deletes the comment; one GitHub no longer has counts as deleted. */
  CompletionStage<Void> deleteComment(String repo, long id);
}
