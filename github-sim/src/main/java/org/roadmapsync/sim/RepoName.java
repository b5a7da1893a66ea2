package org.roadmapsync.sim;

import java.util.Locale;
import java.util.regex.Pattern;

/** {@code owner/name}, validated the way GitHub names are. */
public record RepoName(String owner, String name) {
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]+");

  public RepoName {
    if (owner == null
        || !PART.matcher(owner).matches()
        || name == null
        || !PART.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "repository must be owner/name, was " + owner + "/" + name);
    }
  }

  public static RepoName parse(String fullName) {
    if (fullName == null)
      throw new IllegalArgumentException("repository must be owner/name, was null");
    int slash = fullName.indexOf('/');
    if (slash <= 0 || slash != fullName.lastIndexOf('/')) {
      throw new IllegalArgumentException("repository must be owner/name, was '" + fullName + "'");
    }
    return new RepoName(fullName.substring(0, slash), fullName.substring(slash + 1));
  }

  /** GitHub matches repository names case-insensitively. */
  String key() {
    return (owner + "/" + name).toLowerCase(Locale.ROOT);
  }

  public String fullName() {
    return owner + "/" + name;
  }

  @Override
  public String toString() {
    return fullName();
  }
}
