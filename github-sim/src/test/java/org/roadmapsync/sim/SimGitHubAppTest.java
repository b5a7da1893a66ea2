package org.roadmapsync.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator plays a GitHub App: JWTs verified for real (RS256 against the public key it was
 * given, GitHub's time rules and 401 messages), installation tokens that work like the personal
 * token until they expire on the simulated clock, an installation that can be suspended or deleted;
 * the answers validate against GitHub's OpenAPI description ({@code openapi-app-subset.json}).
 */
class SimGitHubAppTest {
  static final ActorTestKit testKit = ActorTestKit.create("SimGitHubAppTest", ConfigFactory.load());
  static final long APP_ID = 31337;
  static final KeyPair APP_KEY = rsa();
  static final KeyPair OTHER_KEY = rsa();
  static final String REPO = "octo-org/roadmap";
  static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults("ghp_personal", REPO)
              .withLimits(SimLimits.unlimited())
              .withApp(SimSettings.App.of(APP_ID, (RSAPublicKey) APP_KEY.getPublic())));
  static final SimHttp http = new SimHttp(testKit.system(), sim.baseUrl(), "ghp_personal");
  static final String EXCHANGE =
      "/app/installations/" + SimSettings.App.DEFAULT_INSTALLATION_ID + "/access_tokens";

  @AfterAll
  static void stop() {
    sim.stop();
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void reset() {
    sim.control().reset();
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String jwt(KeyPair key, Object issuer, Instant issuedAt, Instant expiresAt) {
    var builder = JWT.create().withIssuedAt(issuedAt).withExpiresAt(expiresAt);
    builder =
        issuer instanceof Long id
            ? builder.withClaim("iss", id)
            : builder.withIssuer(String.valueOf(issuer));
    return builder.sign(Algorithm.RSA256(null, (RSAPrivateKey) key.getPrivate()));
  }

  static String validJwt() {
    Instant now = Instant.now();
    return jwt(APP_KEY, APP_ID, now.minusSeconds(60), now.plus(Duration.ofMinutes(9)));
  }

  private static SimHttp.Answer exchange(String jwt) {
    return http.post(EXCHANGE, null, "Authorization", "Bearer " + jwt);
  }

  private static String refusal(String jwt) {
    SimHttp.Answer answer = exchange(jwt);
    assertEquals(401, answer.status(), answer.text());
    return answer.json().get("message").asText();
  }

  @Test
  void aJwtOfTheAppBuysAnInstallationTokenThatWorksLikeAToken() {
    SimHttp.Answer answer = exchange(validJwt());
    assertEquals(201, answer.status(), answer.text());
    JsonNode body = answer.json();
    assertEquals(
        "",
        OpenApiSchemas.problems(
            "openapi-app-subset.json", "/components/schemas/installation-token", body));
    Instant expiresAt = Instant.parse(body.get("expires_at").asText());
    assertThat(expiresAt)
        .isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plusSeconds(3600));
    String token = body.get("token").asText();
    assertThat(token).startsWith("ghs_");

    SimHttp.Answer repo = http.get("/repos/" + REPO, "Authorization", "token " + token);
    assertEquals(200, repo.status(), repo.text());
    assertEquals(1, sim.control().app().get("exchanges").asInt());
    // the exchange is metered on the App's own budget, not the installation's
    assertEquals(String.valueOf(FrontDoor.APP_LIMIT), answer.header("x-ratelimit-limit").get());
  }

  @Test
  void theInstallationIsFoundFromTheRepositoryWithTheJwtOnly() {
    SimHttp.Answer found =
        http.get("/repos/" + REPO + "/installation", "Authorization", "Bearer " + validJwt());
    assertEquals(200, found.status(), found.text());
    assertEquals(
        "",
        OpenApiSchemas.problems(
            "openapi-app-subset.json", "/components/schemas/installation", found.json()));
    assertEquals(SimSettings.App.DEFAULT_INSTALLATION_ID, found.json().get("id").asLong());
    assertEquals(APP_ID, found.json().get("app_id").asLong());

    assertEquals(401, http.get("/repos/" + REPO + "/installation").status(), "a token is no JWT");
    assertEquals(
        404,
        http.get("/repos/octo-org/other/installation", "Authorization", "Bearer " + validJwt())
            .status());
  }

  @Test
  void jwtsGitHubWouldRefuseAreRefusedWithItsMessages() {
    Instant now = Instant.now();
    assertEquals(
        AppJwtVerifier.UNDECODABLE,
        refusal(jwt(OTHER_KEY, APP_ID, now.minusSeconds(60), now.plusSeconds(540))),
        "signed with another key");
    assertEquals(
        AppJwtVerifier.EXPIRED,
        refusal(jwt(APP_KEY, APP_ID, now.minusSeconds(700), now.minusSeconds(100))),
        "expired");
    assertEquals(
        AppJwtVerifier.TOO_LONG,
        refusal(jwt(APP_KEY, APP_ID, now.minusSeconds(60), now.plus(Duration.ofMinutes(11)))),
        "exp more than 10 minutes ahead");
    assertEquals(
        AppJwtVerifier.ISSUED_LATER,
        refusal(jwt(APP_KEY, APP_ID, now.plusSeconds(300), now.plusSeconds(500))),
        "issued in the future");
    assertEquals(
        AppJwtVerifier.OTHER_APP,
        refusal(jwt(APP_KEY, 1L, now.minusSeconds(60), now.plusSeconds(540))),
        "another App's id");
    assertEquals(AppJwtVerifier.UNDECODABLE, refusal("not.a.jwt"));
    String unsigned =
        Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    ("{\"iss\":"
                            + APP_ID
                            + ",\"iat\":"
                            + now.getEpochSecond()
                            + ",\"exp\":"
                            + (now.getEpochSecond() + 300)
                            + "}")
                        .getBytes())
            + ".";
    assertEquals(AppJwtVerifier.UNDECODABLE, refusal(unsigned), "alg none");
    assertEquals(
        AppJwtVerifier.UNDECODABLE, refusal("ghp_personal"), "the personal token is no JWT");

    assertEquals(
        201,
        exchange(jwt(APP_KEY, String.valueOf(APP_ID), now.minusSeconds(60), now.plusSeconds(540)))
            .status(),
        "the App ID as a string is fine too");
    assertEquals(8, sim.control().app().get("refused_jwts").asInt());
  }

  @Test
  void anInstallationTokenExpiresOnTheSimulatedClock() {
    String token = exchange(validJwt()).json().get("token").asText();
    assertEquals(200, http.get("/repos/" + REPO, "Authorization", "token " + token).status());
    sim.control().advanceClock(Duration.ofMinutes(59));
    assertEquals(200, http.get("/repos/" + REPO, "Authorization", "token " + token).status());
    sim.control().advanceClock(Duration.ofMinutes(2));
    SimHttp.Answer expired = http.get("/repos/" + REPO, "Authorization", "token " + token);
    assertEquals(401, expired.status());
    assertEquals("Bad credentials", expired.json().get("message").asText());
    assertEquals(1, sim.control().app().get("expired_token_requests").asInt());
  }

  @Test
  void aRevokedInstallationRefusesItsTokensAndTheExchange() {
    String token = exchange(validJwt()).json().get("token").asText();
    sim.control().setInstallation("suspended");
    assertEquals(401, http.get("/repos/" + REPO, "Authorization", "token " + token).status());
    SimHttp.Answer suspended = exchange(validJwt());
    assertEquals(403, suspended.status());
    assertEquals("This installation has been suspended", suspended.json().get("message").asText());

    SimHttp.Answer deleted = http.put("/_sim/app/installation", "{\"state\":\"deleted\"}");
    assertEquals(200, deleted.status(), deleted.text());
    assertEquals("deleted", deleted.json().get("installation").asText());
    assertEquals(404, exchange(validJwt()).status());
    assertEquals(
        404,
        http.get("/repos/" + REPO + "/installation", "Authorization", "Bearer " + validJwt())
            .status());

    assertEquals(400, http.put("/_sim/app/installation", "{\"state\":\"gone\"}").status());
    sim.control().setInstallation("active");
    assertEquals(201, exchange(validJwt()).status());
    // the personal token keeps working throughout: the two are independent
    assertEquals(200, http.get("/repos/" + REPO).status());
  }

  @Test
  void theAppsPublicKeyIsReadFromPem() {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(APP_KEY.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    assertEquals(APP_KEY.getPublic(), SimSettings.App.publicKeyFromPem(pem));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> SimSettings.App.publicKeyFromPem("junk"));
    assertThat(SimSettings.App.of(APP_ID, (RSAPublicKey) APP_KEY.getPublic()).toString())
        .doesNotContain("modulus");
  }
}
