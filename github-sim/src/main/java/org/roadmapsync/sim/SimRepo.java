package org.roadmapsync.sim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The data of one simulated repository; guarded by {@link SimStore}'s lock. */
final class SimRepo {
  final long id;
  final RepoName name;
  final Instant createdAt;
  final Map<Integer, SimIssue> issues = new TreeMap<>();

  /** Keyed by lower-case name: GitHub label names are case-insensitive. */
  final Map<String, SimLabel> labels = new LinkedHashMap<>();

  final Map<Integer, SimMilestone> milestones = new TreeMap<>();
  final Map<Long, SimComment> comments = new TreeMap<>();

  /** Branch name to head commit sha; {@code main} exists from the start. */
  final Map<String, String> branches = new TreeMap<>();

  int nextNumber = 1;
  int nextMilestone = 1;

  SimRepo(long id, RepoName name, Instant createdAt) {
    this.id = id;
    this.name = name;
    this.createdAt = createdAt;
    branches.put("main", PullJson.sha(this, "main"));
  }

  /**
   * The head sha of a branch; a branch a pull request names is created if missing, to keep tests
   * short.
   */
  String ensureBranch(String branch) {
    return branches.computeIfAbsent(branch, b -> PullJson.sha(this, b));
  }

  Optional<SimLabel> label(String labelName) {
    return Optional.ofNullable(labels.get(labelName.toLowerCase(Locale.ROOT)));
  }

  Optional<SimMilestone> milestoneByTitle(String title) {
    return milestones.values().stream().filter(m -> m.title.equals(title)).findFirst();
  }

  long openIssues() {
    return issues.values().stream().filter(i -> i.visible() && "open".equals(i.state)).count();
  }
}
