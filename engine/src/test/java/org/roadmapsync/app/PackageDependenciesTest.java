package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages depend on each other only as their {@code package-info.java} says: read from the
 * imports of every main source file of the modules, so a new edge fails here until the map (and the
 * package's javadoc) says why.
 */
class PackageDependenciesTest {

  /** Package → the packages of ours it may import. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("config", Set.of()),
          Map.entry("persistence", Set.of("config")),
          Map.entry("github", Set.of("config")),
          Map.entry("roadmap", Set.of("config")),
          Map.entry("sim", Set.of()),
          Map.entry("sync", Set.of("config", "github", "persistence", "roadmap")),
          Map.entry("pulls", Set.of("config", "github", "persistence", "sync")),
          Map.entry("gateway", Set.of("config", "github", "persistence", "sync", "pulls")),
          Map.entry("intake", Set.of("config", "github", "persistence", "sync")),
          Map.entry("git", Set.of("config", "roadmap")),
          Map.entry("health", Set.of("gateway", "git", "github", "persistence")),
          Map.entry("metrics", Set.of("gateway", "git", "github", "health", "sync")),
          Map.entry("onboarding", Set.of("config", "github", "roadmap", "sync")),
          Map.entry(
              "cluster", Set.of("config", "gateway", "persistence", "pulls", "roadmap", "sync")),
          Map.entry(
              "api",
              Set.of(
                  "config",
                  "git",
                  "github",
                  "health",
                  "intake",
                  "metrics",
                  "onboarding",
                  "pulls",
                  "sync")),
          Map.entry(
              "app",
              Set.of(
                  "api",
                  "cluster",
                  "config",
                  "gateway",
                  "git",
                  "github",
                  "health",
                  "intake",
                  "metrics",
                  "onboarding",
                  "persistence",
                  "pulls",
                  "roadmap",
                  "sim",
                  "sync")));

  private static final Pattern IMPORT =
      Pattern.compile("(?m)^import (?:static )?org\\.roadmapsync\\.([a-z]+)\\.");

  @Test
  void everyImportOfOursIsAnAllowedEdge() throws IOException {
    Map<String, Set<String>> found = new TreeMap<>();
    for (String module :
        new String[] {"config", "persistence", "connectors", "github-sim", "engine"}) {
      Path sources = Path.of("..", module, "src", "main", "java", "org", "roadmapsync");
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String pkg = sources.relativize(file).getName(0).toString();
          Matcher m = IMPORT.matcher(Files.readString(file));
          while (m.find()) {
            if (!m.group(1).equals(pkg)) {
              found.computeIfAbsent(pkg, k -> new TreeSet<>()).add(m.group(1));
            }
          }
        }
      }
    }
    assertThat(found.keySet()).isSubsetOf(ALLOWED.keySet());
    found.forEach(
        (pkg, deps) -> assertThat(deps).as("what %s imports", pkg).isSubsetOf(ALLOWED.get(pkg)));
    assertThat(found).containsKeys("sync", "pulls", "gateway", "intake", "app");
  }
}
