package org.roadmapsync.github;

import java.time.Duration;
import java.time.Instant;

/**
 * When an installation token is renewed: five minutes before it expires (GitHub's tokens live an
 * hour), or a fifth of its life before for a shorter one (a simulator with a fast clock), so a
 * request never leaves with a token that could expire on the way. Pure.
 */
public final class TokenRenewal {

  /** How long before expiry an hour-long token is renewed. */
  public static final Duration LEAD = Duration.ofMinutes(5);

  private TokenRenewal() {}

  /**
   * @param receivedAt when the token arrived, by this machine's clock
   * @param expiresAt GitHub's {@code expires_at}
   */
  public static Instant renewAt(Instant receivedAt, Instant expiresAt) {
    Duration life = Duration.between(receivedAt, expiresAt);
    if (life.isNegative() || life.isZero()) {
      return receivedAt; // already expired (a clock far off): renew at once
    }
    Duration fifth = life.dividedBy(5);
    return expiresAt.minus(fifth.compareTo(LEAD) < 0 ? fifth : LEAD);
  }
}
