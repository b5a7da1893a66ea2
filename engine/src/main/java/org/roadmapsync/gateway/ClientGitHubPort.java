package org.roadmapsync.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.OrgIssueType;
import org.roadmapsync.sync.BodyMarker;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.GitHubPort;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.RemoteComment;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.RepoIssueTypes;
import org.roadmapsync.sync.SyncField;
import org.roadmapsync.sync.UnknownIssueType;

/**
 * Runs each operation of the issue entities once through a (governed) REST client. The {@link
 * OperationQueue} decides when and how often; this class only knows how.
 */
public final class ClientGitHubPort implements GitHubPort {

  private final GitHubClient client;
  private final FieldMapping mapping;
  private final Runnable succeeded;
  private final IssueTypeCatalog issueTypes;

  public ClientGitHubPort(GitHubClient client, FieldMapping mapping) {
    this(client, mapping, () -> {});
  }

  /**
   * @param succeeded told after every fetch, push or create that worked (GitHub health's last
   *     successful sync)
   */
  public ClientGitHubPort(GitHubClient client, FieldMapping mapping, Runnable succeeded) {
    this(client, mapping, succeeded, new IssueTypeCatalog());
  }

  /**
   * @param issueTypes shared by the ports of every priority, so an owner's types are read once
   */
  public ClientGitHubPort(
      GitHubClient client, FieldMapping mapping, Runnable succeeded, IssueTypeCatalog issueTypes) {
    this.client = client;
    this.mapping = mapping;
    this.succeeded = succeeded;
    this.issueTypes = issueTypes;
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
        issueTypes(repo)
            .thenCompose(
                types ->
                    milestoneNumber(repo, target, fields.contains(SyncField.MILESTONE))
                        .thenCompose(
                            milestone ->
                                client.updateIssue(
                                    repo,
                                    link.number(),
                                    forgettingOnUnknownType(
                                        repo,
                                        () ->
                                            mapping.toPatch(
                                                roadmapId,
                                                target,
                                                fields,
                                                milestone,
                                                List.of(),
                                                types,
                                                link.repo())))))
            .thenApply(issue -> snapshot(link.repo(), issue)));
  }

  @Override
  public CompletionStage<RemoteSnapshot> create(String repo, String roadmapId, IssueFields fields) {
    RepoRef ref = RepoRef.parse(repo);
    return reported(
        issueTypes(ref)
            .thenCompose(
                types ->
                    milestoneNumber(ref, fields, true)
                        .thenCompose(
                            milestone ->
                                client.createIssue(
                                    ref,
                                    forgettingOnUnknownType(
                                        ref,
                                        () ->
                                            mapping.toNewIssue(
                                                roadmapId, fields, milestone, types, repo)))))
            .thenApply(issue -> snapshot(repo, issue)));
  }

  /**
   * The issue types of the repository's owner, read once. A 403 counts as none, like GitHub's 404:
   * a token that may not read them keeps the label mapping rather than stopping every write.
   */
  private CompletionStage<RepoIssueTypes> issueTypes(RepoRef repo) {
    return issueTypes.of(
        repo,
        () ->
            client
                .issueTypes(repo.owner())
                .thenApply(
                    found ->
                        found
                            .map(
                                all ->
                                    new RepoIssueTypes(
                                        all.stream()
                                            .filter(OrgIssueType::usable)
                                            .map(OrgIssueType::name)
                                            .toList()))
                            .orElse(RepoIssueTypes.NONE))
                .exceptionallyCompose(
                    error ->
                        GitHubError.of(error)
                                .filter(e -> e instanceof GitHubError.Forbidden)
                                .isPresent()
                            ? CompletableFuture.completedFuture(RepoIssueTypes.NONE)
                            : CompletableFuture.failedFuture(error)));
  }

  /** The owner may have gained the type since its types were read: they are read again next. */
  private <T> T forgettingOnUnknownType(RepoRef repo, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (UnknownIssueType e) {
      issueTypes.forget(repo);
      throw e;
    }
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

  @Override
  public CompletionStage<List<RemoteComment>> comments(IssueLink link) {
    return reported(
        client
            .listComments(RepoRef.parse(link.repo()), link.number())
            .thenApply(all -> all.stream().map(RemoteComment::from).toList()));
  }

  @Override
  public CompletionStage<RemoteComment> postComment(IssueLink link, String body) {
    return reported(
        client
            .createComment(RepoRef.parse(link.repo()), link.number(), body)
            .thenApply(RemoteComment::from));
  }

  @Override
  public CompletionStage<RemoteComment> editComment(String repo, long id, String body) {
    return reported(
        client.updateComment(RepoRef.parse(repo), id, body).thenApply(RemoteComment::from));
  }

  @Override
  public CompletionStage<Void> deleteComment(String repo, long id) {
    return reported(
        client
            .deleteComment(RepoRef.parse(repo), id)
            .exceptionallyCompose(
                error ->
                    GitHubError.of(error)
                            .filter(
                                e ->
                                    e instanceof GitHubError.NotFound
                                        || e instanceof GitHubError.Gone)
                            .isPresent()
                        ? CompletableFuture.<Void>completedFuture(null)
                        : CompletableFuture.<Void>failedFuture(error)));
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
    return mapping.snapshot(repo, issue);
  }
}
