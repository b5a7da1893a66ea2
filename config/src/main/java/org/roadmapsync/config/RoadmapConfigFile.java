package org.roadmapsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The one thing the service reads from {@code .roadmap/config.yaml}: the default repository. */
final class RoadmapConfigFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RoadmapConfigFile() {}

  /** The {@code github.owner/github.repo} pair, when the file exists and names both. */
  static Optional<String> githubRepo(Path roadmapDir) throws IOException {
    Path file = roadmapDir.resolve("config.yaml");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode github = YAML.readTree(file.toFile()).path("github");
    String owner = github.path("owner").asText("");
    String repo = github.path("repo").asText("");
    if (owner.isBlank() || repo.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(owner + "/" + repo);
  }
}
