package org.roadmapsync.app;

import java.time.Clock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorSystem;
import org.roadmapsync.config.GitHubApp;
import org.roadmapsync.config.Settings;
import org.roadmapsync.github.AppJwt;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.github.InstallationTokens;
import org.roadmapsync.health.GitHubHealth;

/**
 * How the service authenticates to GitHub, chosen once from the settings: {@code GITHUB_TOKEN}, or
 * a GitHub App's installation tokens ({@code ROADMAP_GITHUB_APP_*}), renewed by the transport as
 * they near their expiry. Either way every call goes through the same client and governor; {@code
 * describe} adds to GitHub's health what {@code /health} shows of it.
 */
record GitHubAuthentication(GitHubClientSettings client, UnaryOperator<GitHubHealth> describe) {

  /** Requires {@code github.configured()}. */
  static GitHubAuthentication of(ActorSystem<?> system, Settings.GitHub github, Clock clock) {
    String url = github.apiUrl().toString();
    if (github.app().isPresent()) {
      GitHubApp app = github.app().get();
      GitHubClientSettings appConnection =
          GitHubClientSettings.of(url, new AppJwt(app.appId(), app.privateKey(), clock))
              .withUserAgentVersion(VersionProvider.version());
      InstallationTokens tokens =
          InstallationTokens.of(system, appConnection, app.installationId(), github.repo(), clock);
      return new GitHubAuthentication(
          appConnection.withCredentials(tokens), health -> health.withApp(installation(tokens)));
    }
    return new GitHubAuthentication(
        GitHubClientSettings.of(url, github.token().orElseThrow().value())
            .withUserAgentVersion(VersionProvider.version()),
        UnaryOperator.identity());
  }

  /** The monitor's last view of GitHub, with how the service authenticates. */
  Supplier<GitHubHealth> health(Supplier<GitHubHealth> monitored) {
    return () -> describe.apply(monitored.get());
  }

  private static GitHubHealth.AppInstallation installation(InstallationTokens tokens) {
    InstallationTokens.Status status = tokens.status();
    return new GitHubHealth.AppInstallation(
        status.appId(), status.installationId().orElse(null), status.tokenExpiresAt().orElse(null));
  }
}
