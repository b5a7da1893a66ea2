package org.roadmapsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One call to GitHub as a value, so whatever sits in front of the transport (the rate-limit
 * governor) can see what it is about to spend: the method, the target, and the {@link Kind} that
 * decides its cost.
 *
 * @param target path with query relative to the configured base URL ({@code
 *     /repos/o/r/issues?state=all}), or an absolute URL on the same host as given by a {@code Link}
 *     header
 * @param body JSON body, or null
 * @param conditional whether to send {@code If-None-Match} from the ETag cache (or {@code etag})
 * @param etag an ETag the caller kept (e.g. across restarts); used when the cache has none
 */
public record GitHubRequest(
    Method method,
    String target,
    JsonNode body,
    boolean conditional,
    Optional<String> etag,
    Kind kind) {

  public enum Method {
    GET,
    POST,
    PATCH,
    PUT,
    DELETE
  }

  /**
   * GitHub's secondary limits count points: reads 1, writes 5; content creation has its own
   * per-minute cap.
   */
  public enum Kind {
    READ(1),
    WRITE(5),
    CONTENT_CREATING(5);

    public final int points;

    Kind(int points) {
      this.points = points;
    }
  }

  public GitHubRequest {
    etag = etag == null ? Optional.empty() : etag;
  }

  public static GitHubRequest get(String target) {
    return new GitHubRequest(Method.GET, target, null, false, Optional.empty(), Kind.READ);
  }

  /** A GET that may be answered 304 from the ETag cache, free of quota. */
  public static GitHubRequest conditionalGet(String target, Optional<String> etag) {
    return new GitHubRequest(Method.GET, target, null, true, etag, Kind.READ);
  }

  public static GitHubRequest create(String target, JsonNode body) {
    return new GitHubRequest(
        Method.POST, target, body, false, Optional.empty(), Kind.CONTENT_CREATING);
  }

  public static GitHubRequest write(Method method, String target, JsonNode body) {
    return new GitHubRequest(method, target, body, false, Optional.empty(), Kind.WRITE);
  }

  /**
   * The same request aimed at another target (the next page); conditional as before, without a
   * caller ETag.
   */
  public GitHubRequest withTarget(String newTarget) {
    return new GitHubRequest(method, newTarget, body, conditional, Optional.empty(), kind);
  }

  @Override
  public String toString() {
    return method + " " + target + " (" + kind + (conditional ? ", conditional" : "") + ")";
  }
}
