package org.roadmapsync.roadmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.config.RepoRef;

class RepositoryRoutingTest {

  private static final RepoRef DEFAULT = RepoRef.parse("acme/default");

  @TempDir Path dir;

  @Test
  void aMilestoneOfAProjectWithARepositoryRoutesThere() throws IOException {
    // v1.0.2: milestone v1-0-2 names project 99d80769, whose github_repo is shanewilkins/roadmap
    RoadmapStore store = RoadmapStore.open(CorpusFiles.copy("v1.0.2-298e8c5a", dir));
    RepositoryRouting routing = RepositoryRouting.of(store, Optional.of(DEFAULT), Map.of());
    assertEquals(
        Optional.of(RepoRef.parse("shanewilkins/roadmap")), routing.repoFor(Optional.of("v1-0-2")));
    assertEquals(
        Optional.of(DEFAULT), routing.repoFor(Optional.empty()), "no milestone: the default");
    assertEquals(Optional.of(DEFAULT), routing.repoFor(Optional.of("no-such-milestone")));
    assertEquals(Set.of(DEFAULT, RepoRef.parse("shanewilkins/roadmap")), routing.repositories());
  }

  @Test
  void aProjectWithoutAnIdKeyIsKnownByItsFileNamePrefix() throws IOException {
    // 2026-01: projects/8df8c61f-roadmap.md has no id key; milestone backlog names project_id
    // 8df8c61f
    RoadmapStore store = RoadmapStore.open(CorpusFiles.copy("2026-01-2a75b366", dir));
    RepositoryRouting routing = RepositoryRouting.of(store, Optional.of(DEFAULT), Map.of());
    assertEquals(
        Optional.of(RepoRef.parse("shanewilkins/roadmap")),
        routing.repoFor(Optional.of("backlog")));
  }

  @Test
  void theConfiguredMapWinsOverTheProject() throws IOException {
    RoadmapStore store = RoadmapStore.open(CorpusFiles.copy("v1.0.2-298e8c5a", dir));
    RepoRef other = RepoRef.parse("acme/other");
    RepositoryRouting routing =
        RepositoryRouting.of(store, Optional.empty(), Map.of("v1-0-2", other, "v9", other));
    assertEquals(Optional.of(other), routing.repoFor(Optional.of("v1-0-2")));
    assertEquals(Optional.of(other), routing.repoFor(Optional.of("v9")));
    assertEquals(Optional.empty(), routing.repoFor(Optional.empty()), "no default configured");
    // v0-2-0 still routes to the project's repository
    assertEquals(Set.of(other, RepoRef.parse("shanewilkins/roadmap")), routing.repositories());
  }

  @Test
  void aProjectWithARepoUrlOrWithoutARepository() throws IOException {
    Path roadmap = dir.resolve(".roadmap");
    Files.createDirectories(roadmap.resolve("projects"));
    Files.createDirectories(roadmap.resolve("milestones"));
    Files.createDirectories(roadmap.resolve("issues/backlog"));
    Files.writeString(
        roadmap.resolve("projects/aaaa1111-web.md"),
        "---\nid: aaaa1111\nname: web\nrepo_url: https://github.com/acme/web\n---\n");
    Files.writeString(
        roadmap.resolve("projects/bbbb2222-docs.md"), "---\nid: bbbb2222\nname: docs\n---\n");
    Files.writeString(
        roadmap.resolve("milestones/web-1.md"), "---\nname: web-1\nproject_id: aaaa1111\n---\n");
    Files.writeString(
        roadmap.resolve("milestones/docs-1.md"), "---\nname: docs-1\nproject_id: bbbb2222\n---\n");
    RepositoryRouting routing =
        RepositoryRouting.of(RoadmapStore.open(roadmap), Optional.of(DEFAULT), Map.of());
    assertEquals(Optional.of(RepoRef.parse("acme/web")), routing.repoFor(Optional.of("web-1")));
    assertEquals(
        Optional.of(DEFAULT),
        routing.repoFor(Optional.of("docs-1")),
        "a project without a repository");
  }
}
