package org.roadmapsync.sim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the simulator is started with. Limits can be changed later through {@link SimControl}.
 * The token and webhook secret are never printed: {@link #toString()} masks them.
 */
public record SimSettings(
    String host,
    int port,
    String token,
    String login,
    List<String> repos,
    List<String> assignableLogins,
    SimLimits limits,
    double clockSpeed,
    Optional<WebhookTarget> webhook,
    Optional<App> app) {

  /** Without a GitHub App: personal-token authentication only, as before. */
  public SimSettings(
      String host,
      int port,
      String token,
      String login,
      List<String> repos,
      List<String> assignableLogins,
      SimLimits limits,
      double clockSpeed,
      Optional<WebhookTarget> webhook) {
    this(
        host,
        port,
        token,
        login,
        repos,
        assignableLogins,
        limits,
        clockSpeed,
        webhook,
        Optional.empty());
  }

  public SimSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(login, "login");
    repos = List.copyOf(repos);
    assignableLogins = List.copyOf(assignableLogins);
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(app, "app");
    if (token.isBlank()) throw new IllegalArgumentException("token must not be blank");
    if (port < 0 || port > 65535)
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    if (!(clockSpeed > 0))
      throw new IllegalArgumentException("clockSpeed must be > 0, was " + clockSpeed);
    for (String repo : repos) RepoName.parse(repo);
  }

  /** Loopback, a port chosen by the OS, GitHub's published limits, real time, no webhooks. */
  public static SimSettings defaults(String token, String... repos) {
    return new SimSettings(
        "127.0.0.1",
        0,
        token,
        "sim-user",
        List.of(repos),
        List.of(),
        SimLimits.github(),
        1.0,
        Optional.empty());
  }

  public SimSettings withPort(int newPort) {
    return new SimSettings(
        host, newPort, token, login, repos, assignableLogins, limits, clockSpeed, webhook, app);
  }

  public SimSettings withLogin(String newLogin) {
    return new SimSettings(
        host, port, token, newLogin, repos, assignableLogins, limits, clockSpeed, webhook, app);
  }

  public SimSettings withAssignable(String... logins) {
    return new SimSettings(
        host, port, token, login, repos, List.of(logins), limits, clockSpeed, webhook, app);
  }

  public SimSettings withLimits(SimLimits newLimits) {
    return new SimSettings(
        host, port, token, login, repos, assignableLogins, newLimits, clockSpeed, webhook, app);
  }

  public SimSettings withClockSpeed(double speed) {
    return new SimSettings(
        host, port, token, login, repos, assignableLogins, limits, speed, webhook, app);
  }

  public SimSettings withWebhook(WebhookTarget target) {
    return new SimSettings(
        host,
        port,
        token,
        login,
        repos,
        assignableLogins,
        limits,
        clockSpeed,
        Optional.of(target),
        app);
  }

  /** The simulator also plays {@code app}: JWT-authenticated App endpoints, installation tokens. */
  public SimSettings withApp(App newApp) {
    return new SimSettings(
        host,
        port,
        token,
        login,
        repos,
        assignableLogins,
        limits,
        clockSpeed,
        webhook,
        Optional.of(newApp));
  }

  @Override
  public String toString() {
    return "SimSettings[host="
        + host
        + ", port="
        + port
        + ", token=***, login="
        + login
        + ", repos="
        + repos
        + ", limits="
        + limits
        + ", clockSpeed="
        + clockSpeed
        + ", webhook="
        + webhook
        + ", app="
        + app
        + "]";
  }

  /**
   * A GitHub App installed on every simulated repository: its JWTs are verified against {@code
   * publicKey} (RS256), and the installation tokens it trades them for live {@code tokenLifetime}
   * of simulated time (GitHub's hour by default; a fast {@code clockSpeed} shortens it in real
   * time).
   */
  public record App(
      long appId, RSAPublicKey publicKey, long installationId, Duration tokenLifetime) {
    public static final long DEFAULT_INSTALLATION_ID = 4242;

    public App {
      Objects.requireNonNull(publicKey, "publicKey");
      if (appId <= 0 || installationId <= 0)
        throw new IllegalArgumentException("app and installation ids must be positive");
      if (tokenLifetime.isNegative() || tokenLifetime.isZero())
        throw new IllegalArgumentException("tokenLifetime must be positive");
    }

    /** GitHub's defaults: installation {@value #DEFAULT_INSTALLATION_ID}, one-hour tokens. */
    public static App of(long appId, RSAPublicKey publicKey) {
      return new App(appId, publicKey, DEFAULT_INSTALLATION_ID, Duration.ofHours(1));
    }

    public App withInstallationId(long id) {
      return new App(appId, publicKey, id, tokenLifetime);
    }

    public App withTokenLifetime(Duration lifetime) {
      return new App(appId, publicKey, installationId, lifetime);
    }

    /**
     * An X.509 {@code -----BEGIN PUBLIC KEY-----} PEM, what {@code openssl rsa -pubout} writes
     * (GitHub keeps this half; the App keeps the private one).
     */
    public static RSAPublicKey publicKeyFromPem(String pem) {
      String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
      if (!pem.contains("-----BEGIN PUBLIC KEY-----") || base64.isEmpty())
        throw new IllegalArgumentException("not a -----BEGIN PUBLIC KEY----- PEM");
      try {
        return (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
      } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
        throw new IllegalArgumentException("not an RSA public key in X.509 PEM form");
      }
    }

    @Override
    public String toString() {
      return "App[appId="
          + appId
          + ", installationId="
          + installationId
          + ", tokenLifetime="
          + tokenLifetime
          + "]";
    }
  }

  /** Where webhook deliveries go, and how unreliable the delivery is. */
  public record WebhookTarget(String url, String secret, double lossRate, double duplicateRate) {
    public WebhookTarget {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(secret, "secret");
      if (lossRate < 0 || lossRate > 1) throw new IllegalArgumentException("lossRate must be 0..1");
      if (duplicateRate < 0 || duplicateRate > 1)
        throw new IllegalArgumentException("duplicateRate must be 0..1");
    }

    public static WebhookTarget reliable(String url, String secret) {
      return new WebhookTarget(url, secret, 0, 0);
    }

    @Override
    public String toString() {
      return "WebhookTarget[url="
          + url
          + ", secret=***, lossRate="
          + lossRate
          + ", duplicateRate="
          + duplicateRate
          + "]";
    }
  }
}
