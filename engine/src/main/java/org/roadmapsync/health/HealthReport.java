package org.roadmapsync.health;

import java.util.Map;

/**
 * The body of {@code GET /health}. The service is DOWN only when one of its own components is;
 * GitHub trouble shows under {@code infrastructure} and never takes the service down.
 */
public record HealthReport(
    String status,
    Map<String, ComponentHealth> components,
    Map<String, GitHubHealth> infrastructure) {

  public static HealthReport of(Map<String, ComponentHealth> components, GitHubHealth github) {
    boolean down = components.values().stream().anyMatch(ComponentHealth::down);
    return new HealthReport(
        down ? ComponentHealth.DOWN : ComponentHealth.UP, components, Map.of("github", github));
  }

  public boolean up() {
    return ComponentHealth.UP.equals(status);
  }
}
