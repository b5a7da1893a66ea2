package org.roadmapsync.sync;

import org.roadmapsync.persistence.CborSerializable;

/** A roadmap issue's GitHub counterpart: repository {@code owner/name} and issue number. */
public record IssueLink(String repo, long number) implements CborSerializable {

  @Override
  public String toString() {
    return repo + "#" + number;
  }
}
