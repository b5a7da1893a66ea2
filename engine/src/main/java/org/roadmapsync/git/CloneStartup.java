package org.roadmapsync.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.RebaseCommand;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.lib.StoredConfig;
import org.roadmapsync.config.GitSettings;
import org.roadmapsync.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the clone ready before anything reads the roadmap folder: cloned when missing (into a
 * temporary folder first, so a crash never leaves half a clone), its branch checked against the
 * remote, a rebase a crash interrupted aborted, and roadmap changes a crash left uncommitted
 * committed. Blocking; runs once, before the ActorSystem starts.
 */
public final class CloneStartup {

  private static final Logger log = LoggerFactory.getLogger(CloneStartup.class);

  private CloneStartup() {}

  /** What start-up found and did, for the log and the first status. */
  public record Prepared(RoadmapClone roadmapClone, Optional<String> remoteProblem) {}

  /**
   * @throws GitSetupException when the clone cannot be made or the branch does not exist
   */
  public static Prepared prepare(GitSettings settings, Optional<Secret> token) {
    return prepare(settings, token, true);
  }

  /**
   * @param writes false under {@code ROADMAP_SYNC_READ_ONLY}: nothing left uncommitted is committed
   * @throws GitSetupException when the clone cannot be made or the branch does not exist
   */
  public static Prepared prepare(GitSettings settings, Optional<Secret> token, boolean writes) {
    GitRemote remote = new GitRemote(settings, token);
    Path dir = settings.cloneDir();
    Map<String, Ref> advertised = null;
    String remoteProblem = null;
    try {
      advertised =
          Git.lsRemoteRepository()
              .setRemote(remote.url())
              .setCredentialsProvider(remote.credentials())
              .setTimeout(RoadmapClone.NETWORK_TIMEOUT_SECONDS)
              .callAsMap();
    } catch (GitAPIException | RuntimeException e) {
      remoteProblem = "cannot read the branches of " + remote.url() + ": " + remote.describe(e);
    }
    try {
      RoadmapClone clone;
      if (!Files.isDirectory(dir.resolve(".git")) || Files.exists(cloningMarker(dir))) {
        Map<String, Ref> refs = advertised;
        if (refs == null) {
          throw new GitSetupException(
              "cannot clone " + remote.url() + ": " + remoteProblem, false, null);
        }
        String branch = settings.branch().orElseGet(() -> defaultBranch(remote, refs));
        requireBranch(remote, branch, settings, refs);
        clone = cloneInto(settings, remote, branch);
      } else {
        clone = open(settings, remote, advertised);
      }
      if (writes) {
        commitLeftovers(clone);
      }
      if (remoteProblem != null) {
        log.warn(
            "git: {}; the roadmap clone is used as it is, retried in the background",
            remoteProblem);
      }
      return new Prepared(clone, Optional.ofNullable(remoteProblem));
    } catch (GitAPIException | IOException e) {
      throw new GitSetupException(
          "cannot prepare the roadmap clone in " + dir + ": " + remote.describe(e), false, e);
    }
  }

  /**
   * Clones into the clone's folder, a marker beside it while that runs: a start that finds the
   * marker (a crash mid-clone) clones again from scratch.
   */
  private static RoadmapClone cloneInto(GitSettings settings, GitRemote remote, String branch)
      throws GitAPIException, IOException {
    Path dir = settings.cloneDir();
    Path marker = cloningMarker(dir);
    Files.createDirectories(dir.getParent());
    Files.writeString(marker, remote.url() + "\n");
    deleteTree(dir);
    log.info("git: cloning {} (branch {}) into {}", remote.url(), branch, dir);
    try (Git cloned =
        Git.cloneRepository()
            .setURI(remote.url())
            .setDirectory(dir.toFile())
            .setBranch(Constants.R_HEADS + branch)
            .setCloneAllBranches(false)
            .setBranchesToClone(java.util.List.of(Constants.R_HEADS + branch))
            .setCredentialsProvider(remote.credentials())
            .setTimeout(RoadmapClone.NETWORK_TIMEOUT_SECONDS)
            .call()) {
      configure(cloned, settings);
    }
    Files.delete(marker);
    return new RoadmapClone(Git.open(dir.toFile()), remote, branch, settings);
  }

  private static Path cloningMarker(Path dir) {
    return dir.resolveSibling(dir.getFileName() + ".cloning");
  }

  private static RoadmapClone open(
      GitSettings settings, GitRemote remote, Map<String, Ref> advertised)
      throws GitAPIException, IOException {
    Git git = Git.open(settings.cloneDir().toFile());
    try {
      String origin = git.getRepository().getConfig().getString("remote", "origin", "url");
      if (!remote.url().equals(origin)) {
        throw new GitSetupException(
            "ROADMAP_GIT_REMOTE: '"
                + remote.url()
                + "' is not the remote of the clone in "
                + settings.cloneDir()
                + " ('"
                + remote.scrub(String.valueOf(origin))
                + "'); expected the same remote, or move that folder away to clone anew",
            true,
            null);
      }
      String branch = recoverInterruptedRebase(git);
      if (settings.branch().isPresent() && !settings.branch().get().equals(branch)) {
        throw new GitSetupException(
            "ROADMAP_GIT_BRANCH: '"
                + settings.branch().get()
                + "' is not the branch of the clone in "
                + settings.cloneDir()
                + " ('"
                + branch
                + "'); expected the same branch, or move that folder away to clone anew",
            true,
            null);
      }
      if (advertised != null) {
        requireBranch(remote, branch, settings, advertised);
      }
      configure(git, settings);
      return new RoadmapClone(git, remote, branch, settings);
    } catch (RuntimeException | GitAPIException | IOException e) {
      git.close();
      throw e;
    }
  }

  /**
   * A crash in the middle of a rebase leaves HEAD detached on half the service's commits: abort it
   * (the branch still points at them all), by hand when JGit's abort cannot. Returns the branch.
   */
  static String recoverInterruptedRebase(Git git) throws GitAPIException, IOException {
    var repo = git.getRepository();
    RepositoryState state = repo.getRepositoryState();
    if (!state.isRebasing()) {
      return repo.getBranch();
    }
    String headName = null;
    for (String folder : new String[] {"rebase-merge", "rebase-apply"}) {
      Path file = repo.getDirectory().toPath().resolve(folder).resolve("head-name");
      if (Files.isRegularFile(file)) {
        headName = Files.readString(file).trim();
      }
    }
    log.warn("git: a rebase was interrupted ({}); aborting it", state);
    try {
      git.rebase().setOperation(RebaseCommand.Operation.ABORT).call();
    } catch (GitAPIException | RuntimeException e) {
      log.warn("git: the rebase could not be aborted ({}); undoing it by hand", e.getMessage());
      deleteTree(repo.getDirectory().toPath().resolve("rebase-merge"));
      deleteTree(repo.getDirectory().toPath().resolve("rebase-apply"));
      if (headName != null && headName.startsWith(Constants.R_HEADS)) {
        String branch = headName.substring(Constants.R_HEADS.length());
        git.checkout().setName(branch).setForced(true).call();
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(headName).call();
      }
    }
    return repo.getBranch();
  }

  /** Writes a crash left in the roadmap path before they were committed: commit them now. */
  private static void commitLeftovers(RoadmapClone clone) throws GitAPIException, IOException {
    clone
        .commitRoadmap()
        .ifPresent(
            c ->
                log.info(
                    "git: committed {} roadmap file(s) left uncommitted by the last run",
                    c.paths().size()));
  }

  /** The committer of rebased commits and the refusal to sign; no credentials, ever. */
  private static void configure(Git git, GitSettings settings) throws IOException {
    StoredConfig config = git.getRepository().getConfig();
    config.setString("user", null, "name", settings.authorName());
    config.setString("user", null, "email", settings.authorEmail());
    config.setBoolean("commit", null, "gpgsign", false);
    // housekeeping in the caller's thread (the blocking dispatcher), never in a thread of its own
    config.setBoolean("gc", null, "autoDetach", false);
    config.save();
    // a store write killed half-way leaves a temporary file: never worth a commit
    Path exclude = git.getRepository().getDirectory().toPath().resolve("info/exclude");
    Files.createDirectories(exclude.getParent());
    String existing = Files.isRegularFile(exclude) ? Files.readString(exclude) : "";
    if (!existing.contains(TEMPORARY_FILES)) {
      Files.writeString(
          exclude,
          existing
              + (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n")
              + TEMPORARY_FILES
              + "\n");
    }
  }

  private static final String TEMPORARY_FILES = "*.roadmap-sync.tmp";

  private static void requireBranch(
      GitRemote remote, String branch, GitSettings settings, Map<String, Ref> advertised) {
    if (advertised.containsKey(Constants.R_HEADS + branch)) {
      return;
    }
    String branches =
        advertised.keySet().stream()
            .filter(name -> name.startsWith(Constants.R_HEADS))
            .map(name -> name.substring(Constants.R_HEADS.length()))
            .sorted()
            .collect(Collectors.joining(", "));
    throw new GitSetupException(
        "ROADMAP_GIT_BRANCH: '"
            + branch
            + "' does not exist on "
            + remote.url()
            + (settings.branch().isEmpty() ? " (its default branch)" : "")
            + "; expected one of its branches: "
            + (branches.isEmpty() ? "(none: the repository is empty)" : branches),
        true,
        null);
  }

  /**
   * The remote's HEAD as it advertises it: its symbolic target, else the branch at the same commit
   * (main or master first).
   */
  private static String defaultBranch(GitRemote remote, Map<String, Ref> advertised) {
    Ref head = advertised.get(Constants.HEAD);
    if (head != null && head.isSymbolic()) {
      return Repository.shortenRefName(head.getTarget().getName());
    }
    if (head != null && head.getObjectId() != null) {
      Optional<String> same =
          advertised.entrySet().stream()
              .filter(e -> e.getKey().startsWith(Constants.R_HEADS))
              .filter(e -> head.getObjectId().equals(e.getValue().getObjectId()))
              .map(e -> e.getKey().substring(Constants.R_HEADS.length()))
              .min(
                  Comparator.comparing(
                      (String name) -> !name.equals("main") && !name.equals("master")));
      if (same.isPresent()) {
        return same.get();
      }
    }
    throw new GitSetupException(
        "ROADMAP_GIT_BRANCH: not set, and "
            + remote.url()
            + " names no default branch; expected the branch to follow",
        true,
        null);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.delete(p);
      }
    }
  }
}
