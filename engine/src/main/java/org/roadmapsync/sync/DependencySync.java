package org.roadmapsync.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.Issue;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.IssueRelations;
import org.roadmapsync.roadmap.LoadResult;
import org.roadmapsync.roadmap.RepositoryRouting;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.roadmap.RoadmapStoreException;

/**
 * Runs the {@link DependencyPlan}: the roadmap files' {@code depends_on}/{@code blocks} and
 * GitHub's issue dependencies kept equal, one run at a time (a reason to run during a run runs once
 * more after it). A run lists each repository's issues changed since the last listing (conditional:
 * a free 304 when nothing changed), reads {@code …/dependencies/blocked_by} only for the issues
 * whose {@code issue_dependencies_summary} says their count moved (or a webhook named), makes the
 * plan's GitHub writes one at a time, then edits the files.
 *
 * <p>What both sides agreed on, the merge's base, is kept in a table ({@link AgreedRelations})
 * after each run that changed it, and a graceful stop waits for the run under way ({@link Drain}):
 * a relation removed on one side while the service was down is removed on the other. The rest (the
 * counts last read) is in memory: after a restart the issues that files relate are read once each.
 */
public final class DependencySync extends AbstractBehavior<DependencySync.Command> {

  // runs work off the actor's thread, where its context's logger may not be used
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DependencySync.class);

  public sealed interface Command {}

  /** Something changed (a file, a poll asked for): run. */
  public record Reconcile(String why) implements Command {}

  /** An {@code issue_dependencies} webhook: the blocked issue's relations are read afresh. */
  public record RelationChanged(String repo, long blockedNumber) implements Command {}

  /**
   * An issue as a poll's listing or a webhook showed it: its database id, and its blocked-by count
   * ({@code issue_dependencies_summary}); a count that moved since the last read is read again.
   */
  public record Seen(String repo, long number, long databaseId, Integer blockedBy)
      implements Command {}

  /**
   * Answers once no run is under way and the agreement it reached is saved; no run starts after it:
   * for a graceful stop.
   */
  public record Drain(ActorRef<Done> replyTo) implements Command {}

  /** What is known of one issue's relations, for the admin API. */
  public record Status(String id, ActorRef<IssueDependencies> replyTo) implements Command {}

  /**
   * One issue's relations: {@code dependsOn} the files' (after the last run), {@code pending} those
   * waiting for a GitHub issue, {@code gitHubOnly} GitHub's blocking issues no file links, {@code
   * refused} writes GitHub refused (with its reason), {@code problems} ids of its file that cannot
   * be used, {@code cycles} the cycles it is part of.
   */
  public record IssueDependencies(
      List<String> dependsOn,
      List<String> pending,
      List<String> gitHubOnly,
      Map<String, String> refused,
      List<String> problems,
      List<List<String>> cycles) {}

  private record RunDone(Result result, Throwable error) implements Command {}

  private record AgreementLoaded(Map<String, Set<String>> agreed, Throwable error)
      implements Command {}

  private record Tick() implements Command {}

  /** What a run learnt and did, applied by the actor. */
  private record Result(
      Map<String, Set<String>> base,
      Map<String, Set<String>> gitHub,
      Map<String, List<String>> gitHubOnly,
      Map<String, Integer> readCounts,
      Map<String, Integer> listedCounts,
      Map<String, Long> databaseIds,
      Map<String, Map<String, String>> refused,
      DependencyPlan plan,
      Map<String, List<String>> dependsOn,
      boolean filesChangedMeanwhile,
      Set<String> relatedLinks) {}

  /** Everything a run needs from outside. */
  public record Wiring(
      RoadmapStore store,
      RepositoryRouting routing,
      GitHubClient client,
      Executor blocking,
      Consumer<RoadmapIssue> fileWritten,
      Duration interval,
      boolean autoSync,
      AgreedRelations agreed,
      Notes notes,
      CompletionStage<?> roadmapLoaded) {}

  /** Where what a run did or found for an issue goes: its history. */
  public interface Notes {
    void record(String id, String note, Trigger trigger);
  }

  public static Behavior<Command> create(Wiring wiring) {
    return Behaviors.<Command>supervise(
            Behaviors.setup(
                context ->
                    Behaviors.withTimers(timers -> new DependencySync(context, timers, wiring))))
        .onFailure(
            SupervisorStrategy.restartWithBackoff(
                Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
  }

  private final Wiring wiring;
  private Map<String, Set<String>> base = Map.of();
  private Map<String, Set<String>> gitHub = Map.of();
  private Map<String, List<String>> gitHubOnly = Map.of();
  private Map<String, Integer> readCounts = Map.of();
  private Map<String, Integer> listedCounts = new HashMap<>();
  private Map<String, Long> databaseIds = new HashMap<>();
  private Map<String, Map<String, String>> refused = Map.of();
  private Map<String, List<String>> dependsOn = Map.of();

  /**
   * The linked issues (by {@link #key}) that a file or the agreement relates, as of the last run;
   * null before the first.
   */
  private Set<String> relatedLinks;

  private DependencyPlan last;
  private final Set<String> dirty = new HashSet<>();
  private boolean running;
  private boolean again;
  private Trigger cause = Trigger.WATCH;
  private final List<ActorRef<Done>> drained = new ArrayList<>();
  private CompletionStage<Void> saving = CompletableFuture.completedFuture(null);

  private DependencySync(
      ActorContext<Command> context, TimerScheduler<Command> timers, Wiring wiring) {
    super(context);
    this.wiring = wiring;
    // no run before the last agreement is known: without it every relation would look new; nor
    // before the start-up load ends: each run reads every file, and the first listing's issues,
    // coming by while the roadmap loads, would start one after the other
    running = true;
    context.pipeToSelf(
        wiring
            .agreed()
            .load()
            .thenCombine(wiring.roadmapLoaded().handle((loaded, failed) -> loaded), (a, l) -> a),
        AgreementLoaded::new);
    if (wiring.autoSync()) {
      timers.startTimerWithFixedDelay(new Tick(), wiring.interval());
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Reconcile.class, r -> run(Trigger.WATCH))
        .onMessage(Tick.class, t -> run(Trigger.POLL))
        .onMessage(
            RelationChanged.class,
            c -> {
              dirty.add(key(c.repo(), c.blockedNumber()));
              return run(Trigger.WEBHOOK);
            })
        .onMessage(Seen.class, this::onSeen)
        .onMessage(Status.class, this::onStatus)
        .onMessage(RunDone.class, this::onRunDone)
        .onMessage(AgreementLoaded.class, this::onAgreementLoaded)
        .onMessage(Drain.class, this::onDrain)
        .build();
  }

  private Behavior<Command> run(Trigger trigger) {
    cause = trigger;
    return run();
  }

  private Behavior<Command> run() {
    if (!drained.isEmpty()) {
      return this; // stopping
    }
    if (running) {
      again = true;
      return this;
    }
    running = true;
    again = false;
    Set<String> named = Set.copyOf(dirty);
    dirty.clear();
    getContext()
        .pipeToSelf(new Run(named, cause).start(), (result, error) -> new RunDone(result, error));
    return this;
  }

  private Behavior<Command> onAgreementLoaded(AgreementLoaded loaded) {
    if (loaded.error() != null) {
      // restarted by its supervisor: the load is tried again
      throw new IllegalStateException(
          "cannot read the agreed dependencies: " + loaded.error().getMessage(), loaded.error());
    }
    base = loaded.agreed();
    running = false;
    return again ? run() : this;
  }

  private Behavior<Command> onRunDone(RunDone done) {
    running = false;
    if (done.error() != null) {
      getContext().getLog().warn("dependency sync failed: {}", GitHubError.describe(done.error()));
    } else {
      Result r = done.result();
      if (!r.base().equals(base)) {
        Map<String, Set<String>> agreed = r.base();
        saving =
            saving
                .thenCompose(previous -> wiring.agreed().save(agreed))
                .exceptionally(
                    error -> {
                      LOG.warn("cannot keep the agreed dependencies: {}", error.getMessage());
                      return null;
                    });
      }
      base = r.base();
      gitHub = r.gitHub();
      gitHubOnly = r.gitHubOnly();
      readCounts = r.readCounts();
      // what a listing showed during the run is newer than the run's copy
      Map<String, Integer> counts = new HashMap<>(r.listedCounts());
      counts.putAll(listedCounts);
      listedCounts = counts;
      Map<String, Long> ids = new HashMap<>(r.databaseIds());
      ids.putAll(databaseIds);
      databaseIds = ids;
      refused = r.refused();
      dependsOn = r.dependsOn();
      relatedLinks = r.relatedLinks();
      last = r.plan();
      if (!r.plan().writes().isEmpty() || !r.plan().files().isEmpty()) {
        getContext()
            .getLog()
            .info(
                "dependencies: {} GitHub write(s), {} file(s) edited{}",
                r.plan().writes().size(),
                r.plan().files().size(),
                r.filesChangedMeanwhile() ? ", some files changed meanwhile: again" : "");
      }
      again |= r.filesChangedMeanwhile();
    }
    if (!drained.isEmpty()) {
      answerDrained();
      return this;
    }
    return again ? run() : this;
  }

  private Behavior<Command> onDrain(Drain drain) {
    drained.add(drain.replyTo());
    if (!running) {
      answerDrained();
    }
    return this;
  }

  private void answerDrained() {
    List<ActorRef<Done>> waiting = List.copyOf(drained);
    saving.thenRun(() -> waiting.forEach(w -> w.tell(Done.getInstance())));
  }

  private Behavior<Command> onSeen(Seen seen) {
    // every listed issue comes by: the maps are changed in place (a run works on its own copies)
    String k = key(seen.repo(), seen.number());
    databaseIds.put(k, seen.databaseId());
    if (seen.blockedBy() == null || seen.blockedBy().equals(listedCounts.get(k))) {
      return this;
    }
    listedCounts.put(k, seen.blockedBy());
    if (seen.blockedBy().equals(readCounts.get(k))) {
      return this;
    }
    // Never read, nothing on GitHub, and related by no file and not in the agreement: a run would
    // only note it down (the next one does). A webhook burst of such issues started run after run,
    // each reading every file.
    if (seen.blockedBy() == 0
        && !readCounts.containsKey(k)
        && relatedLinks != null
        && !relatedLinks.contains(k)) {
      return this;
    }
    return run(Trigger.POLL);
  }

  private Behavior<Command> onStatus(Status status) {
    String id = status.id();
    List<String> problems = new ArrayList<>();
    List<List<String>> cycles = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    if (last != null) {
      last.problems().getOrDefault(id, List.of()).forEach(p -> problems.add(p.describe()));
      last.cycles().stream().filter(c -> c.contains(id)).forEach(cycles::add);
      pending.addAll(last.pending().getOrDefault(id, Set.of()));
    }
    status
        .replyTo()
        .tell(
            new IssueDependencies(
                dependsOn.getOrDefault(id, List.of()),
                List.copyOf(new TreeSet<>(pending)),
                gitHubOnly.getOrDefault(id, List.of()),
                refused.getOrDefault(id, Map.of()),
                problems,
                cycles));
    return this;
  }

  private static String key(String repo, long number) {
    return repo.toLowerCase(java.util.Locale.ROOT) + "#" + number;
  }

  /** One run, off the actor: it starts from a copy of the state and answers the new one. */
  private final class Run {
    final Set<String> named;
    final Trigger trigger;
    final Map<String, Set<String>> agreed = base;
    final List<List<String>> knownCycles = last == null ? List.of() : last.cycles();
    final Map<String, List<String>> notes = new TreeMap<>();
    final Map<String, Set<String>> gitHubNow = new TreeMap<>(gitHub);
    final Map<String, List<String>> gitHubOnlyNow = new TreeMap<>(gitHubOnly);
    final Map<String, Integer> readNow = new HashMap<>(readCounts);
    final Map<String, Integer> listedNow = new HashMap<>(listedCounts);
    final Map<String, Long> idsNow = new HashMap<>(databaseIds);
    final Map<String, Map<String, String>> refusedNow = new TreeMap<>();
    final Map<String, IssueRelations> files = new TreeMap<>();
    final Map<String, String> hashes = new HashMap<>();
    boolean changedMeanwhile;
    final Map<String, IssueLink> links = new HashMap<>();
    final Map<String, String> byLink = new HashMap<>();
    Set<String> relatedIds;

    Run(Set<String> named, Trigger trigger) {
      this.named = named;
      this.trigger = trigger;
      refused.forEach((k, v) -> refusedNow.put(k, new TreeMap<>(v)));
    }

    CompletionStage<Result> start() {
      return CompletableFuture.supplyAsync(wiring.store()::loadRelations, wiring.blocking())
          .thenCompose(
              loaded -> {
                learnFiles(loaded);
                return CompletableFuture.<Void>completedFuture(null);
              })
          .thenCompose(v -> readChanged())
          .thenCompose(
              v -> {
                DependencyPlan plan = DependencyPlan.of(files, base, gitHubNow, links.keySet());
                return write(plan, 0)
                    .thenCompose(w -> editFiles(plan))
                    .thenApply(e -> result(plan));
              });
    }

    private void learnFiles(LoadResult loaded) {
      for (RoadmapIssue issue : loaded.issues()) {
        files.put(issue.id(), issue.relations());
        hashes.put(issue.id(), issue.contentHash());
        if (issue.githubIssue().isPresent()) {
          wiring
              .routing()
              .repoFor(issue.milestone())
              .ifPresent(
                  repo -> {
                    IssueLink link = new IssueLink(repo.toString(), issue.githubIssue().getAsInt());
                    links.put(issue.id(), link);
                    byLink.put(key(link.repo(), link.number()), issue.id());
                  });
        }
      }
    }

    /** {@code blocked_by} of each linked issue whose count moved, or that a webhook named. */
    private CompletionStage<Void> readChanged() {
      CompletionStage<Void> reads = CompletableFuture.completedFuture(null);
      for (var entry : links.entrySet()) {
        String id = entry.getKey();
        IssueLink link = entry.getValue();
        String k = key(link.repo(), link.number());
        Integer listed = listedNow.get(k);
        Integer read = readNow.get(k);
        boolean known = gitHubNow.containsKey(id);
        if (!named.contains(k)) {
          if (known && (listed == null || listed.equals(read))) {
            continue;
          }
          // Never read: a listing that shows no relation spares the read. One no listing showed
          // yet is read when a file relates it, unless the poller's first listing will bring it:
          // at a first start it does (every linked issue), after a restart it may not (a 304, or
          // only what changed since), so an issue the agreement knows is read now.
          if (!known && listed != null && listed == 0) {
            gitHubNow.put(id, Set.of());
            readNow.put(k, 0);
            continue;
          }
          if (!known
              && listed == null
              && (!related(id) || (wiring.autoSync() && !agreed.containsKey(id)))) {
            continue;
          }
        }
        reads =
            reads.thenCompose(
                v ->
                    wiring
                        .client()
                        .blockedBy(RepoRef.parse(link.repo()), link.number())
                        .thenAccept(blocking -> learnBlockedBy(id, k, blocking)));
      }
      return reads;
    }

    /** A file names {@code id} in a relation: its own lists, or another's. */
    private boolean related(String id) {
      if (relatedIds == null) {
        // once per run: asked per linked issue, a pass over every file each time was quadratic
        relatedIds = new HashSet<>();
        files.forEach(
            (own, relations) -> {
              if (!relations.dependsOn().isEmpty() || !relations.blocks().isEmpty()) {
                relatedIds.add(own);
              }
              relatedIds.addAll(relations.dependsOnIds());
              relatedIds.addAll(relations.blocksIds());
            });
      }
      return relatedIds.contains(id);
    }

    private void learnBlockedBy(String id, String k, List<Issue> blocking) {
      Set<String> ids = new TreeSet<>();
      List<String> others = new ArrayList<>();
      for (Issue issue : blocking) {
        String repo = repoOf(issue);
        String other = key(repo, issue.number());
        idsNow.put(other, issue.id());
        String roadmapId = byLink.get(other);
        if (roadmapId != null) {
          ids.add(roadmapId);
        } else {
          others.add(repo + "#" + issue.number());
        }
      }
      gitHubNow.put(id, ids);
      gitHubOnlyNow.put(id, List.copyOf(others));
      readNow.put(k, blocking.size());
    }

    /** The plan's GitHub writes, one at a time; one GitHub refuses is kept and not asked again. */
    private CompletionStage<Void> write(DependencyPlan plan, int next) {
      if (next >= plan.writes().size()) {
        return CompletableFuture.completedFuture(null);
      }
      DependencyPlan.Write w = plan.writes().get(next);
      Relation r = w.relation();
      boolean refusedBefore =
          w instanceof DependencyPlan.Add
              && refusedNow.getOrDefault(r.blocked(), Map.of()).containsKey(r.blocking());
      // GitHub's side of the blocked issue not known yet: nothing is written for it (it could
      // hold the relation already)
      if (refusedBefore || !gitHubNow.containsKey(r.blocked())) {
        return write(plan, next + 1);
      }
      IssueLink blocked = links.get(r.blocked());
      IssueLink blocking = links.get(r.blocking());
      RepoRef repo = RepoRef.parse(blocked.repo());
      return databaseId(blocking)
          .thenCompose(
              id ->
                  w instanceof DependencyPlan.Add
                      ? wiring
                          .client()
                          .addBlockedBy(repo, blocked.number(), id)
                          .thenApply(i -> null)
                      : wiring
                          .client()
                          .removeBlockedBy(repo, blocked.number(), id)
                          .exceptionallyCompose(
                              e ->
                                  GitHubError.of(e)
                                          .filter(x -> x instanceof GitHubError.NotFound)
                                          .isPresent()
                                      ? CompletableFuture.completedFuture(null)
                                      : CompletableFuture.failedFuture(e)))
          .handle(
              (ok, error) -> {
                Set<String> now = new TreeSet<>(gitHubNow.getOrDefault(r.blocked(), Set.of()));
                String k = key(blocked.repo(), blocked.number());
                if (error == null) {
                  note(
                      r.blocked(),
                      (w instanceof DependencyPlan.Add ? "blocked by " : "no longer blocked by ")
                          + r.blocking()
                          + " (#"
                          + blocking.number()
                          + ") on GitHub");
                  if (w instanceof DependencyPlan.Add) {
                    now.add(r.blocking());
                  } else {
                    now.remove(r.blocking());
                  }
                  gitHubNow.put(r.blocked(), now);
                  // our own write moves the count: not a reason to read it again
                  readNow.put(
                      k, now.size() + gitHubOnlyNow.getOrDefault(r.blocked(), List.of()).size());
                  listedNow.put(k, readNow.get(k));
                } else if (GitHubError.of(error).filter(e -> !e.retryable()).isPresent()) {
                  refusedNow
                      .computeIfAbsent(r.blocked(), x -> new TreeMap<>())
                      .put(r.blocking(), GitHubError.describe(error));
                  note(
                      r.blocked(),
                      "GitHub refused 'blocked by "
                          + r.blocking()
                          + "': "
                          + GitHubError.describe(error));
                } else {
                  LOG.warn("dependency write {} failed: {}", w, GitHubError.describe(error));
                }
                return null;
              })
          .thenCompose(v -> write(plan, next + 1));
    }

    private CompletionStage<Long> databaseId(IssueLink link) {
      Long known = idsNow.get(key(link.repo(), link.number()));
      if (known != null) {
        return CompletableFuture.completedFuture(known);
      }
      return wiring
          .client()
          .getIssue(RepoRef.parse(link.repo()), link.number())
          .thenApply(
              f -> {
                idsNow.put(key(link.repo(), link.number()), f.value().id());
                return f.value().id();
              });
    }

    /**
     * Both ends' lists as the merge has them (what GitHub refused stays in the file, as written).
     */
    private CompletionStage<Void> editFiles(DependencyPlan plan) {
      return CompletableFuture.runAsync(
          () ->
              plan.files()
                  .forEach(
                      (id, lists) -> {
                        try {
                          // no blind write: a file edited since this run read it is planned again
                          wiring
                              .store()
                              .apply(
                                  id,
                                  IssueEdit.builder()
                                      .dependsOn(lists.dependsOnIds())
                                      .blocks(lists.blocksIds())
                                      .build(),
                                  Optional.ofNullable(hashes.get(id)));
                          wiring.store().read(id).ifPresent(wiring.fileWritten());
                          files.put(id, lists);
                          note(
                              id,
                              "depends_on "
                                  + lists.dependsOnIds()
                                  + ", blocks "
                                  + lists.blocksIds()
                                  + " in the file, as GitHub and the other files have them");
                        } catch (RoadmapStoreException.StaleIssue e) {
                          changedMeanwhile = true;
                        } catch (RuntimeException e) {
                          LOG.warn("could not write the relations of {}: {}", id, e.getMessage());
                        }
                      }),
          wiring.blocking());
    }

    private void note(String id, String note) {
      notes.computeIfAbsent(id, k -> new ArrayList<>()).add(note);
    }

    /**
     * A cycle is noted once on each of its issues: when it first appears, not again at each run nor
     * after a restart (when every relation of it was agreed before, it was noted then).
     */
    private void noteNewCycles(DependencyPlan plan) {
      for (List<String> cycle : plan.cycles()) {
        if (knownCycles.contains(cycle) || agreedAlready(cycle)) {
          continue;
        }
        List<String> around = new ArrayList<>(cycle);
        around.add(cycle.get(0));
        String path = String.join(" → ", around);
        cycle.forEach(id -> note(id, "dependency cycle " + path + ": kept as written"));
      }
    }

    private boolean agreedAlready(List<String> cycle) {
      for (int i = 0; i < cycle.size(); i++) {
        String a = cycle.get(i);
        String b = cycle.get((i + 1) % cycle.size());
        if (!agreed.getOrDefault(a, Set.of()).contains(b)
            && !agreed.getOrDefault(b, Set.of()).contains(a)) {
          return false;
        }
      }
      return true;
    }

    private Result result(DependencyPlan plan) {
      noteNewCycles(plan);
      // one history entry per issue and run
      notes.forEach((id, list) -> wiring.notes().record(id, String.join("; ", list), trigger));
      // A file edited meanwhile did not get its lists: the old agreement stays, so the next run
      // sees GitHub's new relations as news for the files, and nothing as removed.
      Map<String, Set<String>> newBase = new TreeMap<>(changedMeanwhile ? agreed : plan.base());
      for (String id : links.keySet()) {
        if (!gitHubNow.containsKey(id)) {
          if (agreed.containsKey(id)) {
            newBase.put(id, agreed.get(id));
          } else {
            newBase.remove(id);
          }
        }
      }
      // what GitHub refused is not agreed: it stays a change of the file, asked again once the
      // file changes
      refusedNow.forEach(
          (blocked, refusals) -> {
            Set<String> agreed = new TreeSet<>(newBase.getOrDefault(blocked, Set.of()));
            agreed.removeAll(refusals.keySet());
            newBase.put(blocked, agreed);
          });
      Map<String, List<String>> lists = new TreeMap<>();
      files.forEach((id, l) -> lists.put(id, l.dependsOnIds()));
      // a refusal is forgotten once the file no longer asks for that relation
      refusedNow.forEach(
          (blocked, refusals) ->
              refusals.keySet().removeIf(x -> !lists.getOrDefault(blocked, List.of()).contains(x)));
      Set<String> relatedLinks = new HashSet<>();
      links.forEach(
          (id, link) -> {
            if (related(id) || !newBase.getOrDefault(id, Set.of()).isEmpty()) {
              relatedLinks.add(key(link.repo(), link.number()));
            }
          });
      return new Result(
          Map.copyOf(newBase),
          Map.copyOf(gitHubNow),
          Map.copyOf(gitHubOnlyNow),
          Map.copyOf(readNow),
          Map.copyOf(listedNow),
          Map.copyOf(idsNow),
          Map.copyOf(refusedNow),
          plan,
          Map.copyOf(lists),
          changedMeanwhile,
          Set.copyOf(relatedLinks));
    }
  }

  /** {@code o/r} of an issue from its {@code html_url} ({@code …/o/r/issues/n}). */
  static String repoOf(Issue issue) {
    String[] parts = issue.htmlUrl() == null ? new String[0] : issue.htmlUrl().split("/");
    return parts.length >= 4 ? parts[parts.length - 4] + "/" + parts[parts.length - 3] : "";
  }
}
