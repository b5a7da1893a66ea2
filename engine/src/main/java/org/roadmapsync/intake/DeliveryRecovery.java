package org.roadmapsync.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.Hook;
import org.roadmapsync.github.HookDelivery;
import org.roadmapsync.github.RecentDeliveries;

/**
 * Webhook gap recovery: asks GitHub to send again what each repository's webhook failed to deliver
 * while the service was down or GitHub unreachable (GitHub keeps three days of deliveries). A pass
 * reads, repository by repository, the hook (configured, or the one whose URL ends with {@value
 * #WEBHOOK_PATH}), its deliveries of the window (conditional, newest first, no page past the
 * window), and asks once for each event the intake missed ({@link RedeliveryPlan}). Without a hook
 * it says why in its {@link Report}: polling covers the gap. Every call goes through the client it
 * is given, the governed one at poll priority.
 *
 * <p>A pass runs once webhooks can be received and the roadmap is loaded, and after each gap
 * ({@link Recover}); one at a time, a request during a pass runs one more after it. What it asked
 * for and the hooks it found are kept outside the behavior, so a crash (restarted with backoff,
 * then a new pass) asks for nothing twice.
 */
public final class DeliveryRecovery {

  /** How far back GitHub redelivers. */
  public static final Duration REDELIVERY_WINDOW = Duration.ofDays(3);

  /** Where GitHub delivers to this service: a hook whose URL ends with this is ours. */
  public static final String WEBHOOK_PATH = "/webhooks/github";

  public sealed interface Command {}

  /** Look for missed deliveries now; {@code cause} goes to the log and the report. */
  public record Recover(String cause) implements Command {}

  private record HookChosen(RepoRef repo, Choice choice) implements Command {}

  private record Listed(
      RepoRef repo, HookRef hook, RecentDeliveries recent, Predicate<String> taken)
      implements Command {}

  /** The deliveries could not be read: {@link NoHook} or {@link Failed}. */
  private record ListingFailed(RepoRef repo, HookRef hook, Choice why) implements Command {}

  private record Redelivered(
      RepoRef repo, HookRef hook, RedeliveryPlan plan, List<String> refusedGuids, String error)
      implements Command {}

  /** The webhook a pass reads, and how it was known. */
  private record HookRef(long id, String from) {}

  /** What a repository's pass can go on with. */
  private sealed interface Choice {}

  private record UseHook(HookRef hook) implements Choice {}

  /** No hook to read: gap recovery is off for the repository, for this reason. */
  private record NoHook(String why) implements Choice {}

  /** GitHub could not be asked (5xx, timeout...): tried again after the next gap. */
  private record Failed(String error) implements Choice {}

  /**
   * What outlives a restart of the actor: the guids asked for (and when), and the hooks found by
   * their URL.
   */
  record Memory(Map<String, Instant> asked, Map<RepoRef, Long> found) {
    static final Memory EMPTY = new Memory(Map.of(), Map.of());

    Memory {
      asked = Map.copyOf(asked);
      found = Map.copyOf(found);
    }

    Memory withAsked(List<HookDelivery> deliveries, Instant at) {
      Map<String, Instant> more = new HashMap<>(asked);
      deliveries.forEach(d -> more.put(d.guid(), at));
      return new Memory(more, found);
    }

    Memory withoutAsked(List<String> guids) {
      Map<String, Instant> fewer = new HashMap<>(asked);
      guids.forEach(fewer::remove);
      return new Memory(fewer, found);
    }

    /** GitHub lists no delivery older than the window: what was asked before it can go. */
    Memory forgettingBefore(Instant oldest) {
      return new Memory(
          asked.entrySet().stream()
              .filter(e -> e.getValue().isAfter(oldest))
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
          found);
    }

    Memory withFound(RepoRef repo, Optional<Long> hookId) {
      Map<RepoRef, Long> hooks = new HashMap<>(found);
      hookId.ifPresentOrElse(id -> hooks.put(repo, id), () -> hooks.remove(repo));
      return new Memory(asked, hooks);
    }
  }

  /**
   * {@code /health}'s {@code infrastructure.webhooks}: {@code status} UP when every repository's
   * gap is recovered by redelivery, DEGRADED when one is left to polling (the reason says why),
   * UNKNOWN before the first pass, NOT_CONFIGURED when webhooks are refused.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Report(
      String status,
      String gapRecovery,
      String reason,
      Instant lastRecoveryAt,
      String lastRecoveryCause,
      Map<String, RepositoryReport> repositories) {

    static Report pending() {
      return new Report(
          "UNKNOWN",
          "pending: the webhook deliveries have not been read yet",
          null,
          null,
          null,
          Map.of());
    }

    static Report notConfigured() {
      String why =
          "off: GITHUB_WEBHOOK_SECRET is not set, webhooks are refused; polling brings every change";
      return new Report("NOT_CONFIGURED", why, why, null, null, Map.of());
    }

    static Report of(Map<String, RepositoryReport> repositories, Instant at, String cause) {
      boolean allOn =
          !repositories.isEmpty()
              && repositories.values().stream().allMatch(r -> r.gapRecovery().startsWith("on"));
      String summary =
          repositories.values().stream()
              .map(RepositoryReport::gapRecovery)
              .collect(Collectors.joining("; "));
      return new Report(
          allOn ? "UP" : "DEGRADED",
          repositories.isEmpty() ? "off: no repository to read" : summary,
          allOn ? null : summary,
          at,
          cause,
          Map.copyOf(repositories));
    }
  }

  /**
   * One repository after its last pass.
   *
   * @param missed events of GitHub's window the intake did not get (asked for now or before)
   * @param redeliveriesAsked redeliveries GitHub accepted in that pass
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RepositoryReport(
      Long hookId,
      String gapRecovery,
      Instant checkedAt,
      int missed,
      int redeliveriesAsked,
      String lastError) {}

  /**
   * What a recovery needs.
   *
   * @param configuredHook a repository's configured hook id, if any
   * @param client the governed client, at poll priority
   * @param webhooksAccepted whether the intake takes deliveries at all (a secret is set)
   * @param taken the intake's delivery ids, once read
   * @param ready completes once deliveries can be received (the admin API is bound) and the
   *     entities have their files (the roadmap's first load), as for the pollers' first listing
   */
  public record Wiring(
      List<RepoRef> repositories,
      Function<RepoRef, Optional<Long>> configuredHook,
      GitHubClient client,
      boolean webhooksAccepted,
      Supplier<CompletionStage<Predicate<String>>> taken,
      CompletionStage<?> ready,
      Clock clock) {}

  /** The running recovery: where to ask for a pass, and its last report. */
  public record Handle(ActorRef<Command> ref, Supplier<Report> report) {
    public void afterGap(String cause) {
      ref.tell(new Recover(cause));
    }
  }

  /**
   * @param spawner where the recovery runs: a child of the guardian, or in a cluster a singleton
   *     (the deliveries are asked for again once, not by every node)
   */
  public static Handle spawn(
      BiFunction<Behavior<Command>, String, ActorRef<Command>> spawner, Wiring wiring) {
    AtomicReference<Report> report =
        new AtomicReference<>(
            wiring.webhooksAccepted() ? Report.pending() : Report.notConfigured());
    ActorRef<Command> ref =
        spawner.apply(
            create(wiring, new AtomicReference<>(Memory.EMPTY), report),
            "webhook-delivery-recovery");
    return new Handle(ref, report::get);
  }

  static Behavior<Command> create(
      Wiring wiring, AtomicReference<Memory> memory, AtomicReference<Report> report) {
    return Behaviors.supervise(
            Behaviors.<Command>setup(
                context -> new DeliveryRecovery(context, wiring, memory, report).start()))
        .onFailure(
            SupervisorStrategy.restartWithBackoff(
                Duration.ofMillis(500), Duration.ofSeconds(30), 0.2));
  }

  /**
   * The repositories not done yet in this pass, those done, and why another pass is due, if one was
   * asked for meanwhile.
   */
  private record Pass(
      String cause,
      List<RepoRef> left,
      Map<String, RepositoryReport> done,
      Optional<String> again) {

    RepoRef current() {
      return left.get(0);
    }

    Pass finished(RepositoryReport repository) {
      Map<String, RepositoryReport> all = new LinkedHashMap<>(done);
      all.put(current().toString(), repository);
      return new Pass(cause, left.subList(1, left.size()), all, again);
    }

    Pass requestedAgain(String why) {
      return new Pass(cause, left, done, Optional.of(why));
    }
  }

  private final ActorContext<Command> context;
  private final Wiring wiring;
  private final AtomicReference<Memory> memory;
  private final AtomicReference<Report> report;

  private DeliveryRecovery(
      ActorContext<Command> context,
      Wiring wiring,
      AtomicReference<Memory> memory,
      AtomicReference<Report> report) {
    this.context = context;
    this.wiring = wiring;
    this.memory = memory;
    this.report = report;
  }

  private Behavior<Command> start() {
    if (!wiring.webhooksAccepted()) {
      // nothing could take a redelivery: no call to GitHub, the report says so
      return Behaviors.ignore();
    }
    context.pipeToSelf(wiring.ready(), (ready, error) -> new Recover("start"));
    return idle();
  }

  private Behavior<Command> idle() {
    return Behaviors.receive(Command.class).onMessage(Recover.class, this::begin).build();
  }

  private Behavior<Command> recovering(Pass pass) {
    return Behaviors.receive(Command.class)
        .onMessage(Recover.class, r -> recovering(pass.requestedAgain(r.cause())))
        .onMessage(HookChosen.class, chosen -> onHookChosen(pass, chosen))
        .onMessage(Listed.class, listed -> onListed(pass, listed))
        .onMessage(ListingFailed.class, failed -> onListingFailed(pass, failed))
        .onMessage(Redelivered.class, done -> onRedelivered(pass, done))
        .build();
  }

  private Behavior<Command> begin(Recover recover) {
    memory.updateAndGet(m -> m.forgettingBefore(now().minus(REDELIVERY_WINDOW)));
    return next(
        new Pass(recover.cause(), List.copyOf(wiring.repositories()), Map.of(), Optional.empty()));
  }

  private Behavior<Command> next(Pass pass) {
    if (pass.left().isEmpty()) {
      report.set(Report.of(pass.done(), now(), pass.cause()));
      return pass.again().map(why -> begin(new Recover(why))).orElseGet(this::idle);
    }
    RepoRef repo = pass.current();
    context.pipeToSelf(
        chooseHook(repo),
        (choice, error) ->
            new HookChosen(repo, error == null ? choice : new Failed(GitHubError.describe(error))));
    return recovering(pass);
  }

  private CompletionStage<Choice> chooseHook(RepoRef repo) {
    Optional<Long> configured = wiring.configuredHook().apply(repo);
    if (configured.isPresent()) {
      return CompletableFuture.completedFuture(
          new UseHook(new HookRef(configured.get(), "configured")));
    }
    Long found = memory.get().found().get(repo);
    if (found != null) {
      return CompletableFuture.completedFuture(new UseHook(new HookRef(found, "found")));
    }
    return wiring
        .client()
        .listHooks(repo)
        .handle((hooks, error) -> error == null ? ours(repo, hooks) : refused(repo, error));
  }

  /** The one active hook that delivers to {@value #WEBHOOK_PATH}; two would be a guess. */
  private static Choice ours(RepoRef repo, List<Hook> hooks) {
    List<Hook> ours =
        hooks.stream()
            .filter(Hook::active)
            .filter(h -> h.config().url() != null)
            .filter(h -> stripSlash(h.config().url()).endsWith(WEBHOOK_PATH))
            .toList();
    if (ours.isEmpty()) {
      return new NoHook("no hook found for " + repo + " (none delivers to …" + WEBHOOK_PATH + ")");
    }
    if (ours.size() > 1) {
      return new NoHook(
          ours.size()
              + " hooks of "
              + repo
              + " deliver to …"
              + WEBHOOK_PATH
              + " ("
              + ours.stream().map(h -> Long.toString(h.id())).collect(Collectors.joining(", "))
              + "): name this service's in ROADMAP_GITHUB_HOOK_ID or github.hook-ids");
    }
    return new UseHook(new HookRef(ours.get(0).id(), "found"));
  }

  private static Choice refused(RepoRef repo, Throwable error) {
    if (tokensLimit(error)) {
      return new NoHook(
          "the token may not read the hooks of "
              + repo
              + " ("
              + GitHubError.describe(error)
              + "): it needs admin:repo_hook or repo, and admin rights");
    }
    return new Failed(GitHubError.describe(error));
  }

  private Behavior<Command> onHookChosen(Pass pass, HookChosen chosen) {
    if (chosen.choice() instanceof UseHook use) {
      if (use.hook().from().equals("found")) {
        memory.updateAndGet(m -> m.withFound(chosen.repo(), Optional.of(use.hook().id())));
      }
      list(chosen.repo(), use.hook());
      return recovering(pass);
    }
    if (chosen.choice() instanceof NoHook no) {
      context
          .getLog()
          .info(
              "webhook gap recovery is off for {}: {}; polling covers the gap",
              chosen.repo(),
              no.why());
      return next(pass.finished(off(no.why())));
    }
    String error = ((Failed) chosen.choice()).error();
    context
        .getLog()
        .warn(
            "could not read the webhooks of {} ({}): tried again after the next gap",
            chosen.repo(),
            error);
    return next(pass.finished(failed(chosen.repo(), null, error)));
  }

  private void list(RepoRef repo, HookRef hook) {
    CompletionStage<Listed> listed =
        wiring
            .client()
            .listRecentHookDeliveries(repo, hook.id(), REDELIVERY_WINDOW)
            .thenCombine(
                wiring.taken().get(), (recent, taken) -> new Listed(repo, hook, recent, taken));
    context.pipeToSelf(
        listed,
        (ok, error) ->
            ok != null ? ok : new ListingFailed(repo, hook, unreadable(repo, hook, error)));
  }

  private Behavior<Command> onListed(Pass pass, Listed listed) {
    RedeliveryPlan plan =
        RedeliveryPlan.of(
            listed.recent().deliveries(),
            listed.recent().asOf(),
            REDELIVERY_WINDOW,
            listed.taken(),
            memory.get().asked().keySet(),
            WebhookIntake.SYNCED_EVENTS);
    // marked before asking: a crash meanwhile must not ask twice
    memory.updateAndGet(m -> m.withAsked(plan.redeliver(), now()));
    if (!plan.redeliver().isEmpty()) {
      context
          .getLog()
          .info(
              "asking GitHub to redeliver {} webhook deliveries of {} that did not arrive (hook {})",
              plan.redeliver().size(),
              listed.repo(),
              listed.hook().id());
    }
    context.pipeToSelf(
        redeliverAll(listed.repo(), listed.hook(), plan.redeliver()),
        (refused, error) ->
            new Redelivered(
                listed.repo(),
                listed.hook(),
                plan,
                refused.guids(),
                refused.firstError().orElse(null)));
    return recovering(pass);
  }

  /** Deliveries GitHub did not accept for redelivery, and why the first did not. */
  private record Refused(List<String> guids, Optional<String> firstError) {}

  /** One after the other: they are writes, which the governor spaces anyway. */
  private CompletionStage<Refused> redeliverAll(
      RepoRef repo, HookRef hook, List<HookDelivery> deliveries) {
    CompletionStage<Refused> chain =
        CompletableFuture.completedFuture(new Refused(List.of(), Optional.empty()));
    for (HookDelivery delivery : deliveries) {
      chain =
          chain.thenCompose(
              refused ->
                  wiring
                      .client()
                      .redeliverHookDelivery(repo, hook.id(), delivery.id())
                      .handle(
                          (ok, error) -> {
                            if (error == null) {
                              return refused;
                            }
                            List<String> guids = new ArrayList<>(refused.guids());
                            guids.add(delivery.guid());
                            return new Refused(
                                guids,
                                refused
                                    .firstError()
                                    .or(() -> Optional.of(GitHubError.describe(error))));
                          }));
    }
    return chain;
  }

  private Behavior<Command> onRedelivered(Pass pass, Redelivered done) {
    // a refused request may be asked for again at the next pass
    memory.updateAndGet(m -> m.withoutAsked(done.refusedGuids()));
    if (done.error() != null) {
      context
          .getLog()
          .warn(
              "GitHub refused {} of {} redeliveries for {}: {}",
              done.refusedGuids().size(),
              done.plan().redeliver().size(),
              done.repo(),
              done.error());
    }
    return next(
        pass.finished(
            new RepositoryReport(
                done.hook().id(),
                "on: hook "
                    + done.hook().id()
                    + " of "
                    + done.repo()
                    + " ("
                    + done.hook().from()
                    + ")",
                now(),
                done.plan().missed(),
                done.plan().redeliver().size() - done.refusedGuids().size(),
                done.error())));
  }

  /** A hook that cannot be read any more is forgotten, and looked for again at the next pass. */
  private Behavior<Command> onListingFailed(Pass pass, ListingFailed failed) {
    if (failed.why() instanceof NoHook no) {
      memory.updateAndGet(m -> m.withFound(failed.repo(), Optional.empty()));
      context.getLog().info("webhook gap recovery is off for {}: {}", failed.repo(), no.why());
      return next(pass.finished(off(no.why())));
    }
    String error = ((Failed) failed.why()).error();
    context
        .getLog()
        .warn(
            "could not read the webhook deliveries of {} ({}): tried again after the next gap",
            failed.repo(),
            error);
    return next(pass.finished(failed(failed.repo(), failed.hook().id(), error)));
  }

  private static Choice unreadable(RepoRef repo, HookRef hook, Throwable error) {
    if (tokensLimit(error)) {
      return new NoHook(
          "hook "
              + hook.id()
              + " of "
              + repo
              + " ("
              + hook.from()
              + ") cannot be read ("
              + GitHubError.describe(error)
              + ")");
    }
    return new Failed(GitHubError.describe(error));
  }

  /** 404 and 403: a wrong id or the token's limits, not an outage; waiting does not mend them. */
  private static boolean tokensLimit(Throwable error) {
    return GitHubError.of(error)
        .filter(e -> e instanceof GitHubError.NotFound || e instanceof GitHubError.Forbidden)
        .isPresent();
  }

  private RepositoryReport off(String why) {
    return new RepositoryReport(
        null, "off: " + why + "; polling covers the gap", now(), 0, 0, null);
  }

  private RepositoryReport failed(RepoRef repo, Long hookId, String error) {
    return new RepositoryReport(
        hookId,
        "failed: the webhooks of " + repo + " could not be read; tried again after the next gap",
        now(),
        0,
        0,
        error);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private Instant now() {
    return wiring.clock().instant();
  }
}
