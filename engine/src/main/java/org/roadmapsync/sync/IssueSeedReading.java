package org.roadmapsync.sync;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.roadmapsync.sync.IssueSyncEntity.Command;
import org.roadmapsync.sync.IssueSyncEntity.Event;
import org.roadmapsync.sync.IssueSyncEntity.ReadSeed;
import org.roadmapsync.sync.IssueSyncEntity.SeedRead;

/**
 * An entity that recovered with no events may have been adopted at the first sync without being
 * started ({@link IssueSeeds}): until its seed is read, every command waits in the stash; a seed
 * found is journaled as its first event, a failed read is tried again every second.
 */
final class IssueSeedReading {

  private static final Duration RETRY = Duration.ofSeconds(1);

  private final String issueId;
  private final SyncContext sync;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final EffectFactories<Event, IssueSyncState> effects;
  private final Consumer<IssueSyncState> announceLink;
  private boolean reading;

  IssueSeedReading(
      String issueId,
      SyncContext sync,
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      EffectFactories<Event, IssueSyncState> effects,
      Consumer<IssueSyncState> announceLink) {
    this.issueId = issueId;
    this.sync = sync;
    this.context = context;
    this.timers = timers;
    this.effects = effects;
    this.announceLink = announceLink;
  }

  /** Recovered with no events: commands wait until the seed is known. */
  void start() {
    reading = true;
    read();
  }

  boolean reading() {
    return reading;
  }

  ReplyEffect<Event, IssueSyncState> onCommand(Command command) {
    if (command instanceof ReadSeed) {
      read();
      return effects.noReply();
    }
    if (!(command instanceof SeedRead read)) {
      return effects.stash();
    }
    if (read.error() != null) {
      context
          .getLog()
          .warn("issue {}: cannot read its seed, again in {}: {}", issueId, RETRY, read.error());
      timers.startSingleTimer(new ReadSeed(), RETRY);
      return effects.noReply();
    }
    reading = false;
    if (read.seed() == null) {
      return effects.noReply().thenUnstashAll();
    }
    return effects
        .persist(read.seed())
        .thenRun(announceLink::accept)
        .thenNoReply()
        .thenUnstashAll();
  }

  private void read() {
    context.pipeToSelf(
        sync.seeds().of(issueId),
        (seed, error) ->
            new SeedRead(
                seed == null ? null : seed.orElse(null),
                error == null ? null : error.getMessage()));
  }
}
