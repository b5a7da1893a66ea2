package org.roadmapsync.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.AppPrivateKey;

class AppJwtTest {

  static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  /** A fresh RSA key in the PKCS#8 PEM form, for tests. */
  static String newPem() {
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder()
              .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theJwtCarriesGitHubsClaimsAndVerifiesWithThePublicKey() {
    AppPrivateKey key = AppPrivateKey.fromPem(newPem());
    String jwt = new AppJwt(12345, key, Clock.fixed(NOW, ZoneOffset.UTC)).sign(NOW);

    DecodedJWT decoded =
        JWT.require(Algorithm.RSA256(key.publicKey(), null))
            .acceptExpiresAt(
                Long.MAX_VALUE / 1000) // the fixed time is not now: check the claims below
            .acceptIssuedAt(Long.MAX_VALUE / 1000)
            .build()
            .verify(jwt);
    assertThat(decoded.getAlgorithm()).isEqualTo("RS256");
    assertThat(decoded.getClaim("iss").asLong()).isEqualTo(12345L);
    assertThat(decoded.getIssuedAtAsInstant()).isEqualTo(NOW.minusSeconds(60));
    assertThat(decoded.getExpiresAtAsInstant()).isEqualTo(NOW.plusSeconds(540));
    assertThat(java.time.Duration.between(NOW, decoded.getExpiresAtAsInstant()).toMinutes())
        .as("GitHub refuses an exp more than 10 minutes ahead")
        .isLessThan(10);
  }

  @Test
  void anotherKeyDoesNotVerifyIt() {
    String jwt =
        new AppJwt(1, AppPrivateKey.fromPem(newPem()), Clock.systemUTC()).sign(Instant.now());
    RSAPublicKey other = AppPrivateKey.fromPem(newPem()).publicKey();
    org.junit.jupiter.api.Assertions.assertThrows(
        SignatureVerificationException.class,
        () -> JWT.require(Algorithm.RSA256(other, null)).build().verify(jwt));
  }

  @Test
  void asCredentialsItSignsAFreshJwtAndNeverRenews() throws Exception {
    var clock = Clock.fixed(NOW, ZoneOffset.UTC);
    AppJwt app = new AppJwt(7, AppPrivateKey.fromPem(newPem()), clock);
    GitHubToken token = app.token().toCompletableFuture().get();
    assertThat(JWT.decode(token.reveal()).getClaim("iss").asLong()).isEqualTo(7L);
    assertThat(app.refused(token)).isFalse();
    assertThat(app.cacheKey()).isEqualTo("app:7");
    assertThat(app.toString()).isEqualTo("AppJwt[appId=7]");
  }
}
