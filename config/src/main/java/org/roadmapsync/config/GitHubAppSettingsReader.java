package org.roadmapsync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code ROADMAP_GITHUB_APP_ID}, {@code _PRIVATE_KEY} and {@code _INSTALLATION_ID}: all or
 * none of the first two, never beside {@code GITHUB_TOKEN}. The key is a secret: problems name the
 * setting and what is wrong, never its value.
 */
final class GitHubAppSettingsReader {

  static final String KEY_ACCEPTED =
      "the GitHub App's private key: the path of its .pem file or the PEM text itself"
          + " (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)";

  private final Function<String, RawSetting> raw;
  private final List<String> problems;

  GitHubAppSettingsReader(Function<String, RawSetting> raw, List<String> problems) {
    this.raw = raw;
    this.problems = problems;
  }

  /** Empty when no App setting is given: the service uses {@code GITHUB_TOKEN}, or nothing. */
  Optional<GitHubApp> read(boolean tokenGiven) {
    RawSetting id = raw.apply("ROADMAP_GITHUB_APP_ID");
    RawSetting key = raw.apply("ROADMAP_GITHUB_APP_PRIVATE_KEY");
    RawSetting installation = raw.apply("ROADMAP_GITHUB_APP_INSTALLATION_ID");
    if (id.isBlank() && key.isBlank() && installation.isBlank()) {
      return Optional.empty();
    }
    int before = problems.size();
    if (tokenGiven) {
      problems.add(
          raw.apply("GITHUB_TOKEN").name()
              + " and "
              + id.name()
              + " (a GitHub App) are both set; choose one: a personal access token"
              + " or the App's settings (ROADMAP_GITHUB_APP_ID, _PRIVATE_KEY, _INSTALLATION_ID)");
    }
    Optional<Long> appId = Optional.empty();
    if (id.isBlank()) {
      // a missing setting is named by its variable, the way most deployments set it
      problems.add(
          "ROADMAP_GITHUB_APP_ID"
              + ": not set, but other GitHub App settings are; expected the App ID of the App's"
              + " settings page (a positive whole number)");
    } else {
      appId = HoconSections.positiveWholeNumber(id.value());
      if (appId.isEmpty()) {
        problems.add(id.problem("a positive whole number: the App ID of the App's settings page"));
      }
    }
    Optional<AppPrivateKey> privateKey = privateKey(key);
    Optional<Long> installationId = Optional.empty();
    if (!installation.isBlank()) {
      installationId = HoconSections.positiveWholeNumber(installation.value());
      if (installationId.isEmpty()) {
        problems.add(
            installation.problem(
                "a positive whole number: the installation's id (the end of its settings URL);"
                    + " unset, it is found from the repository"));
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new GitHubApp(appId.orElseThrow(), privateKey.orElseThrow(), installationId));
  }

  private Optional<AppPrivateKey> privateKey(RawSetting key) {
    if (key.isBlank()) {
      problems.add("ROADMAP_GITHUB_APP_PRIVATE_KEY: not set; expected " + KEY_ACCEPTED);
      return Optional.empty();
    }
    String value = key.value().trim();
    String pem;
    if (value.startsWith("-----BEGIN")) {
      pem = value;
    } else {
      Optional<String> read = readFile(value);
      if (read.isEmpty()) {
        problems.add(
            key.name()
                + ": the value given is neither PEM text nor the path of a readable file;"
                + " expected "
                + KEY_ACCEPTED);
        return Optional.empty();
      }
      pem = read.get();
    }
    try {
      return Optional.of(AppPrivateKey.fromPem(pem));
    } catch (IllegalArgumentException e) {
      problems.add(
          key.name()
              + ": the key given is not accepted ("
              + e.getMessage()
              + "); expected "
              + KEY_ACCEPTED);
      return Optional.empty();
    }
  }

  private static Optional<String> readFile(String path) {
    try {
      Path file = Path.of(path);
      return Files.isRegularFile(file) && Files.isReadable(file)
          ? Optional.of(Files.readString(file))
          : Optional.empty();
    } catch (InvalidPathException | IOException e) {
      return Optional.empty();
    }
  }
}
