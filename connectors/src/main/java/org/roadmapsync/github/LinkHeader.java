package org.roadmapsync.github;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed RFC 8288 {@code Link} header as GitHub sends it for pagination: {@code
 * <https://api.github.com/...&page=2>; rel="next", <...>; rel="last"}.
 */
public record LinkHeader(Map<String, URI> relations) {

  private static final Pattern LINK = Pattern.compile("\\s*<([^>]*)>\\s*((?:;\\s*[^;,]+)*)\\s*");
  private static final Pattern REL =
      Pattern.compile(";\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");

  public static final LinkHeader NONE = new LinkHeader(Map.of());

  public LinkHeader {
    relations = Map.copyOf(relations);
  }

  public Optional<URI> next() {
    return Optional.ofNullable(relations.get("next"));
  }

  /**
   * Parses the header; a malformed one is a {@link GitHubError.BrokenLink}, never a silent "no more
   * pages".
   */
  public static LinkHeader parse(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    Map<String, URI> relations = new LinkedHashMap<>();
    for (String part : splitLinks(header)) {
      Matcher link = LINK.matcher(part);
      if (!link.matches()) {
        throw broken(header, "not <uri>; params: " + part.strip());
      }
      URI uri;
      try {
        uri = new URI(link.group(1).strip());
      } catch (URISyntaxException e) {
        throw broken(header, "bad URI " + link.group(1));
      }
      if (!uri.isAbsolute()) {
        throw broken(header, "relative URI " + uri);
      }
      Matcher rel = REL.matcher(link.group(2));
      if (!rel.find()) {
        throw broken(header, "no rel in " + part.strip());
      }
      String names = rel.group(1) != null ? rel.group(1) : rel.group(2);
      for (String name : names.trim().split("\\s+")) {
        relations.putIfAbsent(name, uri);
      }
    }
    return new LinkHeader(relations);
  }

  // commas separate links but may also appear inside <...> of a URI
  private static Iterable<String> splitLinks(String header) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"' && depth == 0) {
        quoted = !quoted;
      } else if (!quoted && c == '<') {
        depth++;
      } else if (!quoted && c == '>') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(header.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(header.substring(start));
    if (depth != 0 || quoted) {
      throw broken(header, "unbalanced <> or quotes");
    }
    return parts;
  }

  private static GitHubException broken(String header, String reason) {
    return new GitHubException(new GitHubError.BrokenLink(header, reason));
  }
}
