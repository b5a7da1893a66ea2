package org.roadmapsync.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A GitHub repository, {@code owner/name}: validated so that it can go into a URL path unescaped.
 * The one repository type of the project, from the settings to the REST client.
 */
public record RepoRef(String owner, String name) {

  // GitHub logins: letters, digits, single hyphens; repository names also allow '.' and '_'.
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,99})");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  public RepoRef {
    if (owner == null
        || !OWNER.matcher(owner).matches()
        || name == null
        || !NAME.matcher(name).matches()
        || name.equals(".")
        || name.equals("..")) {
      throw new IllegalArgumentException(
          "not a GitHub repository owner/name: " + owner + "/" + name);
    }
  }

  /** {@code owner/name}, or empty when the text is not one. */
  public static Optional<RepoRef> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Parses {@code owner/name}; throws IllegalArgumentException when the text is not one. */
  public static RepoRef parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int slash = trimmed.indexOf('/');
    if (slash < 0 || trimmed.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("expected owner/name, got: " + text);
    }
    return new RepoRef(trimmed.substring(0, slash), trimmed.substring(slash + 1));
  }

  /** {@code /repos/owner/name}, the prefix of every repository route. */
  public String path() {
    return "/repos/" + owner + "/" + name;
  }

  @Override
  public String toString() {
    return owner + "/" + name;
  }
}
