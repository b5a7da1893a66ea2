package org.roadmapsync.github;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorSystem;
import org.roadmapsync.config.RepoRef;

/**
 * The GitHub REST client the engine uses. Every method returns a {@link CompletionStage}; a failure
 * is a {@link GitHubException} whose {@link GitHubError} says what went wrong and whether to retry
 * ({@code GitHubError.of(throwable)}).
 *
 * <pre>{@code
 * GitHubClient client = new GitHubClient(system, GitHubClientSettings.of(apiUrl, token), governorListener);
 * client.listIssuesSince(repo, since, lastEtag)      // all pages; listing.notModified() on a free 304
 * client.updateIssue(repo, 42, IssuePatch.empty().withTitle("New title"))
 * client.milestoneNumber(repo, "v1.0", true)          // title -> number, created when missing, cached
 * client.listRecentHookDeliveries(repo, hookId, Duration.ofDays(3))  // what a webhook delivered lately
 * }</pre>
 *
 * Every operation is built as a {@link GitHubRequest} and sent through one {@link GitHubTransport},
 * so a governor can wrap the transport ({@link #withTransport}) to meter each call; rate-limit
 * headers of every response go to the {@link RateLimitListener}. Conditional GETs use an ETag cache
 * keyed by token fingerprint and URL. Thread-safe; create one per token and share it.
 *
 * <p>Over 400 lines: one short method per GitHub endpoint the service uses, on purpose in one place
 * (request building, decoding and errors are shared: {@link GitHubRequest}, {@link GitHubJson},
 * {@link ResponseClassifier}).
 */
public final class GitHubClient {

  private final GitHubTransport transport;
  private final MilestoneDirectory milestones;

  /** A client on Pekko HTTP's pooled connections, reporting rate limits to {@code listener}. */
  public GitHubClient(
      ActorSystem<?> system, GitHubClientSettings settings, RateLimitListener listener) {
    this(
        new PekkoHttpTransport(
            system, settings, listener, new EtagCache(settings.etagCacheEntries())));
  }

  /** A client on any transport (a governed one, or a test double). */
  public GitHubClient(GitHubTransport transport) {
    this.transport = transport;
    this.milestones = new MilestoneDirectory(this);
  }

  /**
   * A client whose calls go through {@code wrap(current transport)}, e.g. a rate-limit governor.
   * The ETag cache lives in the wrapped transport and is shared; the milestone cache starts empty.
   */
  public GitHubClient withTransport(UnaryOperator<GitHubTransport> wrap) {
    return new GitHubClient(wrap.apply(transport));
  }

  /**
   * The seam: sends one request. Completes with 2xx or 304 (served from the ETag cache), fails with
   * a {@link GitHubException}.
   */
  public CompletionStage<GitHubResponse> execute(GitHubRequest request) {
    try {
      return transport.execute(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  // ---- account and repository

  /** {@code GET /user} with the token's scopes from {@code X-OAuth-Scopes}. */
  public CompletionStage<AuthenticatedUser> user() {
    return execute(GitHubRequest.get("/user"))
        .thenApply(
            r ->
                new AuthenticatedUser(
                    decode(r, User.class), OAuthScopes.parse(r.headers().get("x-oauth-scopes"))));
  }

  /**
   * {@code GET /rate_limit}; costs no quota. Its answer also says whether the token is accepted (a
   * wrong or revoked one is a 401 here as anywhere) and, in {@code X-OAuth-Scopes}, the token's
   * scopes: all that a health check needs without spending a request.
   */
  public CompletionStage<RateLimits> rateLimit() {
    return execute(GitHubRequest.get("/rate_limit"))
        .thenApply(
            r -> {
              JsonNode resources = decode(r, JsonNode.class).path("resources");
              Map<String, RateLimitSnapshot> snapshots = new HashMap<>();
              resources
                  .fields()
                  .forEachRemaining(
                      e ->
                          snapshots.put(
                              e.getKey(),
                              new RateLimitSnapshot(
                                  e.getValue().path("limit").asLong(),
                                  e.getValue().path("remaining").asLong(),
                                  e.getValue().path("used").asLong(),
                                  RateLimitHeaders.resetInstant(
                                      e.getValue().path("reset").asLong()),
                                  e.getKey())));
              return new RateLimits(
                  snapshots, OAuthScopes.parse(r.headers().get("x-oauth-scopes")));
            });
  }

  /**
   * {@code POST /app/installations/{id}/access_tokens}: a GitHub App trades its JWT (this client's
   * credentials must be an {@link AppJwt}) for an installation token.
   */
  public CompletionStage<InstallationToken> createInstallationToken(long installationId) {
    return execute(
            GitHubRequest.write(
                GitHubRequest.Method.POST,
                "/app/installations/" + installationId + "/access_tokens",
                null))
        .thenApply(r -> decode(r, InstallationToken.class));
  }

  /** {@code GET /repos/{o}/{r}/installation}: the App's installation on that repository (JWT). */
  public CompletionStage<Installation> repositoryInstallation(RepoRef repo) {
    return execute(GitHubRequest.get(repo.path() + "/installation"))
        .thenApply(r -> decode(r, Installation.class));
  }

  public CompletionStage<Repository> repository(RepoRef repo) {
    return execute(GitHubRequest.get(repo.path())).thenApply(r -> decode(r, Repository.class));
  }

  /** {@code GET /repos/{o}/{r}/assignees/{login}}: true on 204, false on 404. */
  public CompletionStage<Boolean> isAssignable(RepoRef repo, String login) {
    return execute(GitHubRequest.get(repo.path() + "/assignees/" + segment(login)))
        .thenApply(r -> true)
        .exceptionallyCompose(
            failure ->
                GitHubError.of(failure).filter(e -> e instanceof GitHubError.NotFound).isPresent()
                    ? CompletableFuture.completedFuture(false)
                    : CompletableFuture.failedFuture(failure));
  }

  // ---- issues

  /**
   * Incremental listing: issues and pull requests (see {@link Issue#isPullRequest()}) updated at or
   * after {@code since} (null: all), every state, oldest update first, all pages. The first page is
   * a conditional request with {@code etag} (or the cached one): when nothing changed it costs no
   * quota and the listing says {@code notModified}.
   */
  public CompletionStage<Listing<Issue>> listIssuesSince(
      RepoRef repo, Instant since, Optional<String> etag) {
    return listIssues(repo, IssueQuery.incremental(since), etag);
  }

  public CompletionStage<Listing<Issue>> listIssues(
      RepoRef repo, IssueQuery query, Optional<String> etag) {
    return paginate(
        GitHubRequest.conditionalGet(repo.path() + "/issues" + query.toQueryString(), etag),
        new TypeReference<List<Issue>>() {});
  }

  /**
   * A conditional GET of one issue: free when unchanged. 301 (transferred), 404 and 410 (deleted)
   * are typed errors.
   */
  public CompletionStage<Fetched<Issue>> getIssue(RepoRef repo, long number) {
    return execute(
            GitHubRequest.conditionalGet(repo.path() + "/issues/" + number, Optional.empty()))
        .thenApply(r -> new Fetched<>(decode(r, Issue.class), r.notModified(), r.etag()));
  }

  public CompletionStage<Issue> createIssue(RepoRef repo, NewIssue issue) {
    return execute(GitHubRequest.create(repo.path() + "/issues", issue.toJson()))
        .thenApply(r -> decode(r, Issue.class));
  }

  public CompletionStage<Issue> updateIssue(RepoRef repo, long number, IssuePatch patch) {
    return execute(
            GitHubRequest.write(
                GitHubRequest.Method.PATCH, repo.path() + "/issues/" + number, patch.toJson()))
        .thenApply(r -> decode(r, Issue.class));
  }

  /** Adds labels to an issue (creating unknown labels), answering the issue's labels afterwards. */
  public CompletionStage<List<Label>> addLabels(RepoRef repo, long number, List<String> labels) {
    var body = GitHubJson.MAPPER.createObjectNode();
    labels.forEach(body.putArray("labels")::add);
    return execute(
            GitHubRequest.write(
                GitHubRequest.Method.POST, repo.path() + "/issues/" + number + "/labels", body))
        .thenApply(r -> decode(r, new TypeReference<List<Label>>() {}));
  }

  public CompletionStage<Void> lockIssue(RepoRef repo, long number) {
    return execute(
            GitHubRequest.write(
                GitHubRequest.Method.PUT, repo.path() + "/issues/" + number + "/lock", null))
        .thenApply(r -> null);
  }

  public CompletionStage<Void> unlockIssue(RepoRef repo, long number) {
    return execute(
            GitHubRequest.write(
                GitHubRequest.Method.DELETE, repo.path() + "/issues/" + number + "/lock", null))
        .thenApply(r -> null);
  }

  // ---- issue types and dependencies

  /**
   * The organisation's issue types ({@code GET /orgs/{org}/issue-types}); empty when {@code owner}
   * has none to give: GitHub answers 404 for a user account, or an organisation whose types the
   * token may not read.
   */
  public CompletionStage<Optional<List<OrgIssueType>>> issueTypes(String owner) {
    return execute(GitHubRequest.get("/orgs/" + segment(owner) + "/issue-types"))
        .thenApply(r -> Optional.of(decode(r, new TypeReference<List<OrgIssueType>>() {})))
        .exceptionallyCompose(
            failure ->
                GitHubError.of(failure).filter(e -> e instanceof GitHubError.NotFound).isPresent()
                    ? CompletableFuture.completedFuture(Optional.empty())
                    : CompletableFuture.failedFuture(failure));
  }

  /** The issues blocking issue {@code number} (every page; the first one conditional). */
  public CompletionStage<List<Issue>> blockedBy(RepoRef repo, long number) {
    return dependencies(repo, number, "blocked_by");
  }

  /** The issues issue {@code number} blocks (every page; the first one conditional). */
  public CompletionStage<List<Issue>> blocking(RepoRef repo, long number) {
    return dependencies(repo, number, "blocking");
  }

  /**
   * Marks issue {@code number} as blocked by the issue whose database id ({@code Issue.id()}, not
   * its number) is {@code blockingIssueId}; answers the blocking issue.
   */
  public CompletionStage<Issue> addBlockedBy(RepoRef repo, long number, long blockingIssueId) {
    return execute(
            GitHubRequest.create(
                repo.path() + "/issues/" + number + "/dependencies/blocked_by",
                GitHubJson.MAPPER.createObjectNode().put("issue_id", blockingIssueId)))
        .thenApply(r -> decode(r, Issue.class));
  }

  /** Removes "issue {@code number} is blocked by the issue with database id {@code issueId}". */
  public CompletionStage<Void> removeBlockedBy(RepoRef repo, long number, long blockingIssueId) {
    return execute(
            GitHubRequest.write(
                GitHubRequest.Method.DELETE,
                repo.path() + "/issues/" + number + "/dependencies/blocked_by/" + blockingIssueId,
                null))
        .thenApply(r -> null);
  }

  private CompletionStage<List<Issue>> dependencies(RepoRef repo, long number, String side) {
    return paginate(
            GitHubRequest.conditionalGet(
                repo.path() + "/issues/" + number + "/dependencies/" + side + "?per_page=100",
                Optional.empty()),
            new TypeReference<List<Issue>>() {})
        .thenApply(Listing::items);
  }

  // ---- labels and milestones

  public CompletionStage<List<Label>> listLabels(RepoRef repo) {
    return paginate(
            GitHubRequest.get(repo.path() + "/labels?per_page=100"),
            new TypeReference<List<Label>>() {})
        .thenApply(Listing::items);
  }

  /**
   * Creates a label; {@code color} is six hex digits without {@code #}; {@code description} may be
   * null.
   */
  public CompletionStage<Label> createLabel(
      RepoRef repo, String name, String color, String description) {
    var body = GitHubJson.MAPPER.createObjectNode().put("name", name).put("color", color);
    if (description != null) {
      body.put("description", description);
    }
    return execute(GitHubRequest.create(repo.path() + "/labels", body))
        .thenApply(r -> decode(r, Label.class));
  }

  /** Every milestone, open and closed. */
  public CompletionStage<List<Milestone>> listMilestones(RepoRef repo) {
    return paginate(
            GitHubRequest.get(repo.path() + "/milestones?state=all&per_page=100"),
            new TypeReference<List<Milestone>>() {})
        .thenApply(Listing::items);
  }

  public CompletionStage<Milestone> createMilestone(
      RepoRef repo, String title, String description) {
    var body = GitHubJson.MAPPER.createObjectNode().put("title", title);
    if (description != null) {
      body.put("description", description);
    }
    return execute(GitHubRequest.create(repo.path() + "/milestones", body))
        .thenApply(r -> decode(r, Milestone.class));
  }

  /**
   * The number of the milestone titled {@code title}, from a per-repository cache filled by listing
   * all milestones; when it is missing and {@code createIfMissing}, it is created (once, even when
   * asked twice).
   */
  public CompletionStage<Optional<Long>> milestoneNumber(
      RepoRef repo, String title, boolean createIfMissing) {
    return milestones.number(repo, title, createIfMissing);
  }

  /**
   * Drops the cached milestone titles of {@code repo}, e.g. after a {@code milestone} webhook
   * (edited, deleted).
   */
  public void forgetMilestones(RepoRef repo) {
    milestones.forget(repo);
  }

  // ---- comments

  /** Every comment of one issue or pull request; the first page is a conditional GET. */
  public CompletionStage<List<Comment>> listComments(RepoRef repo, long issueNumber) {
    return paginate(
            GitHubRequest.conditionalGet(
                repo.path() + "/issues/" + issueNumber + "/comments?per_page=100",
                Optional.empty()),
            new TypeReference<List<Comment>>() {})
        .thenApply(Listing::items);
  }

  /**
   * The comments of every issue and pull request of the repository updated since {@code since}
   * (null: all), oldest change first, every page; the first page conditional on {@code etag} (or
   * the client's cache), so an unchanged repository answers 304 and costs nothing.
   */
  public CompletionStage<Listing<Comment>> listRepositoryComments(
      RepoRef repo, Instant since, Optional<String> etag) {
    String query =
        "/issues/comments?sort=updated&direction=asc&per_page=100"
            + (since == null ? "" : "&since=" + since.truncatedTo(ChronoUnit.SECONDS));
    return paginate(
        GitHubRequest.conditionalGet(repo.path() + query, etag),
        new TypeReference<List<Comment>>() {});
  }

  public CompletionStage<Void> deleteComment(RepoRef repo, long commentId) {
    return execute(
            GitHubRequest.write(
                GitHubRequest.Method.DELETE, repo.path() + "/issues/comments/" + commentId, null))
        .thenApply(r -> null);
  }

  public CompletionStage<Comment> createComment(RepoRef repo, long issueNumber, String body) {
    return execute(
            GitHubRequest.create(
                repo.path() + "/issues/" + issueNumber + "/comments",
                GitHubJson.MAPPER.createObjectNode().put("body", body)))
        .thenApply(r -> decode(r, Comment.class));
  }

  public CompletionStage<Comment> updateComment(RepoRef repo, long commentId, String body) {
    return execute(
            GitHubRequest.write(
                GitHubRequest.Method.PATCH,
                repo.path() + "/issues/comments/" + commentId,
                GitHubJson.MAPPER.createObjectNode().put("body", body)))
        .thenApply(r -> decode(r, Comment.class));
  }

  // ---- pull requests

  public CompletionStage<PullRequest> createPullRequest(RepoRef repo, NewPullRequest pull) {
    return execute(GitHubRequest.create(repo.path() + "/pulls", pull.toJson()))
        .thenApply(r -> decode(r, PullRequest.class));
  }

  /** A conditional GET: reading a pull request that did not change since the last read is free. */
  public CompletionStage<PullRequest> getPullRequest(RepoRef repo, long number) {
    return execute(GitHubRequest.conditionalGet(repo.path() + "/pulls/" + number, Optional.empty()))
        .thenApply(r -> decode(r, PullRequest.class));
  }

  /**
   * The repository's pull requests of every state, most recently updated first, 100 a page, read
   * page after page until {@code enough} holds for those read so far or the list ends. Every page
   * is a conditional request. A pull request moves to the top of this order when it changes, so a
   * 304 (free of quota) on the first page means none changed since the last listing, and a 304 on a
   * later page that none after it did: the listing ends at the first 304, whose items come from the
   * ETag cache. GitHub's pulls list has no {@code since}: {@code enough} is how a caller stops at
   * what it saw before.
   */
  public CompletionStage<Listing<PullRequest>> listPullRequestsByUpdate(
      RepoRef repo, Predicate<List<PullRequest>> enough) {
    GitHubRequest first =
        GitHubRequest.conditionalGet(
            repo.path() + "/pulls?state=all&sort=updated&direction=desc&per_page=100",
            Optional.empty());
    return new Pagination<PullRequest>(
            this::execute,
            first,
            GitHubJson.MAPPER
                .getTypeFactory()
                .constructType(new TypeReference<List<PullRequest>>() {}),
            (page, items) -> page.notModified() || enough.test(items))
        .run();
  }

  public CompletionStage<PullRequest> updatePullRequest(
      RepoRef repo, long number, PullRequestPatch patch) {
    return execute(
            GitHubRequest.write(
                GitHubRequest.Method.PATCH, repo.path() + "/pulls/" + number, patch.toJson()))
        .thenApply(r -> decode(r, PullRequest.class));
  }

  /**
   * Merges; {@code mergeMethod} is {@code merge}, {@code squash} or {@code rebase}. 405 (not
   * mergeable) is {@link GitHubError.Rejected}.
   */
  public CompletionStage<MergeResult> mergePullRequest(
      RepoRef repo, long number, String commitTitle, String mergeMethod) {
    var body = GitHubJson.MAPPER.createObjectNode();
    if (commitTitle != null) {
      body.put("commit_title", commitTitle);
    }
    if (mergeMethod != null) {
      body.put("merge_method", mergeMethod);
    }
    return execute(
            GitHubRequest.write(
                GitHubRequest.Method.PUT, repo.path() + "/pulls/" + number + "/merge", body))
        .thenApply(r -> decode(r, MergeResult.class));
  }

  /** {@code GET /repos/{o}/{r}/branches/{branch}}: true on 200, false on 404. */
  public CompletionStage<Boolean> branchExists(RepoRef repo, String branch) {
    return execute(GitHubRequest.get(repo.path() + "/branches/" + segment(branch)))
        .thenApply(r -> true)
        .exceptionallyCompose(
            failure ->
                GitHubError.of(failure).filter(e -> e instanceof GitHubError.NotFound).isPresent()
                    ? CompletableFuture.completedFuture(false)
                    : CompletableFuture.failedFuture(failure));
  }

  /**
   * Marks a draft pull request ready for review. REST cannot; GitHub's GraphQL mutation {@code
   * markPullRequestReadyForReview} can (one mutation, {@code POST /graphql}). GraphQL answers its
   * errors with 200 and an {@code errors} list: those become {@link GitHubError.Rejected}.
   */
  public CompletionStage<Void> markReadyForReview(PullRequest pull) {
    return markReadyForReview(pull.nodeId());
  }

  /** As {@link #markReadyForReview(PullRequest)}, by the pull request's GraphQL {@code node_id}. */
  public CompletionStage<Void> markReadyForReview(String nodeId) {
    var body =
        GitHubJson.MAPPER
            .createObjectNode()
            .put(
                "query",
                "mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id})"
                    + " { pullRequest { isDraft } } }");
    body.putObject("variables").put("id", nodeId);
    return execute(GitHubRequest.write(GitHubRequest.Method.POST, "/graphql", body))
        .thenApply(
            r -> {
              var answer = decode(r, JsonNode.class);
              if (answer.path("errors").size() > 0) {
                throw new GitHubException(
                    new GitHubError.Rejected(
                        r.status(),
                        "GraphQL: "
                            + answer.path("errors").get(0).path("message").asText("error")));
              }
              return null;
            });
  }

  /** Pull requests of any state whose head is {@code owner:branch}. */
  public CompletionStage<List<PullRequest>> listPullRequestsByHead(
      RepoRef repo, String ownerAndBranch) {
    return paginate(
            GitHubRequest.get(
                repo.path()
                    + "/pulls?state=all&per_page=100&head="
                    + URLEncoder.encode(ownerAndBranch, StandardCharsets.UTF_8)),
            new TypeReference<List<PullRequest>>() {})
        .thenApply(Listing::items);
  }

  // ---- repository webhooks

  /**
   * {@code GET /repos/{o}/{r}/hooks}, conditional. GitHub shows them only to a token that may
   * manage them ({@code read:repo_hook}, {@code admin:repo_hook} or {@code repo}, and admin rights
   * on the repository): otherwise {@link GitHubError.NotFound} (or a 403).
   */
  public CompletionStage<List<Hook>> listHooks(RepoRef repo) {
    return paginate(
            GitHubRequest.conditionalGet(repo.path() + "/hooks?per_page=100", Optional.empty()),
            new TypeReference<List<Hook>>() {})
        .thenApply(Listing::items);
  }

  /**
   * The hook's deliveries of the last {@code window} by GitHub's clock (the first answer's {@code
   * Date}; ours without one), newest first. Pages ({@code per_page=100}, a cursor in {@code Link:
   * rel="next"}) are followed only while they are within the window, each conditional: an unchanged
   * listing costs no quota.
   */
  public CompletionStage<RecentDeliveries> listRecentHookDeliveries(
      RepoRef repo, long hookId, Duration window) {
    AtomicReference<Instant> asOf = new AtomicReference<>();
    GitHubTransport dated =
        request ->
            execute(request)
                .thenApply(
                    response -> {
                      asOf.compareAndSet(null, response.date().orElseGet(Instant::now));
                      return response;
                    });
    Predicate<HookDelivery> recent = d -> d.deliveredAt().isAfter(asOf.get().minus(window));
    return new Pagination<HookDelivery>(
            dated,
            GitHubRequest.conditionalGet(
                repo.path() + "/hooks/" + hookId + "/deliveries?per_page=100", Optional.empty()),
            GitHubJson.MAPPER
                .getTypeFactory()
                .constructType(new TypeReference<List<HookDelivery>>() {}),
            // newest first: the walk ends at the first page that reaches past the window
            (page, soFar) -> soFar.isEmpty() || !recent.test(soFar.get(soFar.size() - 1)))
        .run()
        .thenApply(
            listing ->
                new RecentDeliveries(
                    listing.items().stream().filter(recent).toList(),
                    asOf.get(),
                    listing.notModified(),
                    listing.pages()));
  }

  /**
   * {@code POST …/hooks/{id}/deliveries/{delivery_id}/attempts}: GitHub sends the delivery again
   * (same payload and guid) and answers 202 before it does; only for the last 3 days.
   */
  public CompletionStage<Void> redeliverHookDelivery(RepoRef repo, long hookId, long deliveryId) {
    return execute(
            GitHubRequest.write(
                GitHubRequest.Method.POST,
                repo.path() + "/hooks/" + hookId + "/deliveries/" + deliveryId + "/attempts",
                null))
        .thenApply(r -> null);
  }

  // ---- pagination and decoding

  /**
   * Follows {@code Link: rel="next"} from {@code first} to the last page, each page conditional
   * when {@code first} is. A loop, a malformed header or a link to another host is a {@link
   * GitHubError.BrokenLink}.
   */
  public <T> CompletionStage<Listing<T>> paginate(
      GitHubRequest first, TypeReference<List<T>> pageType) {
    return new Pagination<T>(
            this::execute, first, GitHubJson.MAPPER.getTypeFactory().constructType(pageType))
        .run();
  }

  /**
   * Reads a response body as {@code type}; unusable bodies fail with {@link
   * GitHubError.MalformedResponse}.
   */
  public static <T> T decode(GitHubResponse response, Class<T> type) {
    return decode(response, GitHubJson.MAPPER.getTypeFactory().constructType(type));
  }

  public static <T> T decode(GitHubResponse response, TypeReference<T> type) {
    return decode(response, GitHubJson.MAPPER.getTypeFactory().constructType(type));
  }

  static <T> T decode(GitHubResponse response, JavaType type) {
    String contentType = response.headers().getOrDefault("content-type", "");
    if (contentType.toLowerCase(Locale.ROOT).contains("html")) {
      throw malformed(response, "HTML where JSON was expected (a proxy's page?)");
    }
    if (response.body().length == 0) {
      throw malformed(response, "empty body where JSON was expected");
    }
    try {
      T value = GitHubJson.MAPPER.readValue(response.body(), type);
      if (value == null) {
        throw malformed(response, "JSON null where a value was expected");
      }
      return value;
    } catch (IOException e) {
      String detail =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().lines().findFirst().orElse("");
      throw malformed(response, "invalid JSON for " + type.getTypeName() + ": " + detail);
    }
  }

  private static GitHubException malformed(GitHubResponse response, String detail) {
    return new GitHubException(new GitHubError.MalformedResponse(response.status(), detail));
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
