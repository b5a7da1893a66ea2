package org.roadmapsync.sync;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * GitHub's issues as the pollers' first listings since the start showed them, read while the
 * roadmap loads: the load waits for them a bounded time, then hands each file over with the issue
 * it names, so that a new entity whose file and issue agree is synced in one event.
 *
 * @param read completes once every poller's first listing was read (or failed)
 * @param issueOf the listed issue a file names, if a listing showed it
 */
public record FirstListings(
    CompletionStage<Void> read, Function<LocalSnapshot, Optional<RemoteSnapshot>> issueOf) {

  /** No listing before the load (polling off, no GitHub): nothing to wait for. */
  public static final FirstListings NONE =
      new FirstListings(CompletableFuture.completedFuture(null), local -> Optional.empty());

  /**
   * How long the load waits at least; a listing slower than {@link #waitFor} (GitHub down, the
   * governor holding for a limit) is not waited for: the files handed over without their issue take
   * the usual first round.
   */
  static final Duration WAIT = Duration.ofSeconds(15);

  /**
   * How long the load of {@code files} waits: {@link #WAIT}, and one more second for every 1,000
   * files, ten listing pages (a page takes well under 100 ms), so a roadmap of 100,000 issues waits
   * for its 1,000 pages instead of starting 100,000 entities.
   */
  static Duration waitFor(int files) {
    return WAIT.plusSeconds(files / 1_000);
  }

  /** {@link #read}, or {@link #waitFor} {@code files} from now, whichever comes first. */
  CompletionStage<Void> readOrTimedOut(int files) {
    return read.toCompletableFuture()
        .copy()
        .completeOnTimeout(null, waitFor(files).toMillis(), TimeUnit.MILLISECONDS);
  }
}
