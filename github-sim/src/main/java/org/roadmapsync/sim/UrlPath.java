package org.roadmapsync.sim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of one path segment (URLEncoder encodes for forms, so spaces need fixing). */
final class UrlPath {
  private UrlPath() {}

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
