package org.roadmapsync.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubRequest;
import org.roadmapsync.github.RateLimitSnapshot;

/**
 * When the next request of a kind may go, from what GitHub last said about each resource's quota,
 * the configured {@link PacingLimits} and the time given. No clock, no I/O: the governor feeds it
 * starts, ends, snapshots and errors, and asks.
 */
public final class PacingPolicy {

  /** The answer for one request. */
  public sealed interface Verdict {
    /** It may start now. */
    record Go() implements Verdict {}

    /** Not before {@code at}. */
    record WaitUntil(Instant at, String reason) implements Verdict {}

    /**
     * Not until a request of its lane ends (reads in flight at the maximum, or a write running).
     */
    record WaitForRelease(String reason) implements Verdict {}
  }

  /** What the policy knows, for {@code /health} and {@code /metrics}. */
  public record View(
      Map<String, RateLimitSnapshot> quota,
      Map<String, Instant> primaryHolds,
      Optional<Instant> secondaryHold,
      int secondaryStrikes,
      int readsInFlight,
      boolean writeInFlight,
      long holds) {}

  private static final Verdict GO = new Verdict.Go();

  private final PacingLimits limits;
  private final Map<String, RateLimitSnapshot> quota = new HashMap<>();
  private final Map<String, Instant> primaryHolds = new HashMap<>();
  private final Map<String, Instant> lastStart = new HashMap<>();
  private final Deque<Instant> writeEnds = new ArrayDeque<>();
  private Instant secondaryHold = Instant.MIN;
  private int secondaryStrikes;
  private int readsInFlight;
  private boolean writeInFlight;
  private Instant lastWriteEnd = Instant.MIN;
  private long holds;

  public PacingPolicy(PacingLimits limits) {
    this.limits = limits;
  }

  /** GitHub's resource a request spends: {@code search}, {@code graphql} or {@code core}. */
  public static String resourceOf(GitHubRequest request) {
    String path = request.target().replaceFirst("^https?://[^/]+", "");
    if (path.startsWith("/search/")) return "search";
    if (path.startsWith("/graphql")) return "graphql";
    return "core";
  }

  /**
   * {@code GET /rate_limit} costs nothing and is how one learns a hold is over: never held back by
   * holds.
   */
  public static boolean free(GitHubRequest request) {
    return request.method() == GitHubRequest.Method.GET
        && request.target().replaceFirst("^https?://[^/]+", "").startsWith("/rate_limit");
  }

  public Verdict decide(GitHubRequest request, Instant now) {
    boolean read = request.kind() == GitHubRequest.Kind.READ;
    if (!free(request)) {
      String resource = resourceOf(request);
      Instant held = later(primaryHolds.getOrDefault(resource, Instant.MIN), secondaryHold);
      if (held.isAfter(now)) {
        return new Verdict.WaitUntil(held, "rate-limit hold");
      }
      Optional<Instant> spread = spreadUntil(resource, now);
      if (spread.isPresent()) {
        return new Verdict.WaitUntil(spread.get(), "low remaining quota of " + resource);
      }
    }
    if (read) {
      return readsInFlight >= limits.readsInFlight()
          ? new Verdict.WaitForRelease("reads in flight")
          : GO;
    }
    if (writeInFlight) {
      return new Verdict.WaitForRelease("a write in flight");
    }
    Instant spaced = lastWriteEnd.plus(limits.writeSpacing());
    if (spaced.isAfter(now)) {
      return new Verdict.WaitUntil(spaced, "write spacing");
    }
    forgetBefore(now.minus(limits.hour()));
    Instant minuteAgo = now.minus(limits.minute());
    long lastMinute = writeEnds.stream().filter(t -> t.isAfter(minuteAgo)).count();
    if (lastMinute >= limits.writesPerMinute()) {
      Instant oldest =
          writeEnds.stream().filter(t -> t.isAfter(minuteAgo)).findFirst().orElseThrow();
      return new Verdict.WaitUntil(oldest.plus(limits.minute()), "writes per minute");
    }
    if (writeEnds.size() >= limits.writesPerHour()) {
      return new Verdict.WaitUntil(writeEnds.peekFirst().plus(limits.hour()), "writes per hour");
    }
    return GO;
  }

  public void started(GitHubRequest request, Instant now) {
    if (request.kind() == GitHubRequest.Kind.READ) {
      readsInFlight++;
    } else {
      writeInFlight = true;
    }
    if (!free(request)) {
      lastStart.put(resourceOf(request), now);
    }
  }

  /**
   * A request ended, with {@code error} if it failed. Write windows count ends, not starts: GitHub
   * saw the write somewhere in between, so counting the later time never undercounts its window.
   */
  public void finished(GitHubRequest request, Optional<GitHubError> error, Instant now) {
    if (request.kind() == GitHubRequest.Kind.READ) {
      readsInFlight = Math.max(0, readsInFlight - 1);
    } else {
      writeInFlight = false;
      lastWriteEnd = now;
      writeEnds.addLast(now);
    }
    if (error.isEmpty()) {
      if (request.kind() != GitHubRequest.Kind.READ) {
        secondaryStrikes = 0;
      }
      return;
    }
    if (error.get() instanceof GitHubError.PrimaryRateLimited p) {
      holdPrimary(
          p.resource() == null || p.resource().isBlank() ? resourceOf(request) : p.resource(),
          p.resetAt(),
          now);
    } else if (error.get() instanceof GitHubError.SecondaryRateLimited s) {
      secondaryStrikes++;
      Duration hold = s.retryAfter().orElseGet(this::backedOffSecondaryHold);
      secondaryHold = later(secondaryHold, now.plus(hold));
      holds++;
    }
  }

  /** Holds started so far (a primary limit spent, a secondary limit hit). */
  long holds() {
    return holds;
  }

  /** The rate-limit headers of a response. A spent quota holds its resource until the reset. */
  public void observe(RateLimitSnapshot snapshot, Instant now) {
    quota.put(snapshot.resource(), snapshot);
    if (snapshot.exhausted()) {
      holdPrimary(snapshot.resource(), snapshot.resetAt(), now);
    }
  }

  public View view(Instant now) {
    Map<String, Instant> activePrimary = new HashMap<>();
    primaryHolds.forEach(
        (r, until) -> {
          if (until.isAfter(now)) activePrimary.put(r, until);
        });
    return new View(
        Map.copyOf(quota),
        Map.copyOf(activePrimary),
        secondaryHold.isAfter(now) ? Optional.of(secondaryHold) : Optional.empty(),
        secondaryStrikes,
        readsInFlight,
        writeInFlight,
        holds);
  }

  private void holdPrimary(String resource, Instant resetAt, Instant now) {
    Instant until = resetAt.plus(limits.primaryMargin());
    if (until.isAfter(now) && until.isAfter(primaryHolds.getOrDefault(resource, Instant.MIN))) {
      primaryHolds.put(resource, until);
      holds++;
    }
  }

  private Duration backedOffSecondaryHold() {
    Duration hold = limits.secondaryHold();
    for (int i = 1; i < secondaryStrikes && hold.compareTo(limits.secondaryHoldCap()) < 0; i++) {
      hold = hold.multipliedBy(2);
    }
    return hold.compareTo(limits.secondaryHoldCap()) > 0 ? limits.secondaryHoldCap() : hold;
  }

  /** With little quota left, what remains is spread evenly over the time until the reset. */
  private Optional<Instant> spreadUntil(String resource, Instant now) {
    RateLimitSnapshot q = quota.get(resource);
    if (q == null
        || !q.resetAt().isAfter(now)
        || q.remaining() <= 0
        || q.remaining() >= q.limit() * limits.lowRemainingShare()) {
      return Optional.empty();
    }
    Duration interval = Duration.between(now, q.resetAt()).dividedBy(q.remaining());
    Instant last = lastStart.get(resource);
    if (last == null || !last.plus(interval).isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(last.plus(interval));
  }

  private void forgetBefore(Instant limit) {
    while (!writeEnds.isEmpty() && !writeEnds.peekFirst().isAfter(limit)) {
      writeEnds.pollFirst();
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
