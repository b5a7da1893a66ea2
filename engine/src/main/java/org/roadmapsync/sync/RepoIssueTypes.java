package org.roadmapsync.sync;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The issue types a repository's owner offers ({@code GET /orgs/{org}/issue-types}, enabled ones
 * only); none: the owner has no issue types (a user account), and {@code issue_type} travels as a
 * label.
 */
public record RepoIssueTypes(List<String> names) {

  /** A repository whose owner has no issue types. */
  public static final RepoIssueTypes NONE = new RepoIssueTypes(List.of());

  public RepoIssueTypes {
    names = List.copyOf(names);
  }

  public boolean hasTypes() {
    return !names.isEmpty();
  }

  /** GitHub's spelling of {@code name}, compared ignoring case as GitHub does. */
  public Optional<String> find(String name) {
    return names.stream()
        .filter(n -> n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
