package org.roadmapsync.github;

import java.util.regex.Pattern;

/** A repository as {@code owner/name}; validated so it can be put into a URL path unescaped. */
public record RepoRef(String owner, String name) {

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  public RepoRef {
    if (owner == null || !PART.matcher(owner).matches() || name == null || !PART.matcher(name).matches()) {
      throw new IllegalArgumentException("not a GitHub repository owner/name: " + owner + "/" + name);
    }
  }

  /** Parses {@code owner/name}. */
  public static RepoRef parse(String fullName) {
    int slash = fullName == null ? -1 : fullName.indexOf('/');
    if (slash < 0 || fullName.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("expected owner/name, got: " + fullName);
    }
    return new RepoRef(fullName.substring(0, slash), fullName.substring(slash + 1));
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
