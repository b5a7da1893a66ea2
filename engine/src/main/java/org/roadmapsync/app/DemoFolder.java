package org.roadmapsync.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.roadmapsync.persistence.DataDirLock;

/**
 * The demo's folder: a sample roadmap copied from the classpath, next to the service's data. A
 * folder is only ever emptied when a marker file shows a previous demo made it; anything else that
 * is not empty is refused.
 */
final class DemoFolder {

  static final String MARKER = ".roadmap-sync-demo";

  /**
   * The sample roadmap, under {@code demo-roadmap/} on the classpath: statuses, labels and
   * milestones vary.
   */
  static final List<String> SAMPLES =
      List.of(
          "issues/v0.1/d3m00001-set-up-continuous-integration.md",
          "issues/v0.1/d3m00002-fix-crash-on-empty-config.md",
          "issues/v0.2/d3m00003-dark-mode-for-the-dashboard.md",
          "issues/v0.2/d3m00004-document-the-plugin-api.md",
          "issues/backlog/d3m00005-investigate-slow-startup.md");

  /** The folder cannot hold a demo; the message says why and what to do. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private DemoFolder() {}

  static Path roadmap(Path dir) {
    return dir.resolve(".roadmap");
  }

  static Path data(Path dir) {
    return dir.resolve(".roadmap-sync");
  }

  /** {@code demo --git}: the team's remote, a bare repository on disk. */
  static Path remote(Path dir) {
    return dir.resolve("team.git");
  }

  /** {@code demo --git}: a teammate's working copy of the remote. */
  static Path teammate(Path dir) {
    return dir.resolve("teammate");
  }

  /**
   * {@code demo --git}: the samples as a teammate's first commit (with a README outside the
   * roadmap), pushed to a new bare repository that the service then clones.
   */
  static void prepareGit(Path dir) {
    prepare(dir);
    try {
      Path work = teammate(dir);
      Files.createDirectories(work);
      Files.move(roadmap(dir), roadmap(work));
      Files.writeString(
          work.resolve("README.md"),
          "# demo project\n\nIts roadmap lives in .roadmap/ (a roadmap-sync demo: a simulation).\n");
      try (Git bare =
              Git.init()
                  .setBare(true)
                  .setInitialBranch("main")
                  .setDirectory(remote(dir).toFile())
                  .call();
          Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
        StoredConfig config = git.getRepository().getConfig();
        config.setString("user", null, "name", "A Teammate");
        config.setString("user", null, "email", "teammate@example.com");
        config.setString("remote", "origin", "url", remote(dir).toString());
        config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
        config.setString("branch", "main", "remote", "origin");
        config.setString("branch", "main", "merge", "refs/heads/main");
        config.save();
        git.add().addFilepattern(".").call();
        PersonIdent teammate = new PersonIdent("A Teammate", "teammate@example.com");
        git.commit()
            .setAuthor(teammate)
            .setCommitter(teammate)
            .setSign(false)
            .setMessage("the roadmap")
            .call();
        git.push().setRemote("origin").add("main").call();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare the demo's git repositories in " + dir + ": " + e.getMessage(), e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(
          "cannot prepare the demo's git repositories in " + dir + ": " + e.getMessage(), e);
    }
  }

  static String idOf(String sample) {
    String name = Path.of(sample).getFileName().toString();
    return name.substring(0, name.indexOf('-'));
  }

  /**
   * Empties a previous demo (never one still running) or refuses a folder that has other content,
   * then writes the samples.
   */
  static void prepare(Path dir) {
    try {
      if (Files.isDirectory(dir) && !isEmpty(dir)) {
        if (!Files.exists(dir.resolve(MARKER))) {
          throw new Refused(
              dir + " is not empty and is not a previous demo; give another folder with --dir");
        }
        // Throws DataDirInUseException while another demo runs here: its files stay untouched.
        DataDirLock.acquire(data(dir)).close();
        deleteTree(roadmap(dir));
        deleteTree(data(dir));
        deleteTree(remote(dir));
        deleteTree(teammate(dir));
      }
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(MARKER), "made by `roadmap-sync demo` (a simulation); safe to delete\n");
      for (String sample : SAMPLES) {
        Path target = roadmap(dir).resolve(sample);
        Files.createDirectories(target.getParent());
        try (InputStream in = DemoFolder.class.getResourceAsStream("/demo-roadmap/" + sample)) {
          if (in == null) {
            throw new IllegalStateException("sample " + sample + " is missing from the jar");
          }
          Files.copy(in, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare the demo folder " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true); // git's object files are read-only
        Files.delete(p);
      }
    }
  }
}
