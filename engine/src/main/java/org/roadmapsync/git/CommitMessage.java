package org.roadmapsync.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;

/**
 * The message of a commit of the service's writes: the roadmap ids it touched, each with its GitHub
 * number when the file names one, so {@code git log} says which issues changed; then the files.
 */
final class CommitMessage {

  private static final int IDS_IN_SUBJECT = 10;

  private CommitMessage() {}

  /**
   * @param workTree the clone's working tree
   * @param paths the staged paths, relative to the repository
   */
  static String of(Path workTree, List<String> paths) {
    Set<String> issues = new LinkedHashSet<>();
    for (String path : paths) {
      if (path.endsWith(".md")) {
        issues.add(describe(workTree, path));
      }
    }
    StringBuilder message = new StringBuilder("roadmap-sync: ");
    if (issues.isEmpty()) {
      message.append("roadmap files");
    } else {
      List<String> named = List.copyOf(issues);
      message.append(String.join(", ", named.subList(0, Math.min(IDS_IN_SUBJECT, named.size()))));
      if (named.size() > IDS_IN_SUBJECT) {
        message.append(" and ").append(named.size() - IDS_IN_SUBJECT).append(" more");
      }
    }
    message.append("\n\n");
    paths.forEach(p -> message.append(p).append('\n'));
    return message.toString();
  }

  /** {@code 1a2b3c4d (#12)}, or the id alone (a file without a link, or deleted). */
  private static String describe(Path workTree, String path) {
    Path file = workTree.resolve(path);
    String name = file.getFileName().toString();
    String stem = name.substring(0, name.length() - ".md".length());
    int dash = stem.indexOf('-');
    String id = dash < 0 ? stem : stem.substring(0, dash);
    Optional<RoadmapIssue> issue = Optional.empty();
    try {
      if (Files.isRegularFile(file)) {
        issue = RoadmapStore.parse(Path.of(name), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      // named by its id alone
    }
    if (issue.isPresent()) {
      id = issue.get().id();
      if (issue.get().githubIssue().isPresent()) {
        return id + " (#" + issue.get().githubIssue().getAsInt() + ")";
      }
    }
    return id;
  }
}
