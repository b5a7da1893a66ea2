package org.roadmapsync.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Command-line {@code git}, as a teammate runs it: the remote (a bare repository) and a teammate's
 * clone. Its own {@code HOME}, so the machine's global configuration plays no part.
 */
public final class GitCli {

  public static final String ROADMAP = ".roadmap/issues/backlog/";

  private final Path home;

  public GitCli(Path home) throws IOException {
    this.home = Files.createDirectories(home);
    Files.writeString(
        home.resolve(".gitconfig"),
        "[user]\n\tname = Teammate\n\temail = teammate@example.com\n"
            + "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n");
  }

  /** A bare repository holding one commit by the teammate: a README and the given files. */
  public Path bareWith(Path dir, Path work, List<String[]> files) throws IOException {
    Path bare = dir;
    run(dir.getParent(), "init", "--bare", "-b", "main", bare.toString());
    run(work.getParent(), "clone", bare.toString(), work.toString());
    write(work, "README.md", "# the project\n");
    for (String[] file : files) {
      write(work, file[0], file[1]);
    }
    run(work, "add", "-A");
    run(work, "commit", "-m", "the roadmap");
    run(work, "push", "origin", "main");
    return bare;
  }

  public static void write(Path work, String path, String text) throws IOException {
    Path file = work.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** The teammate changes a file, commits and pushes (after bringing the remote's commits in). */
  public void commitAndPush(Path work, String message) {
    run(work, "add", "-A");
    run(work, "commit", "-m", message);
    run(work, "push", "origin", "main");
  }

  public void pull(Path work) {
    run(work, "pull", "--rebase", "origin", "main");
  }

  /** The output of {@code git args} in {@code dir}, trimmed; fails the test on a non-zero exit. */
  String run(Path dir, String... args) {
    Result result = tryRun(dir, args);
    if (result.exit() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " failed: " + result.output());
    }
    return result.output().trim();
  }

  record Result(int exit, String output) {}

  Result tryRun(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("git " + String.join(" ", args) + " did not end");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** {@code git show main:path} of the bare repository. */
  String remoteFile(Path bare, String path) {
    return run(bare, "show", "main:" + path);
  }

  String remoteTip(Path bare) {
    return run(bare, "rev-parse", "main");
  }

  /** Whether {@code older} is an ancestor of {@code newer} in the bare repository. */
  boolean isAncestor(Path bare, String older, String newer) {
    return tryRun(bare, "merge-base", "--is-ancestor", older, newer).exit() == 0;
  }

  /** A roadmap issue file as the {@code roadmap} tool writes one. */
  public static String issue(String id, String title, String priority) {
    return "---\nid: "
        + id
        + "\ntitle: "
        + title
        + "\npriority: "
        + priority
        + "\nstatus: todo\nissue_type: feature\n"
        + "milestone: null\nlabels:\n- team\nassignee: null\ncreated: '2026-01-02T10:00:00.000000+00:00'\n"
        + "updated: '2026-01-02T10:00:00.000000+00:00'\n---\n\nThe body of "
        + id
        + ".\n";
  }
}
