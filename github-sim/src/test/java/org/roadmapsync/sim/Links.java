package org.roadmapsync.sim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one relation out of a {@code Link} header, the way a client follows pages. The Pekko HTTP
 * client parses the header and renders {@code rel} without quotes, so both spellings are accepted.
 */
final class Links {
  private static final Pattern ENTRY = Pattern.compile("<([^>]+)>;\\s*rel=\"?([a-z]+)\"?");

  private Links() {}

  static String rel(String header, String rel) {
    Matcher m = ENTRY.matcher(header);
    while (m.find()) if (m.group(2).equals(rel)) return m.group(1);
    return null;
  }
}
