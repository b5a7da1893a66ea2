package org.roadmapsync.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The next {@code count} requests whose method and path match answer {@code status}, wait
 * {@code latency} first, or lose their connection.
 *
 * @param method an HTTP method, or {@code *} for any
 * @param pathRegex a regular expression the whole request path must match
 * @param status the status to answer instead of the real one; empty to answer normally
 */
public record FaultRule(String method, String pathRegex, int count, Optional<Integer> status, Duration latency, boolean drop) {
  public FaultRule {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(latency, "latency");
    Pattern.compile(pathRegex);
    if (count < 1) throw new IllegalArgumentException("count must be >= 1");
    status.ifPresent(s -> {
      if (s < 100 || s > 599) throw new IllegalArgumentException("status must be 100..599, was " + s);
    });
    if (latency.isNegative()) throw new IllegalArgumentException("latency must be >= 0");
  }

  public static FaultRule status(String method, String pathRegex, int count, int status) {
    return new FaultRule(method, pathRegex, count, Optional.of(status), Duration.ZERO, false);
  }

  public static FaultRule latency(String method, String pathRegex, int count, Duration latency) {
    return new FaultRule(method, pathRegex, count, Optional.empty(), latency, false);
  }

  public static FaultRule drop(String method, String pathRegex, int count) {
    return new FaultRule(method, pathRegex, count, Optional.empty(), Duration.ZERO, true);
  }

  boolean matches(String requestMethod, String path) {
    return ("*".equals(method) || method.equalsIgnoreCase(requestMethod)) && Pattern.matches(pathRegex, path);
  }
}
