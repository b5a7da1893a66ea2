package org.roadmapsync.api;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * Where an issue can be seen: its GitHub issue's web address ({@code url}) and its roadmap file
 * ({@code file}, relative to the roadmap folder), for the rows of {@code /api/issues} and the
 * dashboard's links.
 */
public final class IssueLocations {

  /** The addresses as of now. */
  interface Locator {
    /** The web page of GitHub issue {@code number} of {@code repo}; null when not linked. */
    String url(String repo, Long number);

    /** The file of roadmap issue {@code id}, relative to the roadmap folder; null when unknown. */
    String file(String id);
  }

  private final IssueFiles files;
  private final String webBase;

  /**
   * @param githubApiUrl {@code ROADMAP_GITHUB_API_URL}: its web pages are derived from it
   */
  public IssueLocations(IssueFiles files, URI githubApiUrl) {
    this.files = files;
    this.webBase = webBase(githubApiUrl);
  }

  CompletionStage<Locator> current() {
    return files
        .current()
        .thenApply(
            snapshot ->
                new Locator() {
                  @Override
                  public String url(String repo, Long number) {
                    return repo == null || number == null
                        ? null
                        : webBase + "/" + repo + "/issues/" + number;
                  }

                  @Override
                  public String file(String id) {
                    return snapshot.fileOf(id);
                  }
                });
  }

  /**
   * GitHub's web address for its API's: {@code https://api.github.com} → {@code
   * https://github.com}; GitHub Enterprise's {@code https://host/api/v3} → {@code https://host};
   * anything else (a proxy, the simulator, whose issues name {@code https://github.com} as their
   * {@code html_url}) → {@code https://github.com}.
   */
  static String webBase(URI api) {
    String path = api.getPath() == null ? "" : api.getPath().replaceAll("/+$", "");
    if (path.toLowerCase(Locale.ROOT).endsWith("/api/v3") && api.getHost() != null) {
      String port = api.getPort() < 0 ? "" : ":" + api.getPort();
      return api.getScheme()
          + "://"
          + api.getHost()
          + port
          + path.substring(0, path.length() - "/api/v3".length());
    }
    return "https://github.com";
  }
}
