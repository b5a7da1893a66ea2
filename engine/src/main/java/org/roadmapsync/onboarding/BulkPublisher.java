package org.roadmapsync.onboarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.IssueSyncEntity;

/**
 * Publishes many roadmap issues, each through its own entity's publish (journaled before GitHub is
 * asked, looked for before it is asked again: never a duplicate, also across a crash), a few at a
 * time so the governor always has the next create waiting; the governor paces them (one write at a
 * time, at most 80 a minute and 500 an hour). Asking again is harmless: an issue already queued is
 * not queued twice, and a published one answers its link.
 */
public final class BulkPublisher extends AbstractBehavior<BulkPublisher.Command> {

  /** Publishes under way at once: enough to keep one write always waiting at the governor. */
  static final int IN_FLIGHT = 4;

  /**
   * Longer than any hold of the governor (a spent hourly quota), so a paced publish is never
   * counted failed while it waits.
   */
  static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(90);

  public sealed interface Command {}

  /** Publish these roadmap issues (added to the run under way, if any). */
  public record Publish(List<String> ids) implements Command {}

  public record GetProgress(ActorRef<Progress> replyTo) implements Command {}

  private record Answered(String id, IssueLink link, Throwable error) implements Command {}

  /** One failure of the run. */
  public record Failed(String id, String error) {}

  /**
   * {@code GET /api/publish}, in the form of {@code GET /api/sync}: {@code state} {@code
   * never-run}, {@code running} or {@code finished}; {@code done} the issues linked to a GitHub
   * issue, {@code failed} the others, with why (the last 50).
   */
  public record Progress(
      String state,
      int total,
      int done,
      int failed,
      int waiting,
      Instant startedAt,
      Instant finishedAt,
      List<Failed> failures) {}

  public static Behavior<Command> create(
      Function<String, EntityRef<IssueSyncEntity.Command>> entities, Clock clock) {
    return Behaviors.setup(context -> new BulkPublisher(context, entities, clock));
  }

  private static final int FAILURES_KEPT = 50;

  private final Function<String, EntityRef<IssueSyncEntity.Command>> entities;
  private final Clock clock;
  private final Deque<String> queue = new ArrayDeque<>();
  private final Set<String> inRun = new HashSet<>();
  private final Deque<Failed> failures = new ArrayDeque<>();
  private String state = "never-run";
  private int total;
  private int done;
  private int failed;
  private int inFlight;
  private Instant startedAt;
  private Instant finishedAt;

  private BulkPublisher(
      ActorContext<Command> context,
      Function<String, EntityRef<IssueSyncEntity.Command>> entities,
      Clock clock) {
    super(context);
    this.entities = entities;
    this.clock = clock;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Publish.class, this::onPublish)
        .onMessage(
            GetProgress.class,
            get -> {
              get.replyTo().tell(progress());
              return this;
            })
        .onMessage(Answered.class, this::onAnswered)
        .build();
  }

  private Behavior<Command> onPublish(Publish publish) {
    if (!state.equals("running")) {
      state = "running";
      total = 0;
      done = 0;
      failed = 0;
      inRun.clear();
      failures.clear();
      startedAt = clock.instant();
      finishedAt = null;
    }
    for (String id : publish.ids()) {
      if (inRun.add(id)) {
        queue.add(id);
        total++;
      }
    }
    getContext()
        .getLog()
        .info("bulk publish: {} issue(s) asked, {} in this run", publish.ids().size(), total);
    return next();
  }

  private Behavior<Command> next() {
    while (inFlight < IN_FLIGHT && !queue.isEmpty()) {
      String id = queue.poll();
      inFlight++;
      getContext()
          .pipeToSelf(
              entities
                  .apply(id)
                  .<IssueLink>askWithStatus(IssueSyncEntity.Publish::new, PUBLISH_TIMEOUT),
              (link, error) -> new Answered(id, link, error));
    }
    if (inFlight == 0 && queue.isEmpty() && state.equals("running")) {
      state = "finished";
      finishedAt = clock.instant();
      getContext()
          .getLog()
          .info("bulk publish finished: {} of {} published, {} failed", done, total, failed);
    }
    return this;
  }

  private Behavior<Command> onAnswered(Answered answered) {
    inFlight--;
    if (answered.error() == null) {
      done++;
    } else {
      failed++;
      failures.addFirst(new Failed(answered.id(), answered.error().getMessage()));
      while (failures.size() > FAILURES_KEPT) {
        failures.removeLast();
      }
      getContext()
          .getLog()
          .warn("bulk publish: {} not published: {}", answered.id(), answered.error().getMessage());
    }
    int answeredSoFar = done + failed;
    if (total >= 100 && answeredSoFar * 10 / total > (answeredSoFar - 1) * 10 / total) {
      getContext()
          .getLog()
          .info(
              "bulk publish: {} % ({} of {}, {} failed)",
              answeredSoFar * 100 / total, answeredSoFar, total, failed);
    }
    return next();
  }

  private Progress progress() {
    return new Progress(
        state,
        total,
        done,
        failed,
        queue.size() + inFlight,
        startedAt,
        finishedAt,
        List.copyOf(failures));
  }
}
