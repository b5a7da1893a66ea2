package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The GitHub App the simulator plays ({@link SimSettings.App}), installed on every simulated
 * repository: it trades verified JWTs for installation tokens, which the front door accepts like
 * the personal token until they expire on the simulated clock. The installation can be suspended or
 * deleted (revoked), as an organisation owner would on GitHub: its tokens stop working at once and
 * the exchange is refused (403 suspended, 404 deleted).
 */
final class SimApp {

  /** What an organisation owner can do to the installation. */
  enum InstallationState {
    ACTIVE,
    SUSPENDED,
    DELETED
  }

  /** How the front door should treat a bearer token. */
  enum TokenCheck {
    VALID,
    EXPIRED,
    NOT_AN_INSTALLATION_TOKEN
  }

  private final SimSettings.App app;
  private final SimClock clock;
  private final AppJwtVerifier verifier;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> expiries = new HashMap<>();
  private InstallationState state = InstallationState.ACTIVE;
  private long exchanges;
  private long refusedJwts;
  private long expiredTokenRequests;
  private Instant lastExpiry;

  SimApp(SimSettings.App app, SimClock clock) {
    this.app = app;
    this.clock = clock;
    this.verifier = new AppJwtVerifier(app);
  }

  long appId() {
    return app.appId();
  }

  /**
   * The bearer JWT of an App request, checked against the real clock (see {@link AppJwtVerifier}).
   */
  synchronized Optional<String> jwtProblem(String jwt) {
    Optional<String> problem = verifier.problem(jwt, Instant.now());
    if (problem.isPresent()) {
      refusedJwts++;
    }
    return problem;
  }

  /** {@code POST /app/installations/{id}/access_tokens}. */
  synchronized SimResponse exchange(long installationId) {
    if (installationId != app.installationId() || state == InstallationState.DELETED) {
      return SimResponse.error(GitHubErrorResponse.notFound());
    }
    if (state == InstallationState.SUSPENDED) {
      return SimResponse.message(403, "This installation has been suspended");
    }
    String token = "ghs_" + HexFormat.of().formatHex(random.generateSeed(18));
    Instant expiry = clock.now().plus(app.tokenLifetime());
    expiries.put(token, expiry);
    exchanges++;
    lastExpiry = expiry;
    ObjectNode body = GitHubShapes.MAPPER.createObjectNode();
    body.put("token", token).put("expires_at", GitHubShapes.time(realExpiry(expiry)));
    body.set("permissions", permissions());
    body.put("repository_selection", "all");
    return SimResponse.created(body);
  }

  /**
   * {@code GET /repos/{owner}/{repo}/installation}: the one installation covers every repository.
   */
  synchronized SimResponse installationOf(String owner, GitHubShapes json, Instant created) {
    if (state == InstallationState.DELETED) {
      return SimResponse.error(GitHubErrorResponse.notFound());
    }
    long id = app.installationId();
    ObjectNode body = GitHubShapes.MAPPER.createObjectNode();
    body.put("id", id);
    body.set("account", json.user(owner));
    body.put("repository_selection", "all")
        .put("access_tokens_url", json.apiRoot() + "/app/installations/" + id + "/access_tokens")
        .put("repositories_url", json.apiRoot() + "/installation/repositories")
        .put(
            "html_url",
            "https://github.com/organizations/" + owner + "/settings/installations/" + id)
        .put("app_id", app.appId())
        .put("app_slug", "roadmap-sync-sim")
        .put("target_id", GitHubShapes.userId(owner))
        .put("target_type", "Organization");
    body.set("permissions", permissions());
    body.putArray("events").add("issues").add("issue_comment").add("pull_request");
    String at = GitHubShapes.time(created.truncatedTo(ChronoUnit.SECONDS));
    body.put("created_at", at).put("updated_at", at).putNull("single_file_name");
    body.putNull("suspended_by");
    body.putNull("suspended_at");
    return SimResponse.ok(body);
  }

  /** Whether {@code token} is one of this installation's, and still good. */
  synchronized TokenCheck check(String token) {
    Instant expiry = expiries.get(token);
    if (expiry == null) {
      return TokenCheck.NOT_AN_INSTALLATION_TOKEN;
    }
    if (state != InstallationState.ACTIVE || !clock.now().isBefore(expiry)) {
      expiredTokenRequests++;
      return TokenCheck.EXPIRED;
    }
    return TokenCheck.VALID;
  }

  synchronized void setState(InstallationState newState) {
    state = newState;
    if (newState != InstallationState.ACTIVE) {
      // GitHub revokes an installation's tokens when it is suspended or uninstalled
      expiries.replaceAll((token, expiry) -> Instant.MIN);
    }
  }

  /** What a test checks: exchanges made, JWTs refused, requests that came with a dead token. */
  synchronized ObjectNode stats() {
    ObjectNode body = GitHubShapes.MAPPER.createObjectNode();
    body.put("app_id", app.appId())
        .put("installation_id", app.installationId())
        .put("installation", state.name().toLowerCase(Locale.ROOT))
        .put("token_lifetime_seconds", app.tokenLifetime().toSeconds())
        .put("exchanges", exchanges)
        .put("refused_jwts", refusedJwts)
        .put("expired_token_requests", expiredTokenRequests)
        .put(
            "last_expires_at",
            lastExpiry == null ? null : GitHubShapes.time(realExpiry(lastExpiry)));
    return body;
  }

  synchronized void reset() {
    expiries.clear();
    state = InstallationState.ACTIVE;
    exchanges = 0;
    refusedJwts = 0;
    expiredTokenRequests = 0;
    lastExpiry = null;
  }

  /**
   * {@code expires_at} as a client must read it: real time, however fast the simulated clock runs
   * (like the rate limit's reset), rounded down to GitHub's whole seconds so a client never
   * believes in a token longer than the simulator does.
   */
  private Instant realExpiry(Instant simulatedExpiry) {
    Duration left = Duration.between(clock.now(), simulatedExpiry);
    return Instant.now()
        .plus(clock.toReal(left.isNegative() ? Duration.ZERO : left))
        .truncatedTo(ChronoUnit.SECONDS);
  }

  private static ObjectNode permissions() {
    return GitHubShapes.MAPPER
        .createObjectNode()
        .put("issues", "write")
        .put("pull_requests", "write")
        .put("contents", "read")
        .put("metadata", "read");
  }
}
