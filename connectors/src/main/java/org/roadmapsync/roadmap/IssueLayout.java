package org.roadmapsync.roadmap;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the roadmap tool keeps issue files: {@code issues/<milestone>/<id>-<slug>.md}, {@code
 * issues/backlog/} without a milestone, {@code archive/issues/...} once archived. The milestone
 * folder is the milestone name as written in the issue ({@code v.0.2.0}, {@code v1-0-2}), made
 * safe.
 */
final class IssueLayout {
  static final String BACKLOG = "backlog";
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern UNSAFE_FOLDER_CHARS = Pattern.compile("[^A-Za-z0-9._ -]+");

  private IssueLayout() {}

  /** Issue files are the {@code .md} files under {@code issues/} and {@code archive/issues/}. */
  static boolean isIssueFile(Path relative) {
    if (relative.getNameCount() < 2 || isIgnored(relative)) {
      return false;
    }
    String first = relative.getName(0).toString();
    boolean active = first.equals("issues");
    boolean archived =
        first.equals("archive")
            && relative.getNameCount() >= 3
            && relative.getName(1).toString().equals("issues");
    return (active || archived) && relative.getFileName().toString().endsWith(".md");
  }

  /**
   * Editor swap and backup files, hidden files (our temporary files too) and the tool's database.
   */
  static boolean isIgnored(Path relative) {
    if (relative.getNameCount() > 0 && relative.getName(0).toString().equals("db")) {
      return true;
    }
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    String name = relative.getFileName() == null ? "" : relative.getFileName().toString();
    return name.endsWith("~")
        || name.endsWith(".swp")
        || name.endsWith(".swx")
        || name.endsWith(".swo")
        || name.equals("4913")
        || name.endsWith(".tmp");
  }

  static boolean isUnderArchive(Path relative) {
    return relative.getNameCount() > 0 && relative.getName(0).toString().equals("archive");
  }

  static Optional<String> idFromFileName(Path relative) {
    String name = relative.getFileName().toString();
    String stem = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    int dash = stem.indexOf('-');
    String id = dash < 0 ? stem : stem.substring(0, dash);
    return id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  static boolean fileNameMatchesId(Path relative, String id) {
    String name = relative.getFileName().toString();
    return name.equals(id + ".md") || name.startsWith(id + "-");
  }

  static boolean isSafeId(String id) {
    return SAFE_ID.matcher(id).matches();
  }

  /**
   * The folder for a milestone name: the name itself when it is a safe folder name, else a slug.
   */
  static String milestoneFolder(Optional<String> milestone) {
    if (milestone.isEmpty() || milestone.get().isBlank()) {
      return BACKLOG;
    }
    String name = milestone.get().trim();
    if (!UNSAFE_FOLDER_CHARS.matcher(name).find() && !name.startsWith(".")) {
      return name;
    }
    String slug =
        UNSAFE_FOLDER_CHARS
            .matcher(name)
            .replaceAll("-")
            .replaceAll("^[.-]+", "")
            .replaceAll("-+$", "");
    return slug.isEmpty() ? BACKLOG : slug;
  }

  /** Where an issue file belongs for its milestone and archive state; the file name is kept. */
  static Path target(Path current, Optional<String> milestone, boolean archived) {
    Path base = archived ? Path.of("archive", "issues") : Path.of("issues");
    return base.resolve(milestoneFolder(milestone)).resolve(current.getFileName().toString());
  }
}
