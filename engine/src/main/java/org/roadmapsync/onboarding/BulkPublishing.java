package org.roadmapsync.onboarding;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueSyncRows;

/**
 * {@code POST /api/publish} and {@code GET /api/publish}: chooses the issues from the read side (no
 * entity is woken to decide) and hands them to the {@link BulkPublisher}.
 */
public final class BulkPublishing {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<?> system;
  private final IssueSyncRows rows;
  private final Function<IssueFields, Optional<String>> repoFor;
  private final ActorRef<BulkPublisher.Command> publisher;

  public BulkPublishing(
      ActorSystem<?> system,
      IssueSyncRows rows,
      Function<IssueFields, Optional<String>> repoFor,
      ActorRef<BulkPublisher.Command> publisher) {
    this.system = system;
    this.rows = rows;
    this.repoFor = repoFor;
    this.publisher = publisher;
  }

  /** What {@code filter} publishes; unless a dry run, the publishing starts. */
  public CompletionStage<PublishFilter.Selection> publish(PublishFilter filter) {
    return rows.states(Optional.empty())
        .thenApply(
            states -> {
              PublishFilter.Selection selection = filter.select(states, repoFor);
              if (!filter.dryRun() && !selection.publish().isEmpty()) {
                publisher.tell(
                    new BulkPublisher.Publish(List.copyOf(PublishFilter.ids(selection))));
              }
              return selection;
            });
  }

  public CompletionStage<BulkPublisher.Progress> progress() {
    return AskPattern.ask(
        publisher, BulkPublisher.GetProgress::new, ASK_TIMEOUT, system.scheduler());
  }
}
