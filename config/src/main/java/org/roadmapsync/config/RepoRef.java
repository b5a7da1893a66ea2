package org.roadmapsync.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** A GitHub repository, {@code owner/name}. */
public record RepoRef(String owner, String name) {

  // GitHub logins: letters, digits, single hyphens; repository names also allow '.' and '_'.
  private static final Pattern FORMAT =
      Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/([A-Za-z0-9._-]{1,100})");

  public static Optional<RepoRef> parse(String text) {
    var m = FORMAT.matcher(text == null ? "" : text.trim());
    if (!m.matches() || m.group(2).equals(".") || m.group(2).equals("..")) {
      return Optional.empty();
    }
    return Optional.of(new RepoRef(m.group(1), m.group(2)));
  }

  @Override
  public String toString() {
    return owner + "/" + name;
  }
}
