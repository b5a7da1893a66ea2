package org.roadmapsync.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * The control operations, for Java tests and for the {@code /_sim/} JSON API alike. Nothing here
 * spends quota or passes the limits; changes "by another user" still send their webhooks.
 */
public final class SimControl {
  private final SimSettings settings;
  private final SimStore store;
  private final SimClock clock;
  private final AtomicReference<SimLimits> limits;
  private final PrimaryLimiter primary;
  private final SecondaryLimiter secondary;
  private final FaultInjector faults;
  private final SimStats stats;
  private final SimHooks hooks;
  private final Optional<SimApp> app;

  SimControl(
      SimSettings settings,
      SimStore store,
      SimClock clock,
      AtomicReference<SimLimits> limits,
      PrimaryLimiter primary,
      SecondaryLimiter secondary,
      FaultInjector faults,
      SimStats stats,
      SimHooks hooks,
      Optional<SimApp> app) {
    this.settings = settings;
    this.app = app;
    this.store = store;
    this.clock = clock;
    this.limits = limits;
    this.primary = primary;
    this.secondary = secondary;
    this.faults = faults;
    this.stats = stats;
    this.hooks = hooks;
  }

  /**
   * Seeds one repository, creating it if needed, without webhooks or quota. Shape: {@code
   * {"repo":"o/r","labels":[{"name","color","description"}],"milestones":[{"title","state","due_on"}],
   * "issues":[{"title","body","state","labels":[..],"milestone":"title","assignees":[..],"user",
   * "created_at","updated_at","comments":[".."],"type":"Bug"}],"generate":{"count":5000,
   * "title_prefix":"Issue"},"issue_types":["Task","Bug","Feature"]}} ({@code issue_types}: the
   * owner's). Returns counts and the first and last issue numbers created.
   */
  public ObjectNode seed(JsonNode seed) {
    return store.apply(d -> ControlCommands.seed(d, seed, settings.login()));
  }

  public ObjectNode seed(String seedJson) {
    return seed(parse(seedJson));
  }

  /** Adds {@code count} plain open issues to {@code repo}. */
  public ObjectNode seedIssues(String repo, int count) {
    ObjectNode seed = GitHubShapes.MAPPER.createObjectNode().put("repo", repo);
    seed.putObject("generate").put("count", count);
    return seed(seed);
  }

  public ObjectNode createIssueAs(String actor, String repo, JsonNode fields) {
    return inRepo(repo, (d, rp) -> IssueCommands.createJson(d, rp, actor, fields));
  }

  /**
   * A PATCH of the issue as {@code actor} would send it (title, body, state, labels, milestone,
   * assignees).
   */
  public ObjectNode editIssueAs(String actor, String repo, int number, JsonNode patch) {
    return inRepo(repo, (d, rp) -> IssueCommands.update(d, rp, number, actor, patch));
  }

  public ObjectNode editIssueAs(String actor, String repo, int number, String patchJson) {
    return editIssueAs(actor, repo, number, parse(patchJson));
  }

  public ObjectNode commentAs(String actor, String repo, int number, String body) {
    ObjectNode json = GitHubShapes.MAPPER.createObjectNode().put("body", body);
    return inRepo(repo, (d, rp) -> CommentCommands.create(d, rp, number, actor, json));
  }

  public ObjectNode editCommentAs(String actor, String repo, long id, String body) {
    ObjectNode json = GitHubShapes.MAPPER.createObjectNode().put("body", body);
    return inRepo(repo, (d, rp) -> CommentCommands.update(d, rp, id, actor, json));
  }

  public void deleteCommentAs(String actor, String repo, long id) {
    inRepo(
        repo,
        (d, rp) -> {
          CommentCommands.delete(d, rp, id, actor);
          return null;
        });
  }

  /**
   * Gives the organisation {@code owner} these issue types (GitHub's defaults are Task, Bug and
   * Feature); none: the owner has no issue types, as a user account.
   */
  public void setIssueTypes(String owner, String... names) {
    store.apply(
        d -> {
          d.setIssueTypes(owner, List.of(names));
          return null;
        });
  }

  /** Marks issue {@code number} as blocked by issue {@code blockingNumber}, as {@code actor}. */
  public ObjectNode addBlockedByAs(String actor, String repo, int number, int blockingNumber) {
    return inRepo(
        repo,
        (d, rp) -> {
          ObjectNode body = GitHubShapes.MAPPER.createObjectNode();
          body.put("issue_id", d.issue(rp, blockingNumber).id);
          return DependencyCommands.add(d, rp, number, actor, body);
        });
  }

  /** Removes the relation "issue {@code number} is blocked by {@code blockingNumber}". */
  public ObjectNode removeBlockedByAs(String actor, String repo, int number, int blockingNumber) {
    return inRepo(
        repo,
        (d, rp) -> DependencyCommands.remove(d, rp, number, d.issue(rp, blockingNumber).id, actor));
  }

  /** The numbers of the issues of {@code repo} blocking issue {@code number}, read for free. */
  public List<Integer> blockedBy(String repo, int number) {
    return inRepo(
        repo, (d, rp) -> d.issue(rp, number).blockedBy.stream().map(i -> i.number).toList());
  }

  /** The issue's comments as the API would list them (first 100), read without spending quota. */
  public ArrayNode comments(String repo, int number) {
    return inRepo(
            repo, (d, rp) -> CommentCommands.listForIssue(d, rp, number, Map.of("per_page", "100")))
        .items();
  }

  /** After this, the issue answers 410. */
  public void deleteIssue(String actor, String repo, int number) {
    inRepo(
        repo,
        (d, rp) -> {
          ControlCommands.delete(d, rp, number, actor);
          return null;
        });
  }

  /** After this, the issue answers 301 with the new place; returns the new issue. */
  public ObjectNode transferIssue(String actor, String repo, int number, String toRepo) {
    RepoName r = RepoName.parse(repo);
    RepoName to = RepoName.parse(toRepo);
    return store.apply(
        d -> ControlCommands.transfer(d, d.repo(r.owner(), r.name()), number, to, actor));
  }

  /**
   * A new commit on a branch (created if missing): open pull requests with that head get a
   * synchronize webhook.
   */
  public String pushCommit(String actor, String repo, String branch) {
    return inRepo(repo, (d, rp) -> BranchCommands.push(d, rp, branch, actor));
  }

  /** Makes a pull request (un)mergeable: an unmergeable one answers 405 to a merge. */
  public ObjectNode setPullMergeable(String repo, int number, boolean mergeable) {
    return inRepo(repo, (d, rp) -> PullCommands.setMergeable(d, rp, number, mergeable));
  }

  /**
   * Merges a pull request as {@code actor} would (someone else than the token's user): same rules
   * and webhooks as the API.
   */
  public ObjectNode mergePullAs(String actor, String repo, int number, String method) {
    ObjectNode body = GitHubShapes.MAPPER.createObjectNode();
    if (method != null) body.put("merge_method", method);
    return inRepo(repo, (d, rp) -> PullCommands.merge(d, rp, number, actor, body));
  }

  /** A PATCH of the pull request as {@code actor} would send it (title, body, state, base). */
  public ObjectNode editPullAs(String actor, String repo, int number, JsonNode patch) {
    return inRepo(repo, (d, rp) -> PullCommands.update(d, rp, number, actor, patch));
  }

  /** The pull request as the API would show it, read without spending quota. */
  public ObjectNode pull(String repo, int number) {
    return inRepo(repo, (d, rp) -> PullCommands.get(d, rp, number));
  }

  /** The issue as the API would show it, read without spending quota. */
  public ObjectNode issue(String repo, int number) {
    return inRepo(repo, (d, rp) -> IssueCommands.get(d, rp, number));
  }

  public void injectFault(FaultRule rule) {
    faults.add(rule);
  }

  public void clearFaults() {
    faults.reset();
  }

  public void revokeToken(boolean revoked) {
    faults.setTokenRevoked(revoked);
  }

  /**
   * The GitHub App's installation as an organisation owner leaves it: {@code active}, {@code
   * suspended} (tokens refused, the exchange answers 403) or {@code deleted} (uninstalled: 404).
   *
   * @throws IllegalArgumentException when the simulator plays no App, or for another state
   */
  public void setInstallation(String state) {
    SimApp.InstallationState parsed;
    try {
      parsed = SimApp.InstallationState.valueOf(state.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "installation state '" + state + "': expected active, suspended or deleted");
    }
    requireApp().setState(parsed);
  }

  /**
   * The App's figures: {@code exchanges} (installation tokens issued), {@code refused_jwts}, {@code
   * expired_token_requests} (requests that came with an installation token past its expiry or
   * revoked), {@code installation} state, {@code last_expires_at}.
   */
  public ObjectNode app() {
    return requireApp().stats();
  }

  private SimApp requireApp() {
    return app.orElseThrow(
        () ->
            new IllegalArgumentException(
                "the simulator plays no GitHub App (start it with one: --app-id, --app-public-key)"));
  }

  /**
   * What {@code X-OAuth-Scopes} reports; without {@code repo} (or {@code public_repo}) writes
   * answer 403.
   */
  public void setTokenScopes(String scopes) {
    faults.setScopes(scopes);
  }

  public void playDead(boolean dead) {
    faults.setDead(dead);
  }

  public SimLimits limits() {
    return limits.get();
  }

  public void setLimits(SimLimits newLimits) {
    limits.set(newLimits);
    primary.setLimits(newLimits);
    secondary.setLimits(newLimits);
  }

  public SimClock clock() {
    return clock;
  }

  public void setClockSpeed(double speed) {
    clock.setSpeed(speed);
  }

  public void advanceClock(Duration by) {
    clock.advance(by);
  }

  /**
   * Where webhooks go from now on: every repository's hook points there (its id stays the same);
   * empty: no hooks, nothing sent or recorded. A receiver that is down or answers an error is the
   * way to make deliveries fail; {@code lossRate} loses them on the way (recorded as timed out).
   */
  public void setWebhook(Optional<SimSettings.WebhookTarget> target) {
    hooks.setTarget(target);
  }

  /**
   * The repository hook's recorded deliveries, newest first, as {@code GET
   * /repos/{o}/{r}/hooks/{id}/deliveries} shows them, read without spending quota.
   */
  public ArrayNode hookDeliveries(String repo) {
    RepoName r = RepoName.parse(repo);
    List<SimHooks.Delivery> oldestFirst = new ArrayList<>(hooks.deliveriesOf(r.key()));
    Collections.reverse(oldestFirst);
    return GitHubShapes.array(oldestFirst, HookCommands::delivery);
  }

  /**
   * Requests by route and status, quota spent, 304s, limit violations, concurrency, writes per
   * issue, webhooks.
   */
  public ObjectNode stats() {
    return stats.toJson(secondary.maxInFlight());
  }

  /**
   * Back to the state at start: the configured repositories, empty; counters, faults, scopes, quota
   * and recorded webhook deliveries cleared. Limits, clock speed, the webhook target and the hooks'
   * ids stay as they were set.
   */
  public void reset() {
    store.apply(
        d -> {
          ControlCommands.reset(d, settings.repos());
          return null;
        });
    faults.reset();
    stats.reset();
    hooks.reset();
    primary.reset();
    secondary.reset();
    app.ifPresent(SimApp::reset);
  }

  private <T> T inRepo(String repo, BiFunction<SimData, SimRepo, T> operation) {
    RepoName r = RepoName.parse(repo);
    return store.apply(d -> operation.apply(d, d.repo(r.owner(), r.name())));
  }

  static ObjectNode parse(String json) {
    try {
      JsonNode node = GitHubShapes.MAPPER.readTree(json);
      if (node instanceof ObjectNode o) return o;
    } catch (JsonProcessingException e) {
      throw GitHubErrorResponse.badJson();
    }
    throw GitHubErrorResponse.badJson();
  }
}
