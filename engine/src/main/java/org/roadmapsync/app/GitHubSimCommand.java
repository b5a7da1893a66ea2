package org.roadmapsync.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code roadmap-sync github-sim}: the GitHub simulator alone, until the process is stopped. */
@Command(
    name = "github-sim",
    mixinStandardHelpOptions = true,
    description =
        "Run the GitHub simulator (REST API, limits, faults, webhooks; control API under /_sim/).")
public final class GitHubSimCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "Port; 0 = any free port, logged (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--token",
      defaultValue = "${env:GITHUB_SIM_TOKEN}",
      description = "The token clients must send (or env GITHUB_SIM_TOKEN).")
  String token;

  @Option(names = "--repo", description = "owner/name of a repository that exists; repeatable.")
  List<String> repos = new ArrayList<>();

  @Option(names = "--login", defaultValue = "sim-user", description = "Login of the token's user.")
  String login;

  @Option(
      names = "--assignable",
      split = ",",
      description = "Logins that can be assigned, besides the owner.")
  List<String> assignable = new ArrayList<>();

  @Option(names = "--webhook-url", description = "Where webhooks are delivered.")
  String webhookUrl;

  @Option(
      names = "--webhook-secret",
      defaultValue = "${env:GITHUB_SIM_WEBHOOK_SECRET}",
      description = "HMAC secret for X-Hub-Signature-256 (or env GITHUB_SIM_WEBHOOK_SECRET).")
  String webhookSecret;

  @Option(
      names = "--webhook-loss-rate",
      defaultValue = "0",
      description = "Share of deliveries dropped, 0..1.")
  double lossRate;

  @Option(
      names = "--webhook-duplicate-rate",
      defaultValue = "0",
      description = "Share of deliveries sent twice, 0..1.")
  double duplicateRate;

  @Option(
      names = "--clock-speed",
      defaultValue = "1",
      description = "Simulated seconds per real second (60 = an hour a minute).")
  double clockSpeed;

  @Option(
      names = "--rate-limit",
      defaultValue = "5000",
      description = "Primary limit: requests per window.")
  int rateLimit;

  @Option(
      names = "--rate-window-seconds",
      defaultValue = "3600",
      description = "Primary window, simulated seconds.")
  long rateWindow;

  @Option(
      names = "--max-concurrent",
      defaultValue = "100",
      description = "Secondary: requests in flight; 0 = off.")
  int maxConcurrent;

  @Option(
      names = "--writes-per-minute",
      defaultValue = "80",
      description = "Secondary: writes per minute; 0 = off.")
  int writesPerMinute;

  @Option(
      names = "--writes-per-hour",
      defaultValue = "500",
      description = "Secondary: writes per hour; 0 = off.")
  int writesPerHour;

  @Option(
      names = "--min-write-spacing-ms",
      defaultValue = "0",
      description = "Secondary: least time between writes.")
  long minWriteSpacingMs;

  @Option(
      names = "--no-retry-after",
      description = "Answer secondary-limit violations without retry-after.")
  boolean noRetryAfter;

  @Option(
      names = "--app-id",
      description = "Also play a GitHub App with this App ID (needs --app-public-key).")
  Long appId;

  @Option(
      names = "--app-public-key",
      paramLabel = "PEM",
      description =
          "The App's public key (-----BEGIN PUBLIC KEY-----, openssl rsa -in app.pem -pubout):"
              + " its JWTs are verified with it.")
  Path appPublicKey;

  @Option(
      names = "--app-installation-id",
      defaultValue = "4242",
      description = "The id of the App's installation, which covers every --repo.")
  long appInstallationId;

  @Option(
      names = "--app-token-minutes",
      defaultValue = "60",
      description =
          "Lifetime of an installation token, simulated minutes (GitHub's 60; with"
              + " --clock-speed 600 that is 6 real seconds).")
  double appTokenMinutes;

  @Override
  public Integer call() {
    SimSettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      for (String problem : e.getMessage().split("\n"))
        spec.commandLine().getErr().println("github-sim: " + problem);
      return 2;
    }
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "github-sim");
    try {
      GitHubSimulator sim = GitHubSimulator.start(system, settings);
      // Pekko runs CoordinatedShutdown on SIGTERM/Ctrl-C; unbind first so clients see the server go
      // away cleanly
      CoordinatedShutdown.get(system)
          .addTask(CoordinatedShutdown.PhaseServiceUnbind(), "github-sim-unbind", sim::stopAsync);
    } catch (IllegalStateException e) {
      spec.commandLine().getErr().println("github-sim: " + e.getMessage());
      system.terminate();
      return 1;
    }
    system.getWhenTerminated().toCompletableFuture().join();
    return 0;
  }

  SimSettings settings() {
    List<String> problems = new ArrayList<>();
    if (token == null || token.isBlank()) problems.add("--token is required (or GITHUB_SIM_TOKEN)");
    if (repos.isEmpty()) problems.add("--repo owner/name is required at least once");
    if ((webhookUrl == null) != (webhookSecret == null || webhookSecret.isBlank())) {
      problems.add("--webhook-url and --webhook-secret go together");
    }
    Optional<SimSettings.App> app = app(problems);
    if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("\n", problems));
    SimLimits limits =
        new SimLimits(
            rateLimit,
            Duration.ofSeconds(rateWindow),
            maxConcurrent,
            writesPerMinute,
            writesPerHour,
            Duration.ofMillis(minWriteSpacingMs),
            !noRetryAfter,
            Duration.ofSeconds(60),
            403);
    Optional<SimSettings.WebhookTarget> webhook =
        webhookUrl == null
            ? Optional.empty()
            : Optional.of(
                new SimSettings.WebhookTarget(webhookUrl, webhookSecret, lossRate, duplicateRate));
    return new SimSettings(
        host, port, token, login, repos, assignable, limits, clockSpeed, webhook, app);
  }

  private Optional<SimSettings.App> app(List<String> problems) {
    if (appId == null && appPublicKey == null) return Optional.empty();
    if (appId == null || appPublicKey == null) {
      problems.add("--app-id and --app-public-key go together");
      return Optional.empty();
    }
    if (appId <= 0 || appInstallationId <= 0 || !(appTokenMinutes > 0)) {
      problems.add("--app-id, --app-installation-id and --app-token-minutes must be positive");
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SimSettings.App(
              appId,
              SimSettings.App.publicKeyFromPem(Files.readString(appPublicKey)),
              appInstallationId,
              Duration.ofMillis(Math.round(appTokenMinutes * 60_000))));
    } catch (IOException e) {
      problems.add("--app-public-key: cannot read " + appPublicKey + " (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      problems.add("--app-public-key: " + appPublicKey + " is " + e.getMessage());
    }
    return Optional.empty();
  }
}
