package org.roadmapsync.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** GitHub's page arithmetic and its {@code Link} header. */
final class Paging {
  static final int DEFAULT_PER_PAGE = 30;
  static final int MAX_PER_PAGE = 100;

  private Paging() {}

  static int perPage(Map<String, String> params) {
    int n = number(params, "per_page", DEFAULT_PER_PAGE);
    return Math.max(1, Math.min(MAX_PER_PAGE, n));
  }

  static int page(Map<String, String> params) {
    return Math.max(1, number(params, "page", 1));
  }

  private static int number(Map<String, String> params, String name, int dflt) {
    String v = params.get(name);
    if (v == null || v.isBlank()) return dflt;
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return dflt; // GitHub ignores a page parameter it cannot read
    }
  }

  static <T> List<T> slice(List<T> all, int page, int perPage) {
    int from = (int) Math.min((long) (page - 1) * perPage, all.size());
    return all.subList(from, Math.min(from + perPage, all.size()));
  }

  static int lastPage(int total, int perPage) {
    return Math.max(1, (total + perPage - 1) / perPage);
  }

  /**
   * The {@code Link} header for {@code url} (no query) with the request's other parameters kept.
   */
  static String link(String url, Map<String, String> params, int page, int perPage, int total) {
    int last = lastPage(total, perPage);
    List<String> parts = new ArrayList<>();
    if (page < last) {
      parts.add(entry(url, params, page + 1, perPage, "next"));
      parts.add(entry(url, params, last, perPage, "last"));
    }
    if (page > 1) {
      parts.add(entry(url, params, 1, perPage, "first"));
      parts.add(entry(url, params, Math.min(page - 1, last), perPage, "prev"));
    }
    return String.join(", ", parts);
  }

  private static String entry(
      String url, Map<String, String> params, int page, int perPage, String rel) {
    Map<String, String> q = new TreeMap<>(params);
    q.put("per_page", Integer.toString(perPage));
    q.put("page", Integer.toString(page));
    StringBuilder sb = new StringBuilder("<").append(url).append('?');
    q.forEach(
        (k, v) -> sb.append(UrlPath.encode(k)).append('=').append(UrlPath.encode(v)).append('&'));
    sb.setLength(sb.length() - 1);
    return sb.append(">; rel=\"").append(rel).append('"').toString();
  }
}
