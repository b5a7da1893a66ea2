package org.roadmapsync.onboarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.roadmapsync.github.Issue;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.roadmap.RoadmapStoreException;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.LinkDirectory;
import org.roadmapsync.sync.RemoteSnapshot;
import org.roadmapsync.sync.Requeue;
import org.roadmapsync.sync.StoreRoadmapPort;
import org.roadmapsync.sync.Trigger;

/**
 * The only writer of imported files for one repository: GitHub issues are taken one at a time, so
 * no two imports, a webhook and a poll, or two concurrent requests ever write two files for one
 * issue. Before each write it looks for a link to the issue (the issue entities', then the read
 * table's) and at the start of each requested run for a file naming it; after the write, the issue
 * entity of the new file is told (it links and, when the file reads back as GitHub's issue, is
 * synced without asking GitHub again).
 *
 * <p>Crash-safe without a journal of its own: a file written just before a kill is seen at the next
 * start, when the roadmap's first load links its entity from the {@code github_issue} it names;
 * this actor waits for that load before it writes anything.
 */
public final class RepositoryImporter extends AbstractBehavior<RepositoryImporter.Command> {

  private static final Duration ENTITY_TIMEOUT = Duration.ofSeconds(30);

  /** What an importer needs from the rest of the engine. */
  public record Wiring(
      String repo,
      RoadmapStore store,
      StoreRoadmapPort files,
      FieldMapping mapping,
      LinkDirectory links,
      Function<String, EntityRef<IssueSyncEntity.Command>> entities,
      Function<IssueFields, Optional<String>> repoFor,
      Executor blocking,
      Clock clock,
      Requeue requeue,
      CompletionStage<Done> roadmapLoaded) {}

  public sealed interface Command {}

  /**
   * Import these issues of this repository: {@code asked} ones make up the run {@code POST
   * /api/import} reports; the others come from the intake (continuous import).
   */
  public record Take(List<Issue> issues, Trigger trigger, boolean asked) implements Command {}

  public record GetProgress(ActorRef<ImportRun.Progress> replyTo) implements Command {}

  private enum RoadmapLoaded implements Command {
    INSTANCE
  }

  private record Scanned(Map<Long, String> filesByNumber, Throwable error) implements Command {}

  private record LinkLooked(Work work, Optional<String> linkedTo, Throwable error)
      implements Command {}

  private record Written(Work work, RoadmapIssue file, Throwable error) implements Command {}

  private record Adopted(Work work, RoadmapIssue file, Throwable error) implements Command {}

  /** One GitHub issue to import. */
  private record Work(Issue issue, Trigger trigger, boolean asked) {
    IssueLink link(String repo) {
      return new IssueLink(repo, issue.number());
    }
  }

  public static Behavior<Command> create(Wiring wiring) {
    return Behaviors.setup(context -> new RepositoryImporter(context, wiring));
  }

  private final Wiring wiring;
  private final ImportRun run;
  private final Deque<Work> queue = new ArrayDeque<>();

  /**
   * GitHub issue number → roadmap id: the files found naming one at the start of the last requested
   * run, and those this importer wrote since.
   */
  private final Map<Long, String> known = new HashMap<>();

  /**
   * GitHub issue number → failed tries in a row of an issue the intake offered: it is offered to
   * this importer again after a backoff, since no poll lists an unchanged issue again.
   */
  private final Map<Long, Integer> failures = new HashMap<>();

  private boolean loaded;
  private boolean busy;
  private boolean scanDue;

  private RepositoryImporter(ActorContext<Command> context, Wiring wiring) {
    super(context);
    this.wiring = wiring;
    this.run = new ImportRun(wiring.repo());
    context.pipeToSelf(wiring.roadmapLoaded(), (done, error) -> RoadmapLoaded.INSTANCE);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Take.class, this::onTake)
        .onMessage(
            GetProgress.class,
            get -> {
              get.replyTo().tell(run.progress());
              return this;
            })
        .onMessage(
            RoadmapLoaded.class,
            loadedNow -> {
              loaded = true;
              return next();
            })
        .onMessage(Scanned.class, this::onScanned)
        .onMessage(LinkLooked.class, this::onLinkLooked)
        .onMessage(Written.class, this::onWritten)
        .onMessage(Adopted.class, this::onAdopted)
        .build();
  }

  private Behavior<Command> onTake(Take take) {
    if (take.asked()) {
      run.asked(take.issues().size(), wiring.clock().instant());
      scanDue = true;
    }
    take.issues().forEach(issue -> queue.add(new Work(issue, take.trigger(), take.asked())));
    return next();
  }

  /** Starts on the next issue unless one is under way or the roadmap is not loaded yet. */
  private Behavior<Command> next() {
    if (busy || !loaded || queue.isEmpty()) {
      return this;
    }
    busy = true;
    if (scanDue) {
      scanDue = false;
      getContext()
          .pipeToSelf(
              CompletableFuture.supplyAsync(this::filesNamingAnIssue, wiring.blocking()),
              Scanned::new);
      return this;
    }
    Work work = queue.poll();
    String already = known.get(work.issue().number());
    if (already != null) {
      return skipped(work, already, "the roadmap file of issue " + already + " names it");
    }
    getContext()
        .pipeToSelf(
            wiring.links().linkedTo(work.link(wiring.repo())),
            (owner, error) -> new LinkLooked(work, owner, error));
    return this;
  }

  /**
   * Every file naming a GitHub issue that routes to this repository, also a file whose entity has
   * not linked it yet.
   */
  private Map<Long, String> filesNamingAnIssue() {
    Map<Long, String> byNumber = new HashMap<>();
    for (RoadmapIssue issue : wiring.store().loadAll().issues()) {
      if (issue.githubIssue().isPresent()
          && wiring
              .repoFor()
              .apply(wiring.mapping().fromRoadmap(issue))
              .filter(wiring.repo()::equals)
              .isPresent()) {
        byNumber.put((long) issue.githubIssue().getAsInt(), issue.id());
      }
    }
    return byNumber;
  }

  private Behavior<Command> onScanned(Scanned scanned) {
    busy = false;
    if (scanned.error() != null) {
      stop("cannot read the roadmap folder: " + scanned.error().getMessage());
      return this;
    }
    // the files as they are now: a link taken out of a file since (an unlink) no longer counts
    known.clear();
    known.putAll(scanned.filesByNumber());
    return next();
  }

  private Behavior<Command> onLinkLooked(LinkLooked looked) {
    Work work = looked.work();
    if (looked.error() != null) {
      return failed(work, "cannot read the links: " + looked.error().getMessage());
    }
    if (looked.linkedTo().isPresent()) {
      return skipped(
          work, looked.linkedTo().get(), "linked to roadmap issue " + looked.linkedTo().get());
    }
    IssueFields fields = wiring.mapping().fromGitHub(work.issue());
    Optional<String> routed = wiring.repoFor().apply(fields);
    if (!routed.equals(Optional.of(wiring.repo()))) {
      // the file names only a number: its milestone must lead back to this repository
      return skipped(
          work,
          null,
          "its milestone "
              + (fields.milestone() == null ? "(none)" : "'" + fields.milestone() + "'")
              + " routes to "
              + routed.orElse("no repository")
              + ", so a file could not name "
              + wiring.repo());
    }
    getContext()
        .pipeToSelf(
            CompletableFuture.supplyAsync(
                () ->
                    wiring
                        .store()
                        .create(
                            wiring
                                .mapping()
                                .toNewFile(fields, work.issue().number(), work.issue().updatedAt()),
                            work.issue().createdAt() != null
                                ? work.issue().createdAt()
                                : wiring.clock().instant()),
                wiring.blocking()),
            (file, error) -> new Written(work, file, error));
    return this;
  }

  private Behavior<Command> onWritten(Written written) {
    Work work = written.work();
    if (written.error() != null) {
      Throwable cause =
          written.error().getCause() != null ? written.error().getCause() : written.error();
      if (cause instanceof RoadmapStoreException.Io) {
        // the folder refuses writes: the rest of the run would fail the same way
        getContext()
            .getLog()
            .error("import into {} stopped: {}", wiring.repo(), cause.getMessage());
        queue.clear();
        run.record(
            new ImportRun.Outcome(work.issue().number(), "failed", null, null, cause.getMessage()),
            work.asked(),
            wiring.clock().instant());
        stop(cause.getMessage());
        tryAgainLater(work, cause.getMessage());
        return this;
      }
      return failed(work, String.valueOf(cause.getMessage()));
    }
    RoadmapIssue file = written.file();
    known.put(work.issue().number(), file.id());
    RemoteSnapshot remote = wiring.mapping().snapshot(wiring.repo(), work.issue());
    getContext()
        .pipeToSelf(
            wiring
                .entities()
                .apply(file.id())
                .<Done>askWithStatus(
                    r ->
                        new IssueSyncEntity.AdoptImported(
                            wiring.files().snapshot(file), remote, work.trigger(), r),
                    ENTITY_TIMEOUT),
            (done, error) -> new Adopted(work, file, error));
    return this;
  }

  private Behavior<Command> onAdopted(Adopted adopted) {
    if (adopted.error() != null) {
      // the file is written and names the issue: the entity links it when it next reads the file
      getContext()
          .getLog()
          .warn(
              "imported {} as {}, whose entity did not answer: {}",
              adopted.work().link(wiring.repo()),
              adopted.file().id(),
              adopted.error().getMessage());
    }
    getContext()
        .getLog()
        .info(
            "imported {} as roadmap issue {} ({})",
            adopted.work().link(wiring.repo()),
            adopted.file().id(),
            adopted.file().path());
    return done(
        adopted.work(),
        new ImportRun.Outcome(
            adopted.work().issue().number(),
            "created",
            adopted.file().id(),
            adopted.file().path().toString(),
            null));
  }

  private Behavior<Command> skipped(Work work, String id, String reason) {
    return done(work, new ImportRun.Outcome(work.issue().number(), "skipped", id, null, reason));
  }

  private Behavior<Command> failed(Work work, String reason) {
    getContext().getLog().warn("could not import {}: {}", work.link(wiring.repo()), reason);
    tryAgainLater(work, reason);
    return done(work, new ImportRun.Outcome(work.issue().number(), "failed", null, null, reason));
  }

  /**
   * A continuous import that failed is offered again after a backoff that grows with each failure
   * in a row; a requested run's failure is in its answer, for the caller to run again.
   */
  private void tryAgainLater(Work work, String reason) {
    if (work.asked()) {
      return;
    }
    Instant now = wiring.clock().instant();
    Instant at = wiring.requeue().next(failures.merge(work.issue().number(), 1, Integer::sum), now);
    getContext()
        .getLog()
        .info("import of {} tried again at {} ({})", work.link(wiring.repo()), at, reason);
    getContext()
        .scheduleOnce(
            Duration.between(now, at),
            getContext().getSelf(),
            new Take(List.of(work.issue()), work.trigger(), false));
  }

  private Behavior<Command> done(Work work, ImportRun.Outcome outcome) {
    if (!"failed".equals(outcome.result())) {
      failures.remove(work.issue().number());
    }
    run.record(outcome, work.asked(), wiring.clock().instant());
    busy = false;
    return next();
  }

  /** The requested run ends early; what the intake offered meanwhile is dropped too. */
  private void stop(String why) {
    queue.clear();
    busy = false;
    run.stop(why, wiring.clock().instant());
  }
}
