package org.roadmapsync.roadmap;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.roadmapsync.config.RepoRef;

/**
 * Which GitHub repository a roadmap issue belongs to, decided by its milestone: a configured
 * milestone → repository map first, then the project the milestone names ({@code project_id}) when
 * that project has a {@code github_repo} or {@code repo_url}, then the default repository.
 */
public final class RepositoryRouting {

  private final Optional<RepoRef> defaultRepo;
  private final Map<String, RepoRef> byMilestone;

  private RepositoryRouting(Optional<RepoRef> defaultRepo, Map<String, RepoRef> byMilestone) {
    this.defaultRepo = defaultRepo;
    this.byMilestone = Map.copyOf(byMilestone);
  }

  /**
   * @param configured milestone name → repository, from the service's configuration (wins over
   *     projects)
   */
  public static RepositoryRouting of(
      RoadmapStore store, Optional<RepoRef> defaultRepo, Map<String, RepoRef> configured) {
    Map<String, RepoRef> projects = new HashMap<>();
    for (RoadmapProject project : store.projects().items()) {
      project
          .id()
          .ifPresent(
              id ->
                  project
                      .githubRepo()
                      .flatMap(RepoRef::tryParse)
                      .ifPresent(r -> projects.put(id, r)));
    }
    Map<String, RepoRef> byMilestone = new HashMap<>();
    for (RoadmapMilestone milestone : store.milestones().items()) {
      Object projectId = milestone.frontMatter().get("project_id");
      if (projectId != null && projects.containsKey(projectId.toString())) {
        byMilestone.put(milestone.name(), projects.get(projectId.toString()));
      }
    }
    byMilestone.putAll(configured);
    return new RepositoryRouting(defaultRepo, byMilestone);
  }

  /** The repository of an issue in this milestone (none: the default). */
  public Optional<RepoRef> repoFor(Optional<String> milestone) {
    return milestone.map(byMilestone::get).or(() -> defaultRepo);
  }

  /** Every repository an issue can be routed to, the default first. */
  public Set<RepoRef> repositories() {
    Set<RepoRef> all = new LinkedHashSet<>();
    defaultRepo.ifPresent(all::add);
    all.addAll(byMilestone.values());
    return all;
  }
}
