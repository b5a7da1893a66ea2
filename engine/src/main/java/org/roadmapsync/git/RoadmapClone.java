package org.roadmapsync.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BranchTrackingStatus;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.roadmapsync.config.GitSettings;

/**
 * The service's clone, one JGit call at a time (all of them block: callers run them on the blocking
 * dispatcher). Knows one branch and one roadmap path; stages nothing outside that path.
 */
public final class RoadmapClone implements AutoCloseable {

  static final int NETWORK_TIMEOUT_SECONDS = 30;

  /** How a push ended. */
  sealed interface PushOutcome {
    /** The remote took it (or already had it). */
    record Pushed(String remoteTip) implements PushOutcome {}

    /** The remote moved on: fetch, integrate, try again. */
    record NonFastForward() implements PushOutcome {}

    /** The remote said no for another reason (a protected branch, permissions): its words. */
    record Refused(String reason) implements PushOutcome {}
  }

  /** A commit the service made of its own writes. */
  record Committed(String id, String message, List<String> paths) {}

  record AheadBehind(int ahead, int behind) {}

  private final Git git;
  private final GitRemote remote;
  private final String branch;
  private final String path;
  private final PersonIdent author;

  RoadmapClone(Git git, GitRemote remote, String branch, GitSettings settings) {
    this.git = git;
    this.remote = remote;
    this.branch = branch;
    this.path = settings.path();
    this.author = new PersonIdent(settings.authorName(), settings.authorEmail());
  }

  Git git() {
    return git;
  }

  Repository repository() {
    return git.getRepository();
  }

  GitRemote remote() {
    return remote;
  }

  String branch() {
    return branch;
  }

  /** The roadmap path inside the repository ({@code .} for all of it). */
  String path() {
    return path;
  }

  Path workTree() {
    return repository().getWorkTree().toPath();
  }

  String localRef() {
    return Constants.R_HEADS + branch;
  }

  String trackingRef() {
    return Constants.R_REMOTES + "origin/" + branch;
  }

  PersonIdent author() {
    return new PersonIdent(author.getName(), author.getEmailAddress());
  }

  /** Brings the remote's branch into {@code origin/<branch>}; the working tree is not touched. */
  void fetch() throws GitAPIException {
    git.fetch()
        .setRemote("origin")
        .setRefSpecs(new RefSpec("+" + localRef() + ":" + trackingRef()))
        .setCredentialsProvider(remote.credentials())
        .setTimeout(NETWORK_TIMEOUT_SECONDS)
        .call();
  }

  /**
   * Stages every change under the roadmap path (new, changed, deleted files) and commits it as the
   * configured author; empty when there was nothing to commit. Nothing outside the path is staged.
   */
  Optional<Committed> commitRoadmap() throws GitAPIException, IOException {
    git.add().addFilepattern(path).call();
    git.add().addFilepattern(path).setUpdate(true).call();
    Status status = git.status().addPath(path).call();
    Set<String> staged = new TreeSet<>();
    staged.addAll(status.getAdded());
    staged.addAll(status.getChanged());
    staged.addAll(status.getRemoved());
    staged.removeIf(p -> !underPath(p));
    if (staged.isEmpty()) {
      return Optional.empty();
    }
    String message = CommitMessage.of(workTree(), List.copyOf(staged));
    PersonIdent who = author();
    RevCommit commit =
        git.commit()
            .setAuthor(who)
            .setCommitter(who)
            .setMessage(message)
            .setSign(false)
            .setAllowEmpty(false)
            .call();
    return Optional.of(new Committed(commit.getName(), message, List.copyOf(staged)));
  }

  boolean underPath(String repoPath) {
    return path.equals(".") || repoPath.equals(path) || repoPath.startsWith(path + "/");
  }

  /** Pushes the branch, never forced. */
  PushOutcome push() throws GitAPIException {
    var command = git.push();
    // JGit's push ignores the remote's configured receive-pack unless given it, as git honours it
    String receivePack = repository().getConfig().getString("remote", "origin", "receivepack");
    if (receivePack != null && !receivePack.isBlank()) {
      command.setReceivePack(receivePack);
    }
    Iterable<PushResult> results =
        command
            .setRemote("origin")
            .setRefSpecs(new RefSpec(localRef() + ":" + localRef()))
            .setForce(false)
            .setCredentialsProvider(remote.credentials())
            .setTimeout(NETWORK_TIMEOUT_SECONDS)
            .call();
    for (PushResult result : results) {
      RemoteRefUpdate update = result.getRemoteUpdate(localRef());
      if (update == null) {
        continue;
      }
      switch (update.getStatus()) {
        case OK, UP_TO_DATE -> {
          return new PushOutcome.Pushed(update.getNewObjectId().getName());
        }
        case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
          return new PushOutcome.NonFastForward();
        }
        default -> {
          if (String.valueOf(update.getMessage()).contains("failed to lock")) {
            // another push updated the branch at the same moment: the remote moved on
            return new PushOutcome.NonFastForward();
          }
          String reason = update.getMessage();
          String messages = result.getMessages() == null ? "" : result.getMessages().trim();
          String said =
              reason == null || reason.isBlank()
                  ? update.getStatus().name().toLowerCase(java.util.Locale.ROOT)
                  : reason;
          if (!messages.isEmpty()) {
            said = said + " (" + messages.lines().findFirst().orElse("") + ")";
          }
          return new PushOutcome.Refused(remote.scrub(said));
        }
      }
    }
    return new PushOutcome.Refused("the remote gave no answer for " + localRef());
  }

  /** Commits on the branch the remote does not have, and the remote's the branch lacks. */
  AheadBehind aheadBehind() throws IOException {
    BranchTrackingStatus status = BranchTrackingStatus.of(repository(), branch);
    if (status == null) {
      return new AheadBehind(0, 0);
    }
    return new AheadBehind(status.getAheadCount(), status.getBehindCount());
  }

  Optional<ObjectId> resolve(String ref) throws IOException {
    Ref found = repository().exactRef(ref);
    return Optional.ofNullable(found).map(Ref::getObjectId);
  }

  /** The paths that differ between two commits, only under {@code under} when given. */
  List<String> changedPaths(ObjectId from, ObjectId to, boolean onlyRoadmap) throws IOException {
    List<String> paths = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository());
        TreeWalk tree = new TreeWalk(repository())) {
      tree.addTree(walk.parseCommit(from).getTree());
      tree.addTree(walk.parseCommit(to).getTree());
      tree.setRecursive(true);
      TreeFilter filter = TreeFilter.ANY_DIFF;
      if (onlyRoadmap && !path.equals(".")) {
        filter = AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF);
      }
      tree.setFilter(filter);
      while (tree.next()) {
        paths.add(tree.getPathString());
      }
    }
    return paths;
  }

  /** A file's bytes at a commit; empty when the commit does not have it. */
  Optional<byte[]> fileAt(ObjectId commit, String repoPath) throws IOException {
    try (RevWalk walk = new RevWalk(repository())) {
      RevCommit parsed = walk.parseCommit(commit);
      try (TreeWalk found = TreeWalk.forPath(repository(), repoPath, parsed.getTree())) {
        if (found == null) {
          return Optional.empty();
        }
        return Optional.of(repository().open(found.getObjectId(0)).getBytes());
      }
    }
  }

  /** The remote's URL (never with credentials) and the branch: for the log and the status. */
  public String describe() {
    return remote.url() + " (" + branch + ")";
  }

  @Override
  public void close() {
    git.close();
  }
}
