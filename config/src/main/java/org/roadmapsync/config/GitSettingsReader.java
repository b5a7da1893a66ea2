package org.roadmapsync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Reads and checks the {@code ROADMAP_GIT_*} settings for {@link SettingsLoader}. */
final class GitSettingsReader {

  private static final String REMOTE_ACCEPTED =
      "an https:// URL, a file:// URL or the path of a git repository on disk";

  private final Function<String, RawSetting> raw;
  private final List<String> problems;

  GitSettingsReader(Function<String, RawSetting> raw, List<String> problems) {
    this.raw = raw;
    this.problems = problems;
  }

  /** Empty when no remote is set: the roadmap folder is then {@code ROADMAP_DIR} as before. */
  Optional<GitSettings> read(Path dataDir) {
    RawSetting remoteSetting = raw.apply("ROADMAP_GIT_REMOTE");
    RawSetting branchSetting = raw.apply("ROADMAP_GIT_BRANCH");
    RawSetting pathSetting = raw.apply("ROADMAP_GIT_PATH");
    RawSetting nameSetting = raw.apply("ROADMAP_GIT_AUTHOR_NAME");
    RawSetting emailSetting = raw.apply("ROADMAP_GIT_AUTHOR_EMAIL");
    if (remoteSetting.isBlank()) {
      return Optional.empty();
    }
    int before = problems.size();
    String remote = remote(remoteSetting);
    Optional<String> branch = Optional.empty();
    if (!branchSetting.isBlank()) {
      branch = Optional.of(branchSetting.value().trim());
      if (!SettingsLoader.isBranchName(branch.get())) {
        problems.add(branchSetting.problem("a branch name such as main (empty: the remote's)"));
      }
    }
    String path = roadmapPath(pathSetting);
    String name = nameSetting.value().trim();
    if (name.isEmpty() || name.contains("<") || name.contains(">") || name.contains("\n")) {
      problems.add(nameSetting.problem("a name for the service's commits, without < or >"));
    }
    String email = emailSetting.value().trim();
    if (!email.matches("[^\\s<>@]+@[^\\s<>@]+")) {
      problems.add(emailSetting.problem("an e-mail address such as roadmap-sync@localhost"));
    }
    if (problems.size() > before || dataDir == null) {
      return Optional.empty();
    }
    Path cloneDir = dataDir.resolve("git").resolve(cloneName(remote));
    return Optional.of(new GitSettings(remote, branch, path, name, email, cloneDir));
  }

  /** The remote as given, a local path made absolute; never echoed if it carries credentials. */
  private String remote(RawSetting setting) {
    String value = setting.value().trim();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("file://")) {
      URI uri;
      try {
        uri = new URI(value);
      } catch (URISyntaxException e) {
        problems.add(setting.secretProblem(REMOTE_ACCEPTED));
        return value;
      }
      if (uri.getRawUserInfo() != null) {
        // user:token@host: the value is a secret, and the token belongs in GITHUB_TOKEN.
        problems.add(
            setting.secretProblem(
                "a URL without credentials (the token for https:// comes from GITHUB_TOKEN)"));
        return value;
      }
      if (lower.startsWith("https://") && (uri.getHost() == null || uri.getPath().length() < 2)) {
        problems.add(setting.problem(REMOTE_ACCEPTED));
      }
      if (lower.startsWith("file://") && !isRepository(Path.of(uri.getPath()))) {
        problems.add(setting.problem("a file:// URL of an existing git repository"));
      }
      return value;
    }
    if (lower.matches("[a-z][a-z0-9+.-]*://.*") || value.matches("[^/]*@[^/]*:.*")) {
      // ssh://, git://, http://, user@host:path: no credentials the service could give them
      problems.add(setting.problem(REMOTE_ACCEPTED));
      return value;
    }
    try {
      Path local = Path.of(value).toAbsolutePath().normalize();
      if (!isRepository(local)) {
        problems.add(setting.problem("the path of an existing git repository"));
      }
      return local.toString();
    } catch (InvalidPathException e) {
      problems.add(setting.problem(REMOTE_ACCEPTED));
      return value;
    }
  }

  /** A bare repository or a working copy's {@code .git}: enough to fail early on a typo. */
  private static boolean isRepository(Path dir) {
    return Files.isDirectory(dir)
        && (Files.isRegularFile(dir.resolve("HEAD")) || Files.isDirectory(dir.resolve(".git")));
  }

  private String roadmapPath(RawSetting setting) {
    String value = setting.value().trim().replace('\\', '/');
    String accepted = "a folder inside the repository (not its root), such as .roadmap";
    if (value.isEmpty() || value.startsWith("/") || value.matches("[A-Za-z]:.*")) {
      problems.add(setting.problem(accepted));
      return value;
    }
    try {
      Path normal = Path.of(value).normalize();
      String text = normal.toString().replace('\\', '/');
      // the repository's root would put .git inside the watched roadmap folder
      if (text.isEmpty()
          || text.equals(".")
          || text.equals("..")
          || text.startsWith("../")
          || text.equals(".git")
          || text.startsWith(".git/")) {
        problems.add(setting.problem(accepted));
        return value;
      }
      return text;
    } catch (InvalidPathException e) {
      problems.add(setting.problem(accepted));
      return value;
    }
  }

  /** A folder name from the remote's last segment: readable in the data folder. */
  private static String cloneName(String remote) {
    String trimmed = remote.replace('\\', '/').replaceAll("/+$", "").replaceAll("\\.git$", "");
    String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.startsWith(".") ? "roadmap" : safe;
  }
}
