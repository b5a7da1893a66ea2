package org.roadmapsync.onboarding;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.roadmapsync.config.AutoImport;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.IssueState;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.LinkDirectory;
import org.roadmapsync.sync.Trigger;

/**
 * Imports from GitHub: lists the issues a filter asks for (one listing, through the governed
 * client), answers which ones become files and hands those to the repository's {@link
 * RepositoryImporter}; takes what the intake saw of unlinked issues for the continuous import
 * ({@code ROADMAP_GITHUB_AUTO_IMPORT}).
 */
public final class Importer {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  /** {@code POST /api/import}'s answer: what the import creates (or would, with a dry run). */
  public record ImportPlan(
      String repo,
      boolean dryRun,
      String state,
      List<String> labels,
      String milestone,
      Instant since,
      int listed,
      int pullRequests,
      int linked,
      List<Candidate> create,
      List<Skipped> skipped) {}

  /** A GitHub issue that becomes a file; {@code file}'s {@code {id}} is the id it gets. */
  public record Candidate(long githubIssue, String title, String state, String file) {}

  /** A GitHub issue left out for a reason other than being a pull request or linked. */
  public record Skipped(long githubIssue, String reason) {}

  /** The import cannot run as asked (answered 422): an unknown repository, none configured. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final ActorSystem<?> system;
  private final Map<String, ActorRef<RepositoryImporter.Command>> importers;
  private final GitHubClient client;
  private final FieldMapping mapping;
  private final LinkDirectory links;
  private final Function<IssueFields, Optional<String>> repoFor;
  private final Optional<String> defaultRepo;
  private final AutoImport autoImport;

  /**
   * @param importers one per repository the service serves
   * @param client the governed client, at the priority of people waiting for an answer
   */
  public Importer(
      ActorSystem<?> system,
      Map<String, ActorRef<RepositoryImporter.Command>> importers,
      GitHubClient client,
      FieldMapping mapping,
      LinkDirectory links,
      Function<IssueFields, Optional<String>> repoFor,
      Optional<String> defaultRepo,
      AutoImport autoImport) {
    this.system = system;
    this.importers = new LinkedHashMap<>(importers);
    this.client = client;
    this.mapping = mapping;
    this.links = links;
    this.repoFor = repoFor;
    this.defaultRepo = defaultRepo;
    this.autoImport = autoImport;
  }

  public AutoImport autoImport() {
    return autoImport;
  }

  /**
   * Lists what {@code filter} asks for and, unless it is a dry run, starts importing it; fails with
   * {@link Refused} for a repository the service does not serve.
   */
  public CompletionStage<ImportPlan> start(ImportFilter filter) {
    Optional<String> repo = filter.repo().or(() -> defaultRepo);
    if (repo.isEmpty()) {
      return CompletableFuture.failedFuture(
          new Refused("no repo given and no default repository configured (ROADMAP_GITHUB_REPO)"));
    }
    ActorRef<RepositoryImporter.Command> importer = importers.get(repo.get());
    if (importer == null) {
      return CompletableFuture.failedFuture(
          new Refused(
              repo.get()
                  + " is not a repository this service serves; it serves "
                  + String.join(", ", importers.keySet())));
    }
    RepoRef ref = RepoRef.parse(repo.get());
    CompletionStage<Optional<List<Issue>>> listed =
        filter.milestone().isEmpty()
            ? list(ref, filter, null)
            : client
                .milestoneNumber(ref, filter.milestone().get(), false)
                .thenCompose(
                    number ->
                        number.isEmpty()
                            // no such milestone: nothing to import, not an error
                            ? CompletableFuture.completedFuture(Optional.<List<Issue>>empty())
                            : list(ref, filter, number.get()));
    return listed
        .thenCompose(
            issues ->
                links
                    .linksOf(repo.get())
                    .thenApply(
                        linked -> plan(repo.get(), filter, issues.orElse(List.of()), linked)))
        .thenApply(
            decided -> {
              if (!filter.dryRun() && !decided.chosen().isEmpty()) {
                importer.tell(new RepositoryImporter.Take(decided.chosen(), Trigger.MANUAL, true));
              }
              return decided.plan();
            });
  }

  /** The answer, and the issues it says become files. */
  private record Decided(ImportPlan plan, List<Issue> chosen) {}

  private CompletionStage<Optional<List<Issue>>> list(
      RepoRef repo, ImportFilter filter, Long milestone) {
    return client
        .listIssues(repo, filter.query(milestone), Optional.empty())
        .thenApply(listing -> Optional.of(listing.items()));
  }

  private Decided plan(
      String repo, ImportFilter filter, List<Issue> issues, Map<Long, String> linked) {
    int pullRequests = 0;
    int alreadyLinked = 0;
    List<Issue> chosen = new ArrayList<>();
    List<Candidate> create = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Issue issue : issues) {
      if (issue.isPullRequest()) {
        pullRequests++;
      } else if (!filter.takes(issue)) {
        continue;
      } else if (linked.containsKey(issue.number())) {
        alreadyLinked++;
      } else {
        IssueFields fields = mapping.fromGitHub(issue);
        Optional<String> routed = repoFor.apply(fields);
        if (!routed.equals(Optional.of(repo))) {
          skipped.add(
              new Skipped(
                  issue.number(),
                  "its milestone routes to "
                      + routed.orElse("no repository")
                      + ": a file could not name "
                      + repo));
        } else {
          chosen.add(issue);
          create.add(
              new Candidate(
                  issue.number(),
                  fields.title(),
                  fields.status(),
                  RoadmapStore.newIssuePath(
                          fields.title() == null ? "" : fields.title(),
                          Optional.ofNullable(fields.milestone()))
                      .toString()));
        }
      }
    }
    return new Decided(
        new ImportPlan(
            repo,
            filter.dryRun(),
            filter.state(),
            filter.labels(),
            filter.milestone().orElse(null),
            filter.since().orElse(null),
            issues.size(),
            pullRequests,
            alreadyLinked,
            create,
            skipped),
        chosen);
  }

  /**
   * An unlinked issue the intake saw (a poll's listing, an {@code issues} webhook): imported when
   * the continuous import takes it. Only open issues, never pull requests.
   */
  public void offer(String repo, Issue issue, Trigger trigger) {
    ActorRef<RepositoryImporter.Command> importer = importers.get(repo);
    if (importer == null
        || issue.isPullRequest()
        || issue.state() != IssueState.OPEN
        || !autoImport.takes(issue.labelNames())) {
      return;
    }
    importer.tell(new RepositoryImporter.Take(List.of(issue), trigger, false));
  }

  /** Every served repository's import progress. */
  public CompletionStage<List<ImportRun.Progress>> progress() {
    List<CompletableFuture<ImportRun.Progress>> asks = new ArrayList<>();
    importers
        .values()
        .forEach(
            importer ->
                asks.add(
                    AskPattern.<RepositoryImporter.Command, ImportRun.Progress>ask(
                            importer,
                            RepositoryImporter.GetProgress::new,
                            ASK_TIMEOUT,
                            system.scheduler())
                        .toCompletableFuture()));
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(done -> asks.stream().map(CompletableFuture::join).toList());
  }
}
