package org.roadmapsync.onboarding;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.roadmapsync.config.ConflictStrategy;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.IssueQuery;
import org.roadmapsync.github.IssueState;
import org.roadmapsync.roadmap.LoadResult;
import org.roadmapsync.roadmap.RoadmapFileProblem;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sync.FieldChange;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.IssueSyncRows;
import org.roadmapsync.sync.IssueSyncState;
import org.roadmapsync.sync.LocalSnapshot;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.RoundPreview;
import org.roadmapsync.sync.StoreRoadmapPort;
import org.roadmapsync.sync.SyncStatus;

/**
 * The plan ({@code GET /api/plan}): for each issue, what a sync round would do now, decided by the
 * rounds' own {@link RoundPreview} on the issue's state with both sides read afresh, and which
 * GitHub issues an import would take. It writes nothing: the files are read, GitHub is listed (one
 * conditional listing per repository, 100 issues a request, 304s free; a few single conditional
 * reads when only a few issues are asked for), no entity is woken.
 */
public final class SyncPlanner {

  /** Up to this many linked issues are read one by one; more, and their repositories are listed. */
  static final int SINGLE_READS = 10;

  /** One issue's line of the plan. */
  public record IssuePlan(
      String id,
      String title,
      String repo,
      Long githubIssue,
      String syncStatus,
      String action,
      Map<String, FieldChange> toGitHub,
      Map<String, FieldChange> toRoadmap,
      List<RoundPreview.Conflict> conflicts,
      String reason) {}

  /** A GitHub issue no roadmap file links that {@code import} would take. */
  public record ImportCandidate(String repo, long githubIssue, String title, String file) {}

  /**
   * How GitHub's side was read: {@code configured} false when it cannot be (no token), with the
   * reason; the repositories listed and the issues read one by one.
   */
  public record GitHubRead(
      boolean configured, String reason, List<String> listed, int singleReads, String strategy) {}

  /** {@code summary}: issues by action, and {@code import} for the import candidates. */
  public record Plan(
      Instant at,
      GitHubRead github,
      Map<String, Integer> summary,
      List<IssuePlan> issues,
      List<ImportCandidate> imports) {}

  private final IssueSyncRows rows;
  private final RoadmapStore store;
  private final StoreRoadmapPort files;
  private final FieldMapping mapping;
  private final Optional<GitHubClient> client;
  private final String whyNoGitHub;
  private final ConflictStrategy strategy;
  private final Function<IssueFields, Optional<String>> repoFor;
  private final List<String> repositories;
  private final Executor blocking;
  private final Clock clock;

  /**
   * @param client the governed client at interactive priority; empty without a token ({@code
   *     whyNoGitHub} says so)
   * @param repositories the repositories the service serves (listed for import candidates)
   */
  public SyncPlanner(
      IssueSyncRows rows,
      RoadmapStore store,
      StoreRoadmapPort files,
      FieldMapping mapping,
      Optional<GitHubClient> client,
      String whyNoGitHub,
      ConflictStrategy strategy,
      Function<IssueFields, Optional<String>> repoFor,
      List<String> repositories,
      Executor blocking,
      Clock clock) {
    this.rows = rows;
    this.store = store;
    this.files = files;
    this.mapping = mapping;
    this.client = client;
    this.whyNoGitHub = whyNoGitHub;
    this.strategy = strategy;
    this.repoFor = repoFor;
    this.repositories = List.copyOf(repositories);
    this.blocking = blocking;
    this.clock = clock;
  }

  /** The issue is not known: no file, no state. */
  public static final class UnknownIssue extends RuntimeException {
    public UnknownIssue(String id) {
      super("no roadmap issue with id '" + id + "'", null, false, false);
    }
  }

  /** The roadmap side of one issue, read afresh: its snapshot, or why the file cannot be used. */
  private record Local(LocalSnapshot snapshot, String problem) {}

  /**
   * The plan for every issue, or only {@code issue}, or those in {@code status} (as the read side
   * has them).
   */
  public CompletionStage<Plan> plan(Optional<String> issue, Optional<SyncStatus> status) {
    return rows.states(Optional.empty())
        .thenCompose(
            states ->
                CompletableFuture.supplyAsync(() -> readFiles(issue), blocking)
                    .thenCompose(local -> decide(states, local, issue, status)));
  }

  private Map<String, Local> readFiles(Optional<String> issue) {
    Map<String, Local> local = new TreeMap<>();
    if (issue.isPresent()) {
      try {
        store
            .read(issue.get())
            .ifPresent(f -> local.put(f.id(), new Local(files.snapshot(f), null)));
      } catch (RuntimeException e) {
        local.put(issue.get(), new Local(null, e.getMessage()));
      }
      return local;
    }
    LoadResult loaded = store.loadAll();
    loaded.issues().forEach(f -> local.put(f.id(), new Local(files.snapshot(f), null)));
    for (RoadmapFileProblem problem : loaded.problems()) {
      problem.issueId().ifPresent(id -> local.putIfAbsent(id, new Local(null, problem.toString())));
    }
    return local;
  }

  private CompletionStage<Plan> decide(
      List<IssueSyncState> allStates,
      Map<String, Local> local,
      Optional<String> issue,
      Optional<SyncStatus> status) {
    Map<String, IssueSyncState> states = new TreeMap<>();
    allStates.forEach(s -> states.put(s.id(), s));
    // a file the entities have not seen yet: as its entity would take it
    local.forEach(
        (id, l) -> states.computeIfAbsent(id, k -> firstSight(IssueSyncState.empty(k), l)));
    Map<String, IssueSyncState> chosen = new TreeMap<>();
    states.forEach(
        (id, s) -> {
          if (issue.map(id::equals).orElse(true) && status.map(s.status()::equals).orElse(true)) {
            chosen.put(id, firstSight(s, local.get(id)));
          }
        });
    if (issue.isPresent() && chosen.isEmpty()) {
      return CompletableFuture.failedFuture(new UnknownIssue(issue.get()));
    }
    Set<IssueLink> links = new HashSet<>();
    chosen.values().forEach(s -> Optional.ofNullable(s.link()).ifPresent(links::add));
    boolean imports = issue.isEmpty() && status.isEmpty();
    return readGitHub(links, imports)
        .thenApply(
            github -> {
              List<IssuePlan> plans = new ArrayList<>();
              chosen.values().forEach(s -> plans.add(plan(s, local.get(s.id()), github)));
              List<ImportCandidate> candidates =
                  imports ? importCandidates(github, states.values()) : List.of();
              Map<String, Integer> summary = new LinkedHashMap<>();
              plans.forEach(p -> summary.merge(p.action(), 1, Integer::sum));
              if (imports) {
                summary.put("import", candidates.size());
              }
              return new Plan(
                  clock.instant(),
                  new GitHubRead(
                      client.isPresent(),
                      client.isPresent() ? null : whyNoGitHub,
                      List.copyOf(github.listed()),
                      github.singleReads(),
                      strategy.configName()),
                  summary,
                  plans,
                  candidates);
            });
  }

  /**
   * The state as the entity would have it once it took its file: a file naming a GitHub issue that
   * its entity has not seen links it.
   */
  private IssueSyncState firstSight(IssueSyncState state, Local local) {
    if (local == null
        || local.snapshot() == null
        || state.local() != null
        || state.link() != null
        || local.snapshot().githubIssue() == null) {
      return state;
    }
    return repoFor
        .apply(local.snapshot().fields())
        .map(
            repo ->
                state.apply(
                    new IssueSyncEntity.Linked(
                        new IssueLink(repo, local.snapshot().githubIssue()))))
        .orElse(state);
  }

  /** GitHub's side as read for the plan. */
  private record GitHubSide(
      Map<IssueLink, Issue> issues,
      Map<String, String> failures,
      Set<String> listed,
      int singleReads) {}

  private CompletionStage<GitHubSide> readGitHub(Set<IssueLink> links, boolean allRepositories) {
    Map<IssueLink, Issue> issues = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    Set<String> listed = ConcurrentHashMap.newKeySet();
    if (client.isEmpty()) {
      return CompletableFuture.completedFuture(new GitHubSide(issues, failures, listed, 0));
    }
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    boolean single = !allRepositories && links.size() <= SINGLE_READS;
    if (single) {
      for (IssueLink link : links) {
        reads.add(
            client
                .get()
                .getIssue(RepoRef.parse(link.repo()), link.number())
                .thenAccept(f -> issues.put(link, f.value()))
                .exceptionally(
                    e -> {
                      failures.put(link.toString(), GitHubError.describe(e));
                      return null;
                    })
                .toCompletableFuture());
      }
    } else {
      Set<String> repos = new HashSet<>();
      links.forEach(l -> repos.add(l.repo()));
      if (allRepositories) {
        repos.addAll(repositories);
      }
      for (String repo : repos) {
        reads.add(
            client
                .get()
                .listIssues(
                    RepoRef.parse(repo),
                    new IssueQuery("all", "created", "asc", null, IssueQuery.PER_PAGE),
                    Optional.empty())
                .thenAccept(
                    listing -> {
                      listed.add(repo);
                      listing.items().forEach(i -> issues.put(new IssueLink(repo, i.number()), i));
                    })
                .exceptionally(
                    e -> {
                      failures.put(repo, GitHubError.describe(e));
                      return null;
                    })
                .toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(done -> new GitHubSide(issues, failures, listed, single ? links.size() : 0));
  }

  private IssuePlan plan(IssueSyncState state, Local local, GitHubSide github) {
    if (local == null) {
      return line(state, "error", "its roadmap file is gone");
    }
    if (local.snapshot() == null) {
      return line(state, "error", local.problem());
    }
    IssueLink link = state.link();
    RemoteSnapshot remote = null;
    if (link != null) {
      if (client.isEmpty()) {
        return line(state, "unknown", whyNoGitHub);
      }
      String failed =
          Optional.ofNullable(github.failures().get(link.toString()))
              .orElse(github.failures().get(link.repo()));
      Issue issue = github.issues().get(link);
      if (issue == null) {
        return line(
            state,
            "error",
            failed != null
                ? "GitHub's issue " + link + " could not be read: " + failed
                : "GitHub's issue " + link + " was not listed: deleted or moved?");
      }
      remote = mapping.snapshot(link.repo(), issue);
    }
    RoundPreview.Preview preview = RoundPreview.of(state, local.snapshot(), remote, strategy);
    return line(state.apply(new IssueSyncEntity.LocalObserved(local.snapshot())), preview);
  }

  private IssuePlan line(IssueSyncState state, String action, String reason) {
    return new IssuePlan(
        state.id(),
        state.title(),
        state.link() == null ? null : state.link().repo(),
        state.link() == null ? null : state.link().number(),
        state.status().apiName(),
        action,
        Map.of(),
        Map.of(),
        List.of(),
        reason);
  }

  private IssuePlan line(IssueSyncState state, RoundPreview.Preview preview) {
    return new IssuePlan(
        state.id(),
        state.title(),
        state.link() == null ? null : state.link().repo(),
        state.link() == null ? null : state.link().number(),
        state.status().apiName(),
        preview.action().apiName(),
        preview.toGitHub(),
        preview.toRoadmap(),
        preview.conflicts(),
        preview.reason());
  }

  /**
   * The open issues (not pull requests) of the listed repositories that no roadmap issue links and
   * whose milestone leads back to their repository: what {@code import} takes by default.
   */
  private List<ImportCandidate> importCandidates(
      GitHubSide github, Collection<IssueSyncState> states) {
    Set<IssueLink> linked = new HashSet<>();
    states.forEach(s -> Optional.ofNullable(s.link()).ifPresent(linked::add));
    List<ImportCandidate> candidates = new ArrayList<>();
    github
        .issues()
        .forEach(
            (link, issue) -> {
              if (!github.listed().contains(link.repo())
                  || issue.isPullRequest()
                  || issue.state() != IssueState.OPEN
                  || linked.contains(link)) {
                return;
              }
              IssueFields fields = mapping.fromGitHub(issue);
              if (repoFor.apply(fields).equals(Optional.of(link.repo()))) {
                candidates.add(
                    new ImportCandidate(
                        link.repo(),
                        link.number(),
                        fields.title(),
                        RoadmapStore.newIssuePath(
                                fields.title() == null ? "" : fields.title(),
                                Optional.ofNullable(fields.milestone()))
                            .toString()));
              }
            });
    candidates.sort(
        Comparator.comparing(ImportCandidate::repo)
            .thenComparingLong(ImportCandidate::githubIssue));
    return candidates;
  }
}
