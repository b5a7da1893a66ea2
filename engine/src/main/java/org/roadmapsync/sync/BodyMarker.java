package org.roadmapsync.sync;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roadmapsync.roadmap.BodyText;

/**
 * The hidden line at the end of a GitHub issue's body that names the roadmap issue it copies: how a
 * publish cut off by a crash finds the issue it created instead of creating another, and what the
 * mapping leaves out of the body both ways.
 */
public final class BodyMarker {

  private static final Pattern MARKER_LINE =
      Pattern.compile("(?m)^[ \\t]*<!-- roadmap-sync:id=(\\S+) -->[ \\t]*(?:\\r\\n|\\r|\\n|$)");

  private BodyMarker() {}

  /** The hidden line that marks a GitHub issue as the copy of a roadmap issue. */
  public static String marker(String roadmapId) {
    if (roadmapId == null
        || roadmapId.isBlank()
        || roadmapId.chars().anyMatch(Character::isWhitespace)
        || roadmapId.contains("-->")) {
      throw new IllegalArgumentException(
          "'" + roadmapId + "' cannot be put in a marker: not a roadmap id");
    }
    return "<!-- roadmap-sync:id=" + roadmapId + " -->";
  }

  /** The roadmap id a GitHub body is marked with, if any. */
  public static Optional<String> markedId(String githubBody) {
    if (githubBody == null) {
      return Optional.empty();
    }
    Matcher m = MARKER_LINE.matcher(githubBody);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static String withMarker(String roadmapId, String body) {
    String text = BodyText.normalise(body);
    return text.isEmpty() ? marker(roadmapId) : text + "\n\n" + marker(roadmapId);
  }

  static String stripMarker(String githubBody) {
    return githubBody == null ? "" : MARKER_LINE.matcher(githubBody).replaceAll("");
  }
}
