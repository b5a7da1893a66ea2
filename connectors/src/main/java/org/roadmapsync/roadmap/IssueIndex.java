package org.roadmapsync.roadmap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides which file is the issue for each id. One file per id is the rule. The roadmap tool has
 * left archived copies of active issues behind (the corpus has 29): the active file wins and the
 * copy is only noted. Two active files (or two archived ones and no active one) for one id is a
 * problem for every one of them, since sync cannot know which is meant.
 */
final class IssueIndex {
  /** The chosen issue per id, the problems, the shadowed archive copies (path to id). */
  record Resolved(
      Map<String, ParsedIssueFile.Parsed> issues,
      List<RoadmapFileProblem> problems,
      Map<Path, String> shadowed) {}

  private IssueIndex() {}

  static Resolved resolve(List<ParsedIssueFile> files) {
    Map<String, List<ParsedIssueFile.Parsed>> byId = new TreeMap<>();
    List<RoadmapFileProblem> problems = new ArrayList<>();
    for (ParsedIssueFile file : files) {
      if (file instanceof ParsedIssueFile.Parsed parsed) {
        byId.computeIfAbsent(parsed.issue().id(), k -> new ArrayList<>()).add(parsed);
      } else {
        problems.add(((ParsedIssueFile.Failed) file).problem());
      }
    }
    Map<String, ParsedIssueFile.Parsed> issues = new LinkedHashMap<>();
    Map<Path, String> shadowed = new HashMap<>();
    for (Map.Entry<String, List<ParsedIssueFile.Parsed>> entry : byId.entrySet()) {
      List<ParsedIssueFile.Parsed> candidates = entry.getValue();
      if (candidates.size() == 1) {
        issues.put(entry.getKey(), candidates.get(0));
        continue;
      }
      List<ParsedIssueFile.Parsed> active =
          candidates.stream().filter(p -> !IssueLayout.isUnderArchive(p.issue().path())).toList();
      if (active.size() == 1) {
        issues.put(entry.getKey(), active.get(0));
        candidates.stream()
            .filter(p -> p != active.get(0))
            .forEach(p -> shadowed.put(p.issue().path(), entry.getKey()));
        continue;
      }
      List<ParsedIssueFile.Parsed> sorted = new ArrayList<>(candidates);
      sorted.sort(Comparator.comparing(p -> p.issue().path().toString()));
      for (ParsedIssueFile.Parsed p : sorted) {
        String others =
            sorted.stream()
                .filter(o -> o != p)
                .map(o -> o.issue().path().toString())
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        problems.add(
            new RoadmapFileProblem(
                p.issue().path(),
                p.idLine(),
                "id '" + entry.getKey() + "' is also used by " + others,
                RoadmapFileProblem.Kind.DUPLICATE_ID,
                Optional.of(entry.getKey())));
      }
    }
    problems.sort(Comparator.comparing((RoadmapFileProblem p) -> p.path().toString()));
    return new Resolved(issues, problems, shadowed);
  }
}
