package org.roadmapsync.roadmap;

import java.util.function.Function;

/** The keys of a {@code comments} entry, in the order the {@code roadmap} tool writes them. */
enum CommentKey {
  ID("id", RoadmapComment::id),
  ISSUE_ID("issue_id", RoadmapComment::issueId),
  AUTHOR("author", RoadmapComment::author),
  BODY("body", RoadmapComment::body),
  CREATED_AT("created_at", RoadmapComment::createdAt),
  UPDATED_AT("updated_at", RoadmapComment::updatedAt),
  GITHUB_URL("github_url", RoadmapComment::githubUrl),
  IN_REPLY_TO("in_reply_to", RoadmapComment::inReplyTo);

  final String yaml;
  private final Function<RoadmapComment, Object> value;

  CommentKey(String yaml, Function<RoadmapComment, Object> value) {
    this.yaml = yaml;
    this.value = value;
  }

  /** The comment's value for this key; null when the key is absent or null. */
  Object of(RoadmapComment comment) {
    return value.apply(comment);
  }
}
