package org.roadmapsync.pulls;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.LocalSnapshot;

/**
 * Feeds the pull-request lifecycles from the issue entities' events: a projection of its own over the same
 * tags, at least once. Each event that changes what the lifecycle needs (the file's status, title, body and
 * branch; the GitHub link) becomes one idempotent command, asked, so the offset moves on only after the
 * lifecycle took it.
 */
public final class PullRequestFeed extends Handler<EventEnvelope<IssueSyncEntity.Event>> {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(15);

  private final Function<String, EntityRef<PullRequestLifecycle.Command>> lifecycles;

  public PullRequestFeed(Function<String, EntityRef<PullRequestLifecycle.Command>> lifecycles) {
    this.lifecycles = lifecycles;
  }

  public static void init(
      ActorSystem<?> system, Database database, Function<String, EntityRef<PullRequestLifecycle.Command>> lifecycles) {
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            "pull-request-feed",
            IssueSyncEntity.TAG_SLICES,
            slice -> {
              String tag = "issue-sync-" + slice;
              return ProjectionBehavior.create(
                  JdbcProjection.atLeastOnceAsync(
                      ProjectionId.of("pull-request-feed", tag),
                      EventSourcedProvider.<IssueSyncEntity.Event>eventsByTag(system, JdbcReadJournal.Identifier(), tag),
                      database::newSession,
                      () -> new PullRequestFeed(lifecycles),
                      system));
            },
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<IssueSyncEntity.Event> envelope) {
    String issueId = PersistenceId.extractEntityId(envelope.persistenceId());
    return command(envelope.event())
        .map(command -> lifecycles.apply(issueId).<Done>askWithStatus(command::apply, ASK_TIMEOUT))
        .orElseGet(() -> CompletableFuture.completedFuture(Done.getInstance()));
  }

  /** The lifecycle's command for an issue event, if the event changes what a lifecycle needs. */
  static Optional<Function<ActorRef<StatusReply<Done>>, PullRequestLifecycle.Command>> command(IssueSyncEntity.Event event) {
    if (event instanceof IssueSyncEntity.LocalObserved e) {
      return Optional.of(local(e.local()));
    } else if (event instanceof IssueSyncEntity.Pulled e) {
      return Optional.of(local(e.local()));
    } else if (event instanceof IssueSyncEntity.PullRequestActivity e && e.local() != null) {
      return Optional.of(local(e.local()));
    } else if (event instanceof IssueSyncEntity.Linked e) {
      return Optional.of(link(e.link()));
    } else if (event instanceof IssueSyncEntity.Published e) {
      return Optional.of(link(e.remote().link()));
    } else if (event instanceof IssueSyncEntity.Unlinked) {
      return Optional.of(link(null));
    }
    return Optional.empty();
  }

  private static Function<ActorRef<StatusReply<Done>>, PullRequestLifecycle.Command> local(LocalSnapshot local) {
    var fields = local.fields();
    return replyTo -> new PullRequestLifecycle.ObserveLocal(fields.status(), fields.title(), fields.body(), local.branch(), replyTo);
  }

  private static Function<ActorRef<StatusReply<Done>>, PullRequestLifecycle.Command> link(IssueLink link) {
    return replyTo -> new PullRequestLifecycle.ObserveLink(
        link == null ? null : link.repo(), link == null ? null : link.number(), replyTo);
  }
}
