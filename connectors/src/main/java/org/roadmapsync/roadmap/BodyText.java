package org.roadmapsync.roadmap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown body as sync compares it: line endings normalised and surrounding blank lines
 * trimmed, so formatting noise is never a change. A new body is written inside the old body's
 * framing (its leading blank lines, its final line break and its line endings).
 */
public final class BodyText {
  private static final Pattern LEADING_BLANK_LINES = Pattern.compile("^(?:[ \\t]*\\r?\\n)*");

  private BodyText() {}

  public static String normalise(String body) {
    String unix = body.replace("\r\n", "\n").replace('\r', '\n');
    Matcher leading = LEADING_BLANK_LINES.matcher(unix);
    int start = leading.lookingAt() ? leading.end() : 0;
    int end = unix.length();
    while (end > start && Character.isWhitespace(unix.charAt(end - 1))) {
      end--;
    }
    return unix.substring(start, end);
  }

  public static boolean sameContent(String a, String b) {
    return normalise(a).equals(normalise(b));
  }

  static String reframe(String oldBody, String newBody, String eol) {
    String content = normalise(newBody).replace("\n", eol);
    if (oldBody.isEmpty()) {
      return content.isEmpty() ? "" : eol + content + eol;
    }
    Matcher leading = LEADING_BLANK_LINES.matcher(oldBody);
    String prefix = leading.lookingAt() ? oldBody.substring(0, leading.end()) : "";
    String suffix = oldBody.endsWith("\n") || oldBody.endsWith("\r") ? eol : "";
    return content.isEmpty() ? prefix : prefix + content + suffix;
  }
}
