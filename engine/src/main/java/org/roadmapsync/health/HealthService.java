package org.roadmapsync.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.persistence.JournalProbe;

/**
 * Assembles {@code /health} from cached checks of the journal and the roadmap folder, and GitHub's
 * last known state.
 */
public final class HealthService {

  static final Duration CACHE_TTL = Duration.ofSeconds(5);
  private static final Duration JOURNAL_TIMEOUT = Duration.ofSeconds(3);

  private final CachedCheck<ComponentHealth> journal;
  private final CachedCheck<ComponentHealth> roadmap;
  private final Supplier<GitHubHealth> github;
  private final Optional<CachedCheck<ComponentHealth>> governor;
  private final Optional<Supplier<Object>> webhooks;
  private final Optional<Supplier<ComponentHealth>> git;
  private volatile Optional<Supplier<Object>> cluster = Optional.empty();

  /**
   * @param webhooks the last report of webhook gap recovery, read from memory like GitHub's state
   */
  public HealthService(
      ActorSystem<?> system,
      ActorRef<JournalProbe.Command> probe,
      Path roadmapDir,
      Executor blocking,
      Supplier<GitHubHealth> github,
      Optional<Supplier<CompletionStage<ComponentHealth>>> governor,
      Optional<Supplier<Object>> webhooks) {
    this(system, probe, roadmapDir, blocking, github, governor, webhooks, Optional.empty());
  }

  /**
   * @param git the git-backed roadmap's state ({@code components.git}), read from memory
   */
  public HealthService(
      ActorSystem<?> system,
      ActorRef<JournalProbe.Command> probe,
      Path roadmapDir,
      Executor blocking,
      Supplier<GitHubHealth> github,
      Optional<Supplier<CompletionStage<ComponentHealth>>> governor,
      Optional<Supplier<Object>> webhooks,
      Optional<Supplier<ComponentHealth>> git) {
    this.webhooks = webhooks;
    this.git = git;
    Clock clock = Clock.systemUTC();
    this.governor = governor.map(check -> new CachedCheck<>(check, CACHE_TTL, clock));
    this.journal =
        new CachedCheck<>(() -> journalRoundTrip(system, probe, clock), CACHE_TTL, clock);
    this.roadmap =
        new CachedCheck<>(
            () -> CompletableFuture.supplyAsync(() -> roadmapFolder(roadmapDir, clock), blocking),
            CACHE_TTL,
            clock);
    this.github = github;
  }

  /** A node of a cluster: its membership and singletons under {@code infrastructure.cluster}. */
  public void showCluster(Supplier<Object> membership) {
    this.cluster = Optional.of(membership);
  }

  public CompletionStage<HealthReport> report() {
    CompletionStage<Optional<ComponentHealth>> pacing =
        governor
            .map(g -> g.get().thenApply(Optional::of))
            .orElse(CompletableFuture.completedFuture(Optional.empty()));
    return journal
        .get()
        .thenCombine(
            roadmap.get(),
            (j, r) -> {
              Map<String, ComponentHealth> components = new LinkedHashMap<>();
              components.put("journal", j);
              components.put("roadmap", r);
              return components;
            })
        .thenCombine(
            pacing,
            (components, g) -> {
              g.ifPresent(state -> components.put("governor", state));
              git.ifPresent(state -> components.put("git", state.get()));
              var report = HealthReport.of(components, github.get(), webhooks.map(Supplier::get));
              cluster.ifPresent(c -> report.infrastructure().put("cluster", c.get()));
              return report;
            });
  }

  private static CompletionStage<ComponentHealth> journalRoundTrip(
      ActorSystem<?> system, ActorRef<JournalProbe.Command> probe, Clock clock) {
    long started = System.nanoTime();
    return AskPattern.<JournalProbe.Command, JournalProbe.State>askWithStatus(
            probe, JournalProbe.Ping::new, JOURNAL_TIMEOUT, system.scheduler())
        .handle(
            (state, error) -> {
              if (error != null) {
                return new ComponentHealth(
                    ComponentHealth.DOWN,
                    "journal write failed: " + GitHubError.describe(error),
                    clock.instant(),
                    Map.of());
              }
              long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
              return new ComponentHealth(
                  ComponentHealth.UP, null, clock.instant(), Map.of("roundTripMs", millis));
            });
  }

  private static ComponentHealth roadmapFolder(Path dir, Clock clock) {
    if (!Files.exists(dir)) {
      return new ComponentHealth(
          ComponentHealth.UNKNOWN,
          "folder does not exist yet",
          clock.instant(),
          Map.of("path", dir.toString()));
    }
    if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
      return new ComponentHealth(
          ComponentHealth.DOWN,
          "folder is not readable",
          clock.instant(),
          Map.of("path", dir.toString()));
    }
    try {
      long files =
          countIssueFiles(dir.resolve("issues")) + countIssueFiles(dir.resolve("archive/issues"));
      return new ComponentHealth(
          ComponentHealth.UP,
          null,
          clock.instant(),
          Map.of("path", dir.toString(), "issueFiles", files));
    } catch (UncheckedIOException e) {
      return new ComponentHealth(
          ComponentHealth.DOWN,
          GitHubError.describe(e),
          clock.instant(),
          Map.of("path", dir.toString()));
    }
  }

  private static long countIssueFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
