package org.roadmapsync.gateway;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.Issue;
import org.roadmapsync.sync.BodyMarker;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.GitHubPort;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.SyncField;

/**
 * Runs each operation of the issue entities once through a (governed) REST client. The {@link
 * OperationQueue} decides when and how often; this class only knows how.
 */
public final class ClientGitHubPort implements GitHubPort {

  private final GitHubClient client;
  private final FieldMapping mapping;
  private final Runnable succeeded;

  public ClientGitHubPort(GitHubClient client, FieldMapping mapping) {
    this(client, mapping, () -> {});
  }

  /**
   * @param succeeded told after every fetch, push or create that worked (GitHub health's last
   *     successful sync)
   */
  public ClientGitHubPort(GitHubClient client, FieldMapping mapping, Runnable succeeded) {
    this.client = client;
    this.mapping = mapping;
    this.succeeded = succeeded;
  }

  @Override
  public CompletionStage<RemoteSnapshot> fetch(IssueLink link) {
    return reported(
        client
            .getIssue(RepoRef.parse(link.repo()), link.number())
            .thenApply(f -> snapshot(link.repo(), f.value())));
  }

  @Override
  public CompletionStage<RemoteSnapshot> push(
      IssueLink link, String roadmapId, IssueFields target, Set<SyncField> fields) {
    RepoRef repo = RepoRef.parse(link.repo());
    return reported(
        milestoneNumber(repo, target, fields.contains(SyncField.MILESTONE))
            .thenCompose(
                milestone ->
                    client.updateIssue(
                        repo, link.number(), mapping.toPatch(roadmapId, target, fields, milestone)))
            .thenApply(issue -> snapshot(link.repo(), issue)));
  }

  @Override
  public CompletionStage<RemoteSnapshot> create(String repo, String roadmapId, IssueFields fields) {
    RepoRef ref = RepoRef.parse(repo);
    return reported(
        milestoneNumber(ref, fields, true)
            .thenCompose(
                milestone ->
                    client.createIssue(ref, mapping.toNewIssue(roadmapId, fields, milestone)))
            .thenApply(issue -> snapshot(repo, issue)));
  }

  @Override
  public CompletionStage<Optional<RemoteSnapshot>> findPublished(
      String repo, String roadmapId, Instant since) {
    return client
        .listIssuesSince(RepoRef.parse(repo), since, Optional.empty())
        .thenApply(
            listing ->
                listing.items().stream()
                    .filter(issue -> !issue.isPullRequest())
                    .filter(
                        issue ->
                            BodyMarker.markedId(issue.body()).filter(roadmapId::equals).isPresent())
                    .findFirst()
                    .map(issue -> snapshot(repo, issue)));
  }

  private <T> CompletionStage<T> reported(CompletionStage<T> stage) {
    return stage.whenComplete(
        (value, error) -> {
          if (error == null) {
            succeeded.run();
          }
        });
  }

  /** GitHub wants a milestone's number; missing milestones are created. */
  private CompletionStage<Long> milestoneNumber(RepoRef repo, IssueFields fields, boolean needed) {
    if (!needed || fields.milestone() == null) {
      return CompletableFuture.completedFuture(null);
    }
    return client.milestoneNumber(repo, fields.milestone(), true).thenApply(n -> n.orElse(null));
  }

  private RemoteSnapshot snapshot(String repo, Issue issue) {
    return new RemoteSnapshot(
        new IssueLink(repo, issue.number()), mapping.fromGitHub(issue), issue.updatedAt());
  }
}
