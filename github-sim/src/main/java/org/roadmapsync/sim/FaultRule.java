package org.roadmapsync.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The next {@code count} requests whose method and path match answer {@code status}, wait {@code
 * latency} first, lose their connection, or get a body no client should trust.
 *
 * @param method an HTTP method, or {@code *} for any
 * @param pathRegex a regular expression the whole request path must match
 * @param status the status to answer instead of the real one; empty to answer normally
 * @param body what the faulty answer carries
 * @param answerLate the request is carried out at once and only its answer waits {@code latency}:
 *     the client may give up (or die) after GitHub has done the work, the moment that tests
 *     duplicate-free creation
 */
public record FaultRule(
    String method,
    String pathRegex,
    int count,
    Optional<Integer> status,
    Duration latency,
    boolean drop,
    FaultBody body,
    boolean answerLate) {
  /** The body of a faulty answer. */
  public enum FaultBody {
    /** GitHub's JSON error shape with the injected status. */
    GITHUB_ERROR,
    /** An HTML error page, as a proxy or load balancer sends. */
    HTML_PAGE,
    /** {@code application/json} that does not parse. */
    MALFORMED_JSON,
    /** A Content-Length larger than what arrives before the connection closes. */
    TRUNCATED,
    /** A valid JSON array of about 26 MB, over GitHub's 25 MB ceiling for a client to accept. */
    HUGE,
    /** The real answer with a {@code Link} header that does not parse. */
    BROKEN_LINK
  }

  public FaultRule(
      String method,
      String pathRegex,
      int count,
      Optional<Integer> status,
      Duration latency,
      boolean drop) {
    this(method, pathRegex, count, status, latency, drop, FaultBody.GITHUB_ERROR);
  }

  public FaultRule(
      String method,
      String pathRegex,
      int count,
      Optional<Integer> status,
      Duration latency,
      boolean drop,
      FaultBody body) {
    this(method, pathRegex, count, status, latency, drop, body, false);
  }

  public FaultRule {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(latency, "latency");
    Pattern.compile(pathRegex);
    if (count < 1) throw new IllegalArgumentException("count must be >= 1");
    status.ifPresent(
        s -> {
          if (s < 100 || s > 599)
            throw new IllegalArgumentException("status must be 100..599, was " + s);
        });
    if (latency.isNegative()) throw new IllegalArgumentException("latency must be >= 0");
  }

  public static FaultRule status(String method, String pathRegex, int count, int status) {
    return new FaultRule(method, pathRegex, count, Optional.of(status), Duration.ZERO, false);
  }

  public static FaultRule latency(String method, String pathRegex, int count, Duration latency) {
    return new FaultRule(method, pathRegex, count, Optional.empty(), latency, false);
  }

  /**
   * The next {@code count} matching requests are carried out, and their answers held back for
   * {@code latency}.
   */
  public static FaultRule answerLate(String method, String pathRegex, int count, Duration latency) {
    return new FaultRule(
        method, pathRegex, count, Optional.empty(), latency, false, FaultBody.GITHUB_ERROR, true);
  }

  public static FaultRule drop(String method, String pathRegex, int count) {
    return new FaultRule(method, pathRegex, count, Optional.empty(), Duration.ZERO, true);
  }

  /**
   * The next {@code count} matching requests get {@code body}; {@code status} 200 for the ones that
   * need a status.
   */
  public static FaultRule body(
      String method, String pathRegex, int count, int status, FaultBody body) {
    return new FaultRule(method, pathRegex, count, Optional.of(status), Duration.ZERO, false, body);
  }

  boolean matches(String requestMethod, String path) {
    return ("*".equals(method) || method.equalsIgnoreCase(requestMethod))
        && Pattern.matches(pathRegex, path);
  }
}
