package org.roadmapsync.sync;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden last line of a GitHub comment that sync posted for a roadmap comment: how a post cut
 * off by a crash finds the comment it created instead of posting it twice. It is left out of the
 * text both ways.
 */
final class CommentMarker {

  /** The marker, and the blank line sync puts before it (a web edit may have made it CRLF). */
  private static final Pattern SUFFIX =
      Pattern.compile(
          "(?:\\r?\\n\\r?\\n)?<!-- roadmap-sync:comment=(\\S+?)/(\\d{1,9}) -->[ \\t\\r\\n]*\\z");

  private CommentMarker() {}

  static String withMarker(String issueId, int commentId, String text) {
    String marker = "<!-- roadmap-sync:comment=" + issueId + "/" + commentId + " -->";
    return text.isEmpty() ? marker : text + "\n\n" + marker;
  }

  static String strip(String githubBody) {
    return githubBody == null ? "" : SUFFIX.matcher(githubBody).replaceFirst("");
  }

  static Optional<Integer> postedFor(String githubBody, String issueId) {
    if (githubBody == null) {
      return Optional.empty();
    }
    Matcher m = SUFFIX.matcher(githubBody);
    return m.find() && m.group(1).equals(issueId)
        ? Optional.of(Integer.parseInt(m.group(2)))
        : Optional.empty();
  }
}
