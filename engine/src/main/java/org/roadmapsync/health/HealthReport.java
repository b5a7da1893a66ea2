package org.roadmapsync.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code GET /health}. The service is DOWN only when one of its own components is;
 * GitHub trouble shows under {@code infrastructure} ({@code github}, and {@code webhooks}: whether
 * missed webhook deliveries are recovered) and never takes the service down.
 */
public record HealthReport(
    String status, Map<String, ComponentHealth> components, Map<String, Object> infrastructure) {

  /**
   * @param webhooks what gap recovery reports (a JSON-writable value with a {@code status}), when
   *     sync runs
   */
  public static HealthReport of(
      Map<String, ComponentHealth> components, GitHubHealth github, Optional<Object> webhooks) {
    boolean down = components.values().stream().anyMatch(ComponentHealth::down);
    Map<String, Object> infrastructure = new LinkedHashMap<>();
    infrastructure.put("github", github);
    webhooks.ifPresent(report -> infrastructure.put("webhooks", report));
    return new HealthReport(
        down ? ComponentHealth.DOWN : ComponentHealth.UP, components, infrastructure);
  }

  public boolean up() {
    return ComponentHealth.UP.equals(status);
  }
}
