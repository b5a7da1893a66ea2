package org.roadmapsync.sim;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a GitHub App's JWT as GitHub does: RS256 signed by the App's key, issued by the App
 * ({@code iss}), not yet expired, expiring at most 10 minutes ahead, not issued in the future. The
 * times are the real clock's, not the simulated one: the App signs with its own clock, and only the
 * installation tokens live on simulated time. The answers quote GitHub's 401 messages.
 */
final class AppJwtVerifier {

  static final String UNDECODABLE = "A JSON web token could not be decoded";
  static final String EXPIRED =
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at"
          + " which the assertion expires";
  static final String TOO_LONG = "'Expiration time' claim ('exp') is too far in the future";
  static final String ISSUED_LATER =
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was"
          + " issued";
  static final String OTHER_APP = "Integration not found";

  /** GitHub's longest JWT: 10 minutes. */
  static final Duration LONGEST = Duration.ofMinutes(10);

  /** Clocks drift: an {@code iat} this far ahead is still taken. */
  static final Duration DRIFT = Duration.ofSeconds(60);

  private final long appId;
  private final Algorithm algorithm;

  AppJwtVerifier(SimSettings.App app) {
    this.appId = app.appId();
    this.algorithm = Algorithm.RSA256(app.publicKey(), null);
  }

  /** Why {@code jwt} is refused (GitHub's message), or empty when it is the App's and valid. */
  Optional<String> problem(String jwt, Instant now) {
    DecodedJWT decoded;
    try {
      decoded = JWT.decode(jwt);
    } catch (JWTDecodeException e) {
      return Optional.of(UNDECODABLE);
    }
    if (!"RS256".equals(decoded.getAlgorithm())) {
      return Optional.of(UNDECODABLE);
    }
    try {
      algorithm.verify(decoded);
    } catch (SignatureVerificationException e) {
      return Optional.of(UNDECODABLE);
    }
    Optional<Instant> exp = epochSeconds(decoded.getClaim("exp"));
    if (exp.isEmpty() || !exp.get().isAfter(now)) {
      return Optional.of(EXPIRED);
    }
    if (exp.get().isAfter(now.plus(LONGEST))) {
      return Optional.of(TOO_LONG);
    }
    Optional<Instant> iat = epochSeconds(decoded.getClaim("iat"));
    if (iat.isEmpty() || iat.get().isAfter(now.plus(DRIFT))) {
      return Optional.of(ISSUED_LATER);
    }
    if (!issuedByTheApp(decoded.getClaim("iss"))) {
      return Optional.of(OTHER_APP);
    }
    return Optional.empty();
  }

  /** GitHub takes the App ID as a number or a string. */
  private boolean issuedByTheApp(Claim iss) {
    if (iss.isMissing() || iss.isNull()) {
      return false;
    }
    Long asNumber = iss.asLong();
    return asNumber != null ? asNumber == appId : String.valueOf(appId).equals(iss.asString());
  }

  private static Optional<Instant> epochSeconds(Claim claim) {
    if (claim.isMissing() || claim.isNull() || claim.asLong() == null) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(claim.asLong()));
  }
}
