package org.roadmapsync.sim;

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
    Optional<WebhookTarget> webhook) {

  public SimSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(login, "login");
    repos = List.copyOf(repos);
    assignableLogins = List.copyOf(assignableLogins);
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(webhook, "webhook");
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
        host, newPort, token, login, repos, assignableLogins, limits, clockSpeed, webhook);
  }

  public SimSettings withLogin(String newLogin) {
    return new SimSettings(
        host, port, token, newLogin, repos, assignableLogins, limits, clockSpeed, webhook);
  }

  public SimSettings withAssignable(String... logins) {
    return new SimSettings(
        host, port, token, login, repos, List.of(logins), limits, clockSpeed, webhook);
  }

  public SimSettings withLimits(SimLimits newLimits) {
    return new SimSettings(
        host, port, token, login, repos, assignableLogins, newLimits, clockSpeed, webhook);
  }

  public SimSettings withClockSpeed(double speed) {
    return new SimSettings(
        host, port, token, login, repos, assignableLogins, limits, speed, webhook);
  }

  public SimSettings withWebhook(WebhookTarget target) {
    return new SimSettings(
        host, port, token, login, repos, assignableLogins, limits, clockSpeed, Optional.of(target));
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
        + "]";
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
