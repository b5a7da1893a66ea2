package org.roadmapsync.git;

import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.roadmapsync.config.GitSettings;
import org.roadmapsync.config.Secret;

/**
 * The remote and how to authenticate to it: for {@code https://}, the GitHub token as {@code
 * x-access-token}, handed to JGit call by call (never stored in the clone's {@code .git/config});
 * nothing for a file remote.
 */
final class GitRemote {

  private final String url;
  private final Optional<Secret> token;

  GitRemote(GitSettings settings, Optional<Secret> token) {
    this.url = settings.remote();
    this.token = settings.https() ? token : Optional.empty();
  }

  String url() {
    return url;
  }

  /** Null without a token: JGit then asks nobody, and an https remote that needs one says so. */
  CredentialsProvider credentials() {
    return token
        .<CredentialsProvider>map(
            t -> new UsernamePasswordCredentialsProvider("x-access-token", t.value()))
        .orElse(null);
  }

  /**
   * A failure's message, one line, with the token blanked should a transport ever echo it: what the
   * log, {@code /health} and {@code GET /api/git} may show.
   */
  String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null
        && root.getCause() != root
        && (root.getMessage() == null || root.getMessage().isBlank())) {
      root = root.getCause();
    }
    String message = error.getMessage() == null ? "" : error.getMessage();
    if (error.getCause() != null && error.getCause().getMessage() != null) {
      String cause = error.getCause().getMessage();
      if (!message.contains(cause)) {
        message = message.isBlank() ? cause : message + ": " + cause;
      }
    }
    if (message.isBlank()) {
      message = root.getClass().getSimpleName();
    }
    return scrub(message.lines().findFirst().orElse(message));
  }

  String scrub(String text) {
    String result = text;
    if (token.isPresent()) {
      result = result.replace(token.get().value(), "****");
    }
    // a URL with user info (never configured, but a redirect could show one)
    return result.replaceAll("(https?://)[^/@\\s]+@", "$1");
  }
}
