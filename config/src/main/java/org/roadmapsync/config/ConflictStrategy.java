package org.roadmapsync.config;

import java.util.Arrays;
import java.util.Optional;

/** How a field changed on both sides to different values is settled. */
public enum ConflictStrategy {
  LAST_WRITE_WINS("last-write-wins"),
  PREFER_ROADMAP("prefer-roadmap"),
  PREFER_GITHUB("prefer-github"),
  MANUAL("manual");

  private final String configName;

  ConflictStrategy(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Optional<ConflictStrategy> fromConfigName(String name) {
    return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst();
  }
}
