package org.roadmapsync.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.RebaseCommand;
import org.eclipse.jgit.api.RebaseResult;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the fetched {@code origin/<branch>} into the branch: a fast-forward when the service has
 * nothing unpushed, else a rebase of its commits onto the remote's. Git never picks a side for a
 * roadmap file: when the rebase conflicts it is aborted, the branch is set to the remote's commit,
 * the service's version of every file only it changed is put back (committed again by the next
 * commit), and a file both sides changed becomes the remote's (the teammate's) version with the
 * fields only the service changed edited in ({@link FileMerge}: field by field, a field both
 * changed keeps the teammate's value). The roadmap watcher then shows that file to its issue's
 * entity as an edit, and the entity merges it three ways with GitHub: the teammate's fields go to
 * GitHub, the service's (which came from GitHub and are the entity's base) are no change.
 *
 * <p>Runs with the store's writes held ({@code RoadmapStore.withoutWrites}) and everything under
 * the roadmap path committed.
 */
final class RemoteIntegration {

  private static final Logger log = LoggerFactory.getLogger(RemoteIntegration.class);

  enum Kind {
    /** Nothing to bring in. */
    UP_TO_DATE,
    FAST_FORWARD,
    /** The service's commits replayed on the remote's. */
    REBASED,
    /** The rebase conflicted: the remote's commit, with the service's files put back. */
    REPLAYED
  }

  /**
   * @param remoteKept files both sides changed whose remote version is now in the working tree, for
   *     their entities to merge
   * @param changed roadmap files the working tree now has differently
   */
  record Result(Kind kind, List<String> remoteKept, List<String> changed) {}

  private final RoadmapClone clone;

  RemoteIntegration(RoadmapClone clone) {
    this.clone = clone;
  }

  Result integrate() throws GitAPIException, IOException {
    Optional<ObjectId> remote = clone.resolve(clone.trackingRef());
    Optional<ObjectId> local = clone.resolve(clone.localRef());
    if (remote.isEmpty() || local.isEmpty() || remote.get().equals(local.get())) {
      return new Result(Kind.UP_TO_DATE, List.of(), List.of());
    }
    ObjectId base = mergeBase(local.get(), remote.get());
    if (remote.get().equals(base)) {
      return new Result(Kind.UP_TO_DATE, List.of(), List.of());
    }
    if (local.get().equals(base)) {
      MergeResult merged =
          clone
              .git()
              .merge()
              .include(remote.get())
              .setFastForward(MergeCommand.FastForwardMode.FF_ONLY)
              .setCommit(true)
              .call();
      if (!merged.getMergeStatus().isSuccessful()) {
        throw new IOException("fast-forward to the remote failed: " + merged.getMergeStatus());
      }
      return new Result(Kind.FAST_FORWARD, List.of(), changedSince(local.get()));
    }
    RebaseResult rebased =
        clone.git().rebase().setUpstream(remote.get()).setPreserveMerges(false).call();
    if (rebased.getStatus().isSuccessful()) {
      return new Result(Kind.REBASED, List.of(), changedSince(local.get()));
    }
    log.info(
        "git: rebasing the service's commits onto the remote's stopped ({}); taking the remote's"
            + " commit and putting the service's own files back",
        rebased.getStatus());
    if (clone.repository().getRepositoryState().isRebasing()) {
      clone.git().rebase().setOperation(RebaseCommand.Operation.ABORT).call();
    }
    return replay(local.get(), remote.get(), base);
  }

  private Result replay(ObjectId local, ObjectId remote, ObjectId base)
      throws GitAPIException, IOException {
    List<String> ours = clone.changedPaths(base, local, true);
    Set<String> theirs = new HashSet<>(clone.changedPaths(base, remote, false));
    clone.git().reset().setMode(ResetCommand.ResetType.HARD).setRef(remote.getName()).call();
    List<String> kept = new ArrayList<>();
    Path workTree = clone.workTree();
    for (String path : ours) {
      Optional<byte[]> mine = clone.fileAt(local, path);
      Path file = workTree.resolve(path);
      if (theirs.contains(path)) {
        Optional<byte[]> remoteVersion = clone.fileAt(remote, path);
        if (!sameContent(mine, remoteVersion)) {
          kept.add(path);
          Optional<byte[]> merged = mergeFields(path, base, mine, remoteVersion);
          if (merged.isPresent()) {
            Files.write(file, merged.get());
          }
        }
        continue;
      }
      if (mine.isPresent()) {
        Files.createDirectories(file.getParent());
        Files.write(file, mine.get());
      } else {
        Files.deleteIfExists(file);
      }
    }
    if (!kept.isEmpty()) {
      log.info(
          "git: {} roadmap file(s) changed on both sides; the remote's version goes to the issue's"
              + " merge: {}",
          kept.size(),
          kept);
    }
    return new Result(Kind.REPLAYED, List.copyOf(kept), changedSince(local));
  }

  /**
   * The teammate's file with the fields only the service changed edited in ({@link FileMerge});
   * empty (the teammate's file stays as it is) when a version is missing or does not parse.
   */
  private Optional<byte[]> mergeFields(
      String path, ObjectId base, Optional<byte[]> mine, Optional<byte[]> theirs)
      throws IOException {
    Optional<byte[]> common = clone.fileAt(base, path);
    if (common.isEmpty() || mine.isEmpty() || theirs.isEmpty() || !path.endsWith(".md")) {
      return Optional.empty();
    }
    Path relative = Path.of(path).getFileName();
    return FileMerge.merge(relative, common.get(), mine.get(), theirs.get(), Instant.now());
  }

  private static boolean sameContent(Optional<byte[]> a, Optional<byte[]> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty();
    }
    return Arrays.equals(a.get(), b.get());
  }

  private List<String> changedSince(ObjectId before) throws IOException {
    ObjectId now = clone.resolve(clone.localRef()).orElse(before);
    return clone.changedPaths(before, now, true);
  }

  private ObjectId mergeBase(ObjectId a, ObjectId b) throws IOException {
    try (RevWalk walk = new RevWalk(clone.repository())) {
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(a));
      walk.markStart(walk.parseCommit(b));
      RevCommit base = walk.next();
      if (base == null) {
        throw new IOException("the branch and the remote's have no common history");
      }
      return base.getId();
    }
  }
}
