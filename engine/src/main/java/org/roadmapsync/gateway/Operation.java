package org.roadmapsync.gateway;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.roadmapsync.sync.GitHubPort;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.SyncField;

/**
 * One pending call of the {@link GitHubPort}, as a value the {@link OperationQueue} can compare: operations
 * with the same {@link #key()} are one operation, and a newer one is {@link #merge merged} into a pending one.
 */
public sealed interface Operation {

  String key();

  boolean write();

  /** Runs the operation once on the port that talks to GitHub. */
  CompletionStage<?> run(GitHubPort port);

  /** This pending operation, updated by a newer one of the same key. */
  default Operation merge(Operation newer) {
    return newer;
  }

  record Fetch(IssueLink link) implements Operation {
    public String key() { return "fetch " + link.repo() + "#" + link.number(); }
    public boolean write() { return false; }
    public CompletionStage<?> run(GitHubPort port) { return port.fetch(link); }
  }

  /** Coalesces with a newer push of the same issue: one PATCH of the newest target, every field either wanted. */
  record Push(IssueLink link, String roadmapId, IssueFields target, Set<SyncField> fields) implements Operation {
    public Push {
      fields = Set.copyOf(fields);
    }

    public String key() { return "push " + link.repo() + "#" + link.number(); }
    public boolean write() { return true; }
    public CompletionStage<?> run(GitHubPort port) { return port.push(link, roadmapId, target, fields); }

    @Override
    public Operation merge(Operation newer) {
      Push n = (Push) newer;
      EnumSet<SyncField> both = EnumSet.noneOf(SyncField.class);
      both.addAll(fields);
      both.addAll(n.fields());
      return new Push(n.link(), n.roadmapId(), n.target(), both);
    }
  }

  record Create(String repo, String roadmapId, IssueFields fields) implements Operation {
    public String key() { return "create " + repo + " " + roadmapId; }
    public boolean write() { return true; }
    public CompletionStage<?> run(GitHubPort port) { return port.create(repo, roadmapId, fields); }
  }

  record FindPublished(String repo, String roadmapId, Instant since) implements Operation {
    public String key() { return "find " + repo + " " + roadmapId + " " + since; }
    public boolean write() { return false; }
    public CompletionStage<?> run(GitHubPort port) { return port.findPublished(repo, roadmapId, since); }
  }
}
