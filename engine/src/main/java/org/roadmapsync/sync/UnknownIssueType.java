package org.roadmapsync.sync;

import java.util.List;

/**
 * A roadmap {@code issue_type} whose GitHub issue type the repository's owner does not have: the
 * write is not made, and waiting cannot mend it (the file, the name map or the organisation's types
 * must change), so the issue is parked in {@code error} with this message.
 */
public final class UnknownIssueType extends RuntimeException {

  public UnknownIssueType(String roadmapType, String gitHubName, String repo, List<String> types) {
    super(
        "issue_type '"
            + roadmapType
            + "' is the issue type '"
            + gitHubName
            + "', which the owner of "
            + repo
            + " does not have; its issue types: "
            + String.join(", ", types),
        null,
        false,
        false);
  }
}
