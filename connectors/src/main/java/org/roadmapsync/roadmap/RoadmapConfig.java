package org.roadmapsync.roadmap;

import java.util.Map;
import java.util.Optional;

/**
 * What sync needs from {@code .roadmap/config.yaml}: the {@code github:} block. The whole file is
 * kept in {@link #raw()}; a {@code webhook_secret} there is never shown by {@link #toString()}.
 */
public record RoadmapConfig(
    Optional<String> owner, Optional<String> repo, boolean githubEnabled, Map<String, Object> raw) {

  static RoadmapConfig empty() {
    return new RoadmapConfig(Optional.empty(), Optional.empty(), false, Map.of());
  }

  /** {@code owner/repo} when both are set. */
  public Optional<String> repository() {
    return owner.isPresent() && repo.isPresent()
        ? Optional.of(owner.get() + "/" + repo.get())
        : Optional.empty();
  }

  @Override
  public String toString() {
    return "RoadmapConfig[repository="
        + repository().orElse("none")
        + ", githubEnabled="
        + githubEnabled
        + "]";
  }
}
