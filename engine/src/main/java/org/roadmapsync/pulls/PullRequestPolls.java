package org.roadmapsync.pulls;

import java.util.List;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.roadmapsync.config.RepoRef;

/**
 * One {@link PullRequestPoller} per repository, told together: a poll asked for now ({@code POST
 * /api/sync}) and periodic polling switched on or off ({@code PUT /api/auto-sync}).
 */
public final class PullRequestPolls {

  private final List<ActorRef<PullRequestPoller.Command>> pollers;

  private PullRequestPolls(List<ActorRef<PullRequestPoller.Command>> pollers) {
    this.pollers = pollers;
  }

  /**
   * Spawns a poller per repository.
   *
   * @param spawner where each poller runs: a child of the guardian, or in a cluster a singleton
   */
  public static PullRequestPolls start(
      BiFunction<Behavior<PullRequestPoller.Command>, String, ActorRef<PullRequestPoller.Command>>
          spawner,
      List<RepoRef> repos,
      PullRequestPoller.Wiring wiring) {
    return new PullRequestPolls(
        repos.stream()
            .map(
                repo ->
                    spawner.apply(
                        PullRequestPoller.create(repo, wiring),
                        "pull-poller-" + repo.toString().replace('/', '~')))
            .toList());
  }

  public void pollNow() {
    pollers.forEach(p -> p.tell(PullRequestPoller.Tick.INSTANCE));
  }

  public void setAutoSync(boolean enabled) {
    pollers.forEach(p -> p.tell(new PullRequestPoller.SetAutoSync(enabled)));
  }
}
