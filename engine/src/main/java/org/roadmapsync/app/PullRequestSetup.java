package org.roadmapsync.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.roadmapsync.cluster.Placement;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.config.Settings;
import org.roadmapsync.gateway.GitHubGateway;
import org.roadmapsync.gateway.Priority;
import org.roadmapsync.intake.PollScheduler;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.pulls.PullContext;
import org.roadmapsync.pulls.PullRequestFeed;
import org.roadmapsync.pulls.PullRequestIndex;
import org.roadmapsync.pulls.PullRequestLifecycle;
import org.roadmapsync.pulls.PullRequestPoller;
import org.roadmapsync.pulls.PullRequestPolls;
import org.roadmapsync.pulls.PullRequestProjection;
import org.roadmapsync.pulls.PullRequestRows;
import org.roadmapsync.pulls.PullService;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.Requeue;
import org.roadmapsync.sync.SyncContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the pull-request side: the sharded lifecycles, fed by the issue entities' events, their
 * read side, and a poller per repository that follows the issues' poll schedule. The two
 * projections and the resume of unfinished lifecycles wait for the roadmap's first load, which has
 * the database to itself meanwhile (they catch up from their offsets).
 */
final class PullRequestSetup {

  private static final Logger log = LoggerFactory.getLogger(PullRequestSetup.class);
  private static final Duration PULL_ASK_TIMEOUT = Duration.ofSeconds(15);

  private PullRequestSetup() {}

  /**
   * @param requeue when and by whom a lifecycle whose step failed is woken again
   * @param scheduler the issues' poll schedule, which the pull-request pollers follow
   */
  static PullService start(
      ActorContext<?> context,
      Placement placement,
      Settings settings,
      Database database,
      ObjectMapper json,
      Executor blocking,
      GitHubGateway gateway,
      CompletionStage<Done> roadmapLoaded,
      Requeue requeue,
      PollScheduler scheduler,
      List<RepoRef> repositories,
      PullRequestIndex index) {
    ActorSystem<?> system = context.getSystem();
    ClusterSharding sharding = ClusterSharding.get(system);
    PullContext.IssueActivity issues =
        (issueId, note, status, trigger) ->
            sharding
                .entityRefFor(IssueSyncEntity.ENTITY_KEY, issueId)
                .askWithStatus(
                    r -> new IssueSyncEntity.RecordPullActivity(note, status, trigger, r),
                    PULL_ASK_TIMEOUT);
    var pullContext =
        new PullContext(
            gateway.pulls(),
            issues,
            index,
            settings.github().pulls().baseBranch(),
            settings.github().pulls().mergeMethod().apiName(),
            Clock.systemUTC(),
            requeue,
            SyncContext.ROUND_LIMIT);
    sharding.init(
        Entity.of(
            PullRequestLifecycle.ENTITY_KEY,
            entity -> PullRequestLifecycle.create(entity.getEntityId(), pullContext)));
    Function<String, EntityRef<PullRequestLifecycle.Command>> lifecycles =
        id -> sharding.entityRefFor(PullRequestLifecycle.ENTITY_KEY, id);
    var pulls =
        new PullService(system, lifecycles, new PullRequestRows(database, json, blocking), index);
    roadmapLoaded.whenComplete(
        (loaded, failure) -> {
          PullRequestFeed.init(system, database, json, blocking, lifecycles);
          PullRequestProjection.init(system, database, json);
          pulls
              .resumeUnfinished()
              .whenComplete(
                  (woken, error) -> {
                    if (error != null) {
                      log.warn(
                          "could not list the pull requests to resume: {}", error.getMessage());
                    } else if (woken > 0) {
                      log.info("resuming the lifecycles of {} unfinished pull request(s)", woken);
                    }
                  });
        });
    PullRequestPolls pullPolls =
        PullRequestPolls.start(
            placement::once,
            repositories,
            new PullRequestPoller.Wiring(
                gateway.client(Priority.POLL),
                pulls,
                settings.github().syncInterval(),
                settings.github().autoSyncEnabled(),
                roadmapLoaded));
    scheduler.follow(
        new PollScheduler.Follower() {
          @Override
          public void pollNow() {
            pullPolls.pollNow();
          }

          @Override
          public void setAutoSync(boolean enabled) {
            pullPolls.setAutoSync(enabled);
          }
        });
    return pulls;
  }
}
