package org.roadmapsync.roadmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads {@code config.yaml}, the milestone files and the project files (read only: sync never
 * writes them).
 */
final class RoadmapMetadataReader {
  private static final Pattern GITHUB_URL =
      Pattern.compile(
          "(?:https?://|git@)(?:www\\.)?github\\.com[/:]([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\\.git)?/?");
  private static final Pattern OWNER_REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  private final Path root;

  RoadmapMetadataReader(Path root) {
    this.root = root;
  }

  RoadmapConfig config() {
    Path file = root.resolve("config.yaml");
    if (!Files.isRegularFile(file)) {
      return RoadmapConfig.empty();
    }
    Object loaded;
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      loaded =
          new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(text);
    } catch (IOException e) {
      throw new RoadmapStoreException.Io("cannot read " + file, e);
    } catch (YamlEngineException e) {
      int line =
          e instanceof MarkedYamlEngineException marked
              ? marked.getProblemMark().map(m -> m.getLine() + 1).orElse(1)
              : 1;
      throw new RoadmapStoreException.UnusableFile(
          new RoadmapFileProblem(
              Path.of("config.yaml"),
              line,
              "invalid YAML: " + e.getMessage().lines().findFirst().orElse(""),
              RoadmapFileProblem.Kind.YAML_SYNTAX,
              Optional.empty()));
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      return RoadmapConfig.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = (Map<String, Object>) map;
    Object github = raw.get("github");
    if (!(github instanceof Map<?, ?> gh)) {
      return new RoadmapConfig(Optional.empty(), Optional.empty(), false, raw);
    }
    return new RoadmapConfig(
        text(gh.get("owner")), text(gh.get("repo")), !Boolean.FALSE.equals(gh.get("enabled")), raw);
  }

  FolderListing<RoadmapMilestone> milestones() {
    List<RoadmapMilestone> items = new ArrayList<>();
    List<RoadmapFileProblem> problems = new ArrayList<>();
    for (Path relative :
        markdownFiles(List.of(Path.of("milestones"), Path.of("archive", "milestones")))) {
      read(relative, problems)
          .ifPresent(
              doc -> {
                Map<String, Object> tree = doc.tree();
                String stem = relative.getFileName().toString().replaceFirst("\\.md$", "");
                items.add(
                    new RoadmapMilestone(
                        text(tree.get("name")).orElse(stem),
                        text(tree.get("description")).or(() -> text(tree.get("headline"))),
                        text(tree.get("due_date")),
                        text(tree.get("status")),
                        number(tree.get("github_milestone")),
                        IssueLayout.isUnderArchive(relative),
                        relative,
                        tree));
              });
    }
    return new FolderListing<>(items, problems);
  }

  FolderListing<RoadmapProject> projects() {
    List<RoadmapProject> items = new ArrayList<>();
    List<RoadmapFileProblem> problems = new ArrayList<>();
    for (Path relative : markdownFiles(List.of(Path.of("projects")))) {
      read(relative, problems)
          .ifPresent(
              doc -> {
                Map<String, Object> tree = doc.tree();
                String stem = relative.getFileName().toString().replaceFirst("\\.md$", "");
                Optional<String> repo =
                    text(tree.get("github_repo"))
                        .or(() -> text(tree.get("repo_url")))
                        .flatMap(RoadmapMetadataReader::ownerRepo);
                // Older roadmap versions write no id key: the id is then the file name's prefix,
                // <id>-<slug>.md.
                Optional<String> id =
                    text(tree.get("id")).or(() -> IssueLayout.idFromFileName(relative));
                items.add(
                    new RoadmapProject(
                        id,
                        text(tree.get("name")).orElse(stem),
                        text(tree.get("status")),
                        repo,
                        relative,
                        tree));
              });
    }
    return new FolderListing<>(items, problems);
  }

  /** {@code owner/name} from {@code owner/name} or a GitHub URL. */
  static Optional<String> ownerRepo(String value) {
    String trimmed = value.trim();
    if (OWNER_REPO.matcher(trimmed).matches()) {
      return Optional.of(trimmed);
    }
    Matcher url = GITHUB_URL.matcher(trimmed);
    return url.matches() ? Optional.of(url.group(1) + "/" + url.group(2)) : Optional.empty();
  }

  private Optional<FrontMatterDocument> read(Path relative, List<RoadmapFileProblem> problems) {
    try {
      return Optional.of(
          FrontMatterDocument.parse(
              Files.readString(root.resolve(relative), StandardCharsets.UTF_8)));
    } catch (FrontMatterSyntaxException e) {
      problems.add(
          new RoadmapFileProblem(
              relative,
              e.line(),
              e.reason(),
              RoadmapFileProblem.Kind.YAML_SYNTAX,
              Optional.empty()));
    } catch (IOException | UncheckedIOException e) {
      problems.add(
          new RoadmapFileProblem(
              relative,
              1,
              "cannot read the file: " + e,
              RoadmapFileProblem.Kind.UNREADABLE,
              Optional.empty()));
    }
    return Optional.empty();
  }

  private List<Path> markdownFiles(List<Path> folders) {
    List<Path> files = new ArrayList<>();
    for (Path folder : folders) {
      Path absolute = root.resolve(folder);
      if (!Files.isDirectory(absolute)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(absolute)) {
        walk.filter(Files::isRegularFile)
            .map(root::relativize)
            .filter(p -> p.getFileName().toString().endsWith(".md") && !IssueLayout.isIgnored(p))
            .forEach(files::add);
      } catch (IOException e) {
        throw new RoadmapStoreException.Io("cannot list " + absolute, e);
      }
    }
    files.sort(Comparator.comparing(Path::toString));
    return files;
  }

  private static Optional<String> text(Object value) {
    return value == null || value.toString().isBlank()
        ? Optional.empty()
        : Optional.of(value.toString());
  }

  private static OptionalInt number(Object value) {
    if (value instanceof Number n) {
      return OptionalInt.of(n.intValue());
    }
    if (value instanceof String s && s.trim().matches("[0-9]{1,9}")) {
      return OptionalInt.of(Integer.parseInt(s.trim()));
    }
    return OptionalInt.empty();
  }
}
