package org.roadmapsync.github;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.roadmapsync.config.AppPrivateKey;

/**
 * The JSON Web Token a GitHub App authenticates with (RS256, signed with its private key): {@code
 * iss} its App ID, {@code iat} a minute in the past and {@code exp} nine minutes ahead, inside
 * GitHub's ten even if this machine's clock is a little off. As credentials, it signs a new one for
 * every request: only the token exchange and the installation lookup use it, a few times an hour.
 */
public final class AppJwt implements GitHubCredentials {

  /** GitHub's advice: backdate {@code iat} by 60 s for clock drift. */
  static final Duration BACKDATE = Duration.ofSeconds(60);

  /** GitHub refuses an {@code exp} more than 10 minutes ahead; keep a minute's margin. */
  static final Duration LIFETIME = Duration.ofMinutes(9);

  private final long appId;
  private final Algorithm algorithm;
  private final Clock clock;

  public AppJwt(long appId, AppPrivateKey key, Clock clock) {
    this.appId = appId;
    this.algorithm = Algorithm.RSA256(null, key.key());
    this.clock = clock;
  }

  public long appId() {
    return appId;
  }

  /** A JWT valid from a minute before {@code now} to nine minutes after. */
  public String sign(Instant now) {
    return JWT.create()
        // a number, the form GitHub has always taken (a string is for the App's client ID)
        .withClaim("iss", appId)
        .withIssuedAt(now.minus(BACKDATE))
        .withExpiresAt(now.plus(LIFETIME))
        .sign(algorithm);
  }

  @Override
  public CompletionStage<GitHubToken> token() {
    return CompletableFuture.completedFuture(new GitHubToken(sign(clock.instant())));
  }

  /** A refused JWT is the App's ID or key: signing again would not help. */
  @Override
  public boolean refused(GitHubToken token) {
    return false;
  }

  @Override
  public String cacheKey() {
    return "app:" + appId;
  }

  @Override
  public String toString() {
    return "AppJwt[appId=" + appId + "]";
  }
}
