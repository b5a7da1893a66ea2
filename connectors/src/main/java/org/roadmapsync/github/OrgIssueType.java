package org.roadmapsync.github;

/**
 * One of an organisation's issue types ({@code GET /orgs/{org}/issue-types}), also an issue's
 * {@code type}; {@code isEnabled} may be absent (null) in an issue's copy.
 */
public record OrgIssueType(long id, String name, String description, Boolean isEnabled) {

  /** A type that can be given to issues: GitHub lists disabled ones too. */
  public boolean usable() {
    return isEnabled == null || isEnabled;
  }
}
