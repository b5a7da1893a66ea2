package org.roadmapsync.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The git-backed roadmap ({@code ROADMAP_GIT_*}): the service keeps its own clone of {@code remote}
 * in the data folder, and the roadmap folder it syncs is {@code path} inside that clone.
 *
 * @param remote an {@code https://} or {@code file://} URL, or the absolute path of a repository on
 *     disk; never carries credentials (refused by the loader)
 * @param branch the branch to follow; empty: the remote's default branch
 * @param path the roadmap folder inside the repository, relative, normalised ({@code .roadmap})
 * @param cloneDir where the clone lives: {@code <data dir>/git/<name of the remote>}
 */
public record GitSettings(
    String remote,
    Optional<String> branch,
    String path,
    String authorName,
    String authorEmail,
    Path cloneDir) {

  /** The roadmap folder the rest of the service reads and writes. */
  public Path roadmapDir() {
    return path.equals(".") ? cloneDir : cloneDir.resolve(path);
  }

  /** HTTPS remotes get the GitHub token; file remotes need no credentials. */
  public boolean https() {
    return remote.regionMatches(true, 0, "https://", 0, 8);
  }

  /**
   * The remote's last two path segments without {@code .git}, {@code owner/name} for a GitHub URL:
   * what a {@code push} webhook's {@code repository.full_name} is compared with.
   */
  public String repositoryName() {
    String trimmed = remote.replace('\\', '/').replaceAll("/+$", "").replaceAll("\\.git$", "");
    String[] parts = trimmed.split("/");
    if (parts.length < 2) {
      return trimmed;
    }
    return parts[parts.length - 2] + "/" + parts[parts.length - 1];
  }
}
