package org.roadmapsync.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubRequest;
import org.roadmapsync.github.RateLimitSnapshot;
import org.roadmapsync.persistence.CborSerializable;

/**
 * The only way a request reaches GitHub: every call asks for a permit ({@link Acquire}), runs, and
 * gives it back with its outcome ({@link Release}); the rate-limit headers of every response arrive
 * as {@link RateLimitSeen}. Waiting requests are served by {@link Priority}, then in arrival order;
 * what may go when is decided by {@link PacingPolicy}. {@link GovernedTransport} puts this in front
 * of the client.
 */
public final class RateLimitGovernor extends AbstractBehavior<RateLimitGovernor.Command> {

  public sealed interface Command extends CborSerializable {}

  /** Asks to send {@code request}; answered with a {@link Permit} when it may go. */
  public record Acquire(GitHubRequest request, Priority priority, ActorRef<Permit> replyTo)
      implements Command {}

  public record Permit(long id) implements CborSerializable {}

  /** The permitted request ended; {@code error} when it failed with a typed GitHub error. */
  public record Release(long permitId, Optional<GitHubError> error) implements Command {}

  /**
   * The rate-limit headers of one response (the client's {@code RateLimitListener} sends these).
   */
  public record RateLimitSeen(RateLimitSnapshot snapshot) implements Command {}

  public record GetState(ActorRef<State> replyTo) implements Command {}

  private record Wake() implements Command {}

  /**
   * The governor as {@code /health} and {@code /metrics} show it.
   *
   * @param waiting requests waiting for a permit, by priority
   * @param waits permits granted after waiting (for a hold, the pacing or a free slot)
   * @param waited total time those permits waited
   */
  public record State(
      PacingPolicy.View pacing,
      Map<Priority, Integer> waiting,
      long granted,
      long waits,
      Duration waited,
      Instant at)
      implements CborSerializable {}

  /**
   * Restarts after a failure with backoff; waiting requests are carried over to the new
   * incarnation.
   */
  public static Behavior<Command> create(PacingLimits limits, Clock clock) {
    return create(limits, clock, GatewayEvents.NONE);
  }

  public static Behavior<Command> create(PacingLimits limits, Clock clock, GatewayEvents events) {
    return Behaviors.supervise(
            Behaviors.<Command>setup(
                context ->
                    Behaviors.withTimers(
                        timers -> new RateLimitGovernor(context, timers, limits, clock, events))))
        .onFailure(
            SupervisorStrategy.restartWithBackoff(
                Duration.ofMillis(100), Duration.ofSeconds(10), 0.2));
  }

  private static final class Waiter {
    final long seq;
    final Acquire acquire;
    final long enqueuedNanos = System.nanoTime();
    boolean held;

    Waiter(long seq, Acquire acquire) {
      this.seq = seq;
      this.acquire = acquire;
    }
  }

  private static final Comparator<Waiter> ORDER =
      Comparator.<Waiter>comparingInt(w -> w.acquire.priority().ordinal())
          .thenComparingLong(w -> w.seq);

  private final TimerScheduler<Command> timers;
  private final Clock clock;
  private final PacingPolicy policy;
  private final GatewayEvents events;
  private final TreeSet<Waiter> waiting = new TreeSet<>(ORDER);
  private final Map<Long, GitHubRequest> inFlight = new HashMap<>();

  /**
   * Permit ids are unique across restarts, so that a late release for a forgotten permit cannot
   * free another.
   */
  private static final AtomicLong PERMIT_IDS = new AtomicLong();

  private long nextSeq;
  private long granted;
  private long waits;
  private Duration waited = Duration.ZERO;

  private RateLimitGovernor(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      PacingLimits limits,
      Clock clock,
      GatewayEvents events) {
    super(context);
    this.events = events;
    this.timers = timers;
    this.clock = clock;
    this.policy = new PacingPolicy(limits);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Acquire.class, this::onAcquire)
        .onMessage(Release.class, this::onRelease)
        .onMessage(RateLimitSeen.class, this::onRateLimitSeen)
        .onMessage(GetState.class, this::onGetState)
        .onMessage(Wake.class, w -> dispatch())
        .onSignal(PreRestart.class, this::onPreRestart)
        .build();
  }

  private Behavior<Command> onAcquire(Acquire acquire) {
    // Kept before anything that can fail, so that a restart hands it to the next incarnation.
    waiting.add(new Waiter(nextSeq++, acquire));
    return dispatch();
  }

  private Behavior<Command> onRelease(Release release) {
    GitHubRequest request = inFlight.remove(release.permitId());
    if (request != null) {
      long holdsBefore = policy.holds();
      policy.finished(request, release.error(), clock.instant());
      if (policy.holds() > holdsBefore) {
        events.hold(
            release.error().filter(e -> e instanceof GitHubError.SecondaryRateLimited).isPresent()
                ? "secondary"
                : "primary");
      }
      release
          .error()
          .filter(
              e ->
                  e instanceof GitHubError.PrimaryRateLimited
                      || e instanceof GitHubError.SecondaryRateLimited)
          .ifPresent(
              e ->
                  getContext()
                      .getLog()
                      .warn("GitHub rate limit hit, holding requests: {}", e.describe()));
    }
    return dispatch();
  }

  private Behavior<Command> onRateLimitSeen(RateLimitSeen seen) {
    long holdsBefore = policy.holds();
    policy.observe(seen.snapshot(), clock.instant());
    if (policy.holds() > holdsBefore) {
      events.hold("primary");
    }
    return dispatch();
  }

  private Behavior<Command> onGetState(GetState get) {
    Instant now = clock.instant();
    Map<Priority, Integer> byPriority = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) byPriority.put(p, 0);
    waiting.forEach(w -> byPriority.merge(w.acquire.priority(), 1, Integer::sum));
    get.replyTo()
        .tell(new State(policy.view(now), Map.copyOf(byPriority), granted, waits, waited, now));
    return this;
  }

  private Behavior<Command> onPreRestart(PreRestart signal) {
    // Requests still waiting ask again; permits in flight are forgotten (their releases are
    // ignored).
    waiting.forEach(w -> getContext().getSelf().tell(w.acquire));
    return this;
  }

  /**
   * Grants every permit that may go now, in priority order; wakes up when the earliest wait ends.
   */
  private Behavior<Command> dispatch() {
    Instant now = clock.instant();
    Instant wake = null;
    boolean readsBlocked = false;
    boolean writesBlocked = false;
    List<Waiter> grant = new ArrayList<>();
    for (Waiter w : waiting) {
      GitHubRequest request = w.acquire.request();
      boolean read = request.kind() == GitHubRequest.Kind.READ;
      boolean free = PacingPolicy.free(request);
      // Once a lane is blocked, the lower priorities behind it wait too: nobody overtakes.
      if (!free && (read ? readsBlocked : writesBlocked)) {
        continue;
      }
      PacingPolicy.Verdict verdict = policy.decide(request, now);
      if (verdict instanceof PacingPolicy.Verdict.Go) {
        policy.started(request, now);
        grant.add(w);
        continue;
      }
      w.held = true;
      if (verdict instanceof PacingPolicy.Verdict.WaitUntil until
          && (wake == null || until.at().isBefore(wake))) {
        wake = until.at();
      }
      if (!free) {
        if (read) readsBlocked = true;
        else writesBlocked = true;
      }
      if (readsBlocked && writesBlocked && wake != null) {
        break;
      }
    }
    for (Waiter w : grant) {
      waiting.remove(w);
      long id = PERMIT_IDS.incrementAndGet();
      inFlight.put(id, w.acquire.request());
      granted++;
      if (w.held) {
        waits++;
        Duration thisWait = Duration.ofNanos(System.nanoTime() - w.enqueuedNanos);
        waited = waited.plus(thisWait);
        events.waited(thisWait);
      }
      w.acquire.replyTo().tell(new Permit(id));
    }
    if (wake != null) {
      Duration delay = Duration.between(now, wake);
      timers.startSingleTimer(
          "wake", new Wake(), delay.isNegative() || delay.isZero() ? Duration.ofMillis(1) : delay);
    }
    return this;
  }
}
