package org.roadmapsync.app;

import java.util.Optional;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.roadmapsync.cluster.Placement;
import org.roadmapsync.config.Settings;
import org.roadmapsync.git.CloneStartup;
import org.roadmapsync.git.GitEvents;
import org.roadmapsync.git.RoadmapGit;
import org.roadmapsync.intake.PollScheduler;

/**
 * Wires the git-backed roadmap: its actor over the clone made ready at start, told of the store's
 * writes, fetching on the poll schedule (a {@link PollScheduler.Follower}, so {@code POST
 * /api/sync} and {@code PUT /api/auto-sync} reach it too) and at every {@code push} webhook of its
 * repository and branch.
 */
final class GitSetup {

  private GitSetup() {}

  static RoadmapGit start(
      ActorContext<?> context,
      Placement placement,
      Settings settings,
      CloneStartup.Prepared prepared,
      Optional<SyncSetup.OpenedRoadmap> roadmap,
      SyncSetup.Outcome sync,
      GitEvents events) {
    var git =
        RoadmapGit.start(
            context,
            prepared,
            settings.git().orElseThrow().repositoryName(),
            roadmap.map(SyncSetup.OpenedRoadmap::store),
            settings.github().syncInterval(),
            settings.github().autoSyncEnabled(),
            events,
            RoadmapGit.Timing.DEFAULT,
            !settings.readOnly(),
            // one node at a time owns the clone: the others' stay as they were until they take over
            placement::once,
            placement::cloneFetched);
    sync.scheduler()
        .ifPresent(
            scheduler ->
                scheduler.follow(
                    new PollScheduler.Follower() {
                      @Override
                      public void pollNow() {
                        git.fetchNow();
                      }

                      @Override
                      public void setAutoSync(boolean enabled) {
                        git.setAutoSync(enabled);
                      }
                    }));
    sync.webhooks().ifPresent(intake -> intake.routePushesTo(git::onPush));
    return git;
  }
}
