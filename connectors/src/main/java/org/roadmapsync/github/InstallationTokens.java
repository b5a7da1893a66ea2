package org.roadmapsync.github;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.roadmapsync.config.GitHubApp;
import org.roadmapsync.config.RepoRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitHub App's installation tokens as {@link GitHubCredentials}: the first request trades a JWT
 * for a token ({@code POST /app/installations/{id}/access_tokens}, the installation found from the
 * repository when not configured); from {@link TokenRenewal#renewAt} on, the next request renews it
 * and every request meanwhile waits for that one exchange, so none goes out with a token about to
 * expire. A 401 renews too (GitHub may revoke a token early). An exchange GitHub refuses (401, 403,
 * 404: uninstalled, suspended, wrong key) fails the waiting requests with {@link
 * GitHubError.InstallationRefused}; the next request tries again.
 *
 * <p>The App's own requests go out on a client of their own, outside the rate-limit governor: they
 * count against the App's budget, not the installation's (their rate-limit headers would mislead
 * the governor), and a request holding a governor permit while it waits for its token must not wait
 * for a permit of the exchange.
 */
public final class InstallationTokens implements GitHubCredentials {

  private static final Logger log = LoggerFactory.getLogger(InstallationTokens.class);

  /** What {@code /health} shows of the App. */
  public record Status(
      long appId,
      Optional<Long> installationId,
      Optional<Instant> tokenExpiresAt,
      long exchanges) {}

  private record Current(GitHubToken token, Instant expiresAt, Instant renewAt) {}

  private final GitHubClient app;
  private final long appId;
  private final Optional<RepoRef> repo;
  private final Clock clock;
  private final String cacheKey;
  private Long installationId;
  private Current current;
  private CompletableFuture<Current> renewal;
  private long exchanges;

  InstallationTokens(
      GitHubClient app,
      long appId,
      Optional<Long> installationId,
      Optional<RepoRef> repo,
      Clock clock) {
    this.app = app;
    this.appId = appId;
    this.repo = repo;
    this.clock = clock;
    this.installationId = installationId.orElse(null);
    this.cacheKey =
        "app:"
            + appId
            + ":installation:"
            + installationId.map(String::valueOf).orElse(repo.map(RepoRef::toString).orElse(""));
  }

  /**
   * @param appConnection where GitHub is, its timeouts, and the App's {@link AppJwt} as
   *     credentials: the App's own requests use it; the service's take these tokens ({@code
   *     appConnection.withCredentials(tokens)})
   * @param installationId the configured installation; empty: looked for on {@code repo}
   * @param repo the default repository
   */
  public static InstallationTokens of(
      ActorSystem<?> system,
      GitHubClientSettings appConnection,
      Optional<Long> installationId,
      Optional<RepoRef> repo,
      Clock clock) {
    if (!(appConnection.credentials() instanceof AppJwt jwt)) {
      throw new IllegalArgumentException("the App's requests need its JWT as credentials");
    }
    var client = new GitHubClient(system, appConnection, RateLimitListener.NONE);
    return new InstallationTokens(client, jwt.appId(), installationId, repo, clock);
  }

  /** The App of {@code app}, reached with {@code connection}'s URL and timeouts. */
  public static InstallationTokens of(
      ActorSystem<?> system,
      GitHubClientSettings connection,
      GitHubApp app,
      Optional<RepoRef> repo,
      Clock clock) {
    return of(
        system,
        connection.withCredentials(new AppJwt(app.appId(), app.privateKey(), clock)),
        app.installationId(),
        repo,
        clock);
  }

  @Override
  public CompletionStage<GitHubToken> token() {
    synchronized (this) {
      if (current != null && clock.instant().isBefore(current.renewAt())) {
        return CompletableFuture.completedFuture(current.token());
      }
      return renewal().thenApply(Current::token);
    }
  }

  @Override
  public synchronized boolean refused(GitHubToken token) {
    if (current != null && current.token().equals(token)) {
      current = null; // another request may have renewed it already: then keep that one
    }
    return true;
  }

  @Override
  public String cacheKey() {
    return cacheKey;
  }

  public synchronized Status status() {
    return new Status(
        appId,
        Optional.ofNullable(installationId),
        Optional.ofNullable(current).map(Current::expiresAt),
        exchanges);
  }

  /** The exchange under way, or a new one: one at a time, however many requests wait. */
  private CompletableFuture<Current> renewal() {
    if (renewal != null) {
      return renewal;
    }
    CompletableFuture<Current> exchange = exchange().toCompletableFuture();
    renewal = exchange;
    // may run at once (an exchange that failed before any I/O) and clear the field again
    exchange.whenComplete(this::renewed);
    return exchange;
  }

  private synchronized void renewed(Current fresh, Throwable failure) {
    renewal = null;
    if (fresh != null) {
      current = fresh;
      exchanges++;
      log.debug(
          "installation token of the GitHub App {} renewed; it expires at {}, renewed from {}",
          appId,
          fresh.expiresAt(),
          fresh.renewAt());
    } else {
      log.warn(
          "the GitHub App {} got no installation token: {}", appId, GitHubError.describe(failure));
    }
  }

  private CompletionStage<Current> exchange() {
    return installation()
        .thenCompose(
            id ->
                app.createInstallationToken(id)
                    .exceptionallyCompose(failure -> refusal(String.valueOf(id), failure)))
        .thenApply(
            token ->
                new Current(
                    new GitHubToken(token.token()),
                    token.expiresAt(),
                    TokenRenewal.renewAt(clock.instant(), token.expiresAt())));
  }

  private CompletionStage<Long> installation() {
    synchronized (this) {
      if (installationId != null) {
        return CompletableFuture.completedFuture(installationId);
      }
    }
    if (repo.isEmpty()) {
      return CompletableFuture.failedFuture(
          new GitHubException(
              new GitHubError.InstallationRefused(
                  "(unknown)",
                  0,
                  "ROADMAP_GITHUB_APP_INSTALLATION_ID is not set and no default repository names"
                      + " it")));
    }
    return app.repositoryInstallation(repo.get())
        .exceptionallyCompose(failure -> refusal("of " + repo.get(), failure))
        .thenApply(
            found -> {
              synchronized (this) {
                installationId = found.id();
              }
              log.info("the GitHub App {} is installation {} on {}", appId, found.id(), repo.get());
              return found.id();
            });
  }

  /** 401, 403 and 404 mean the App cannot act there; anything else may pass and stays as it is. */
  private static <T> CompletionStage<T> refusal(String installation, Throwable failure) {
    Optional<GitHubError> error = GitHubError.of(failure);
    Optional<GitHubError> refused = error.map(e -> refused(installation, e));
    return CompletableFuture.failedFuture(
        refused.<Throwable>map(GitHubException::new).orElse(failure));
  }

  private static GitHubError refused(String installation, GitHubError error) {
    if (error instanceof GitHubError.Unauthorized u) {
      return new GitHubError.InstallationRefused(installation, 401, u.message());
    }
    if (error instanceof GitHubError.Forbidden f) {
      return new GitHubError.InstallationRefused(installation, 403, f.message());
    }
    if (error instanceof GitHubError.NotFound) {
      return new GitHubError.InstallationRefused(installation, 404, "Not Found");
    }
    return null;
  }

  @Override
  public String toString() {
    return "InstallationTokens[appId=" + appId + ", installation=" + cacheKey + "]";
  }
}
