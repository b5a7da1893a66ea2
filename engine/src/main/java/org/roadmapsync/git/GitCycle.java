package org.roadmapsync.git;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange with the remote, blocking: commit the service's writes, fetch and bring the remote's
 * commits in (when asked, or when a push finds the remote moved on), push what the remote lacks.
 * Working-tree changes run with the store's writes held. A failure throws {@link Failed} with a
 * message safe to show; the commits stay and the next cycle tries again.
 */
final class GitCycle {

  private static final Logger log = LoggerFactory.getLogger(GitCycle.class);

  /** Pushes a cycle tries when the remote keeps moving on between fetch and push. */
  static final int PUSH_ATTEMPTS = 3;

  /** A cycle that could not finish; {@code getMessage()} is credential-free. */
  static final class Failed extends RuntimeException {
    Failed(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  /** Runs working-tree work while the roadmap store writes nothing. */
  interface Gate {
    <T> T hold(Supplier<T> work);

    Gate NONE =
        new Gate() {
          @Override
          public <T> T hold(Supplier<T> work) {
            return work.get();
          }
        };
  }

  private final RoadmapClone clone;
  private final Gate gate;
  private final GitStatusBoard board;
  private final GitEvents events;
  private final RemoteIntegration integration;
  private final boolean writes;

  GitCycle(RoadmapClone clone, Gate gate, GitStatusBoard board, GitEvents events) {
    this(clone, gate, board, events, true);
  }

  /**
   * @param writes false under {@code ROADMAP_SYNC_READ_ONLY}: fetch and bring the remote's commits
   *     in, never commit or push
   */
  GitCycle(RoadmapClone clone, Gate gate, GitStatusBoard board, GitEvents events, boolean writes) {
    this.writes = writes;
    this.clone = clone;
    this.gate = gate;
    this.board = board;
    this.events = events;
    this.integration = new RemoteIntegration(clone);
  }

  /**
   * @param fetch bring the remote's commits in first (a poll, a push webhook, a restart); else only
   *     commit and push
   */
  void run(boolean fetch) {
    try {
      recoverInterruptedRebase();
      commit();
      if (fetch) {
        fetchAndIntegrate();
      }
      for (int attempt = 1; writes && clone.aheadBehind().ahead() > 0; attempt++) {
        RoadmapClone.PushOutcome outcome = clone.push();
        if (outcome instanceof RoadmapClone.PushOutcome.Pushed pushed) {
          events.pushed("ok");
          board.pushed();
          log.info("git: pushed to {} (now at {})", clone.describe(), shortId(pushed.remoteTip()));
          break;
        }
        if (outcome instanceof RoadmapClone.PushOutcome.Refused refused) {
          events.pushed("refused");
          throw new Failed(
              "push refused by " + clone.remote().url() + ": " + refused.reason(), null);
        }
        events.pushed("non_fast_forward");
        if (attempt >= PUSH_ATTEMPTS) {
          throw new Failed(
              "push to "
                  + clone.remote().url()
                  + " was not a fast-forward "
                  + attempt
                  + " times in a row: the remote keeps moving",
              null);
        }
        log.info("git: the remote moved on; fetching and rebasing before pushing again");
        fetchAndIntegrate();
      }
      board.succeeded(clone.aheadBehind());
    } catch (Failed e) {
      board.failed(e.getMessage(), counts());
      throw e;
    } catch (GitAPIException | IOException | RuntimeException e) {
      String reason = clone.remote().describe(e);
      board.failed(reason, counts());
      throw new Failed(reason, e);
    }
  }

  /** A rebase left half-done by a failed abort: undone before anything else touches the tree. */
  private void recoverInterruptedRebase() {
    if (!clone.repository().getRepositoryState().isRebasing()) {
      return;
    }
    gate.hold(
        () -> {
          try {
            return CloneStartup.recoverInterruptedRebase(clone.git());
          } catch (GitAPIException | IOException e) {
            throw new Failed("cannot undo an interrupted rebase: " + clone.remote().describe(e), e);
          }
        });
  }

  private void commit() {
    gate.hold(
        () -> {
          commitHeld();
          return null;
        });
  }

  /** Commits the roadmap path; the caller holds the store's writes. */
  private void commitHeld() {
    if (!writes) {
      return;
    }
    Optional<RoadmapClone.Committed> committed;
    try {
      committed = clone.commitRoadmap();
    } catch (GitAPIException | IOException e) {
      throw new Failed("cannot commit: " + clone.remote().describe(e), e);
    }
    committed.ifPresent(
        c -> {
          events.committed();
          board.committed(c.id());
          log.info(
              "git: committed {} ({})",
              shortId(c.id()),
              c.message().lines().findFirst().orElse(""));
        });
  }

  private void fetchAndIntegrate() throws GitAPIException, IOException {
    try {
      clone.fetch();
      events.fetched("ok");
      board.fetched();
    } catch (GitAPIException | RuntimeException e) {
      events.fetched("failed");
      throw new Failed(
          "cannot fetch from " + clone.remote().url() + ": " + clone.remote().describe(e), e);
    }
    // the store's writes wait from the last commit to the end of the integration: a write landing
    // in between would be an uncommitted change that a checkout could overwrite
    RemoteIntegration.Result result =
        gate.hold(
            () -> {
              try {
                commitHeld();
                return integration.integrate();
              } catch (GitAPIException | IOException e) {
                throw new Failed(
                    "cannot bring in the remote's commits: " + clone.remote().describe(e), e);
              }
            });
    if (result.kind() != RemoteIntegration.Kind.UP_TO_DATE) {
      log.info(
          "git: brought in the remote's commits ({}): {} roadmap file(s) changed",
          result.kind().name().toLowerCase(java.util.Locale.ROOT),
          result.changed().size());
    }
    // files put back after a conflicting rebase are the service's writes: commit them again
    commit();
  }

  private Optional<RoadmapClone.AheadBehind> counts() {
    try {
      return Optional.of(clone.aheadBehind());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String shortId(String id) {
    return id.length() > 8 ? id.substring(0, 8) : id;
  }
}
