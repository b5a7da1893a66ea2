package org.roadmapsync.gateway;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.roadmapsync.pulls.PullRequestPort;
import org.roadmapsync.sync.GitHubPort;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.SyncField;

/**
 * One pending call of the {@link GitHubPort} or the {@link PullRequestPort}, as a value the {@link
 * OperationQueue} can compare: operations with the same {@link #key()} are one operation, and a
 * newer one is {@link #merge merged} into a pending one.
 */
public sealed interface Operation {

  String key();

  boolean write();

  /** Runs the operation once on the ports that talk to GitHub. */
  CompletionStage<?> run(Ports ports);

  /** What operations run on: the issue entities' port and the pull-request lifecycle's. */
  record Ports(GitHubPort issues, PullRequestPort pulls) {}

  /**
   * Safe to run again when a restart of the queue cut it off, its effect unknown: reads, and writes
   * that set a state. False for writes that add something (an issue, a pull request, a comment) or
   * cannot happen twice (a merge).
   */
  default boolean repeatable() {
    return true;
  }

  /**
   * Makes something new on GitHub (an issue, a comment, a pull request): sent again only when
   * GitHub surely did not take it, since after a timeout or a 5xx it may exist already.
   */
  default boolean addsContent() {
    return false;
  }

  /** This pending operation, updated by a newer one of the same key. */
  default Operation merge(Operation newer) {
    return newer;
  }

  record Fetch(IssueLink link) implements Operation {
    public String key() {
      return "fetch " + link.repo() + "#" + link.number();
    }

    public boolean write() {
      return false;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.issues().fetch(link);
    }
  }

  /**
   * Coalesces with a newer push of the same issue: one PATCH of the newest target, every field
   * either wanted.
   */
  record Push(IssueLink link, String roadmapId, IssueFields target, Set<SyncField> fields)
      implements Operation {
    public Push {
      fields = Set.copyOf(fields);
    }

    public String key() {
      return "push " + link.repo() + "#" + link.number();
    }

    public boolean write() {
      return true;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.issues().push(link, roadmapId, target, fields);
    }

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
    public boolean addsContent() {
      return true;
    }

    public boolean repeatable() {
      return false;
    }

    public String key() {
      return "create " + repo + " " + roadmapId;
    }

    public boolean write() {
      return true;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.issues().create(repo, roadmapId, fields);
    }
  }

  record FindPublished(String repo, String roadmapId, Instant since) implements Operation {
    public String key() {
      return "find " + repo + " " + roadmapId + " " + since;
    }

    public boolean write() {
      return false;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.issues().findPublished(repo, roadmapId, since);
    }
  }

  // ---- comments of issues

  record ReadComments(IssueLink link) implements Operation {
    public String key() {
      return "comments " + link.repo() + "#" + link.number();
    }

    public boolean write() {
      return false;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.issues().comments(link);
    }
  }

  /** Keyed by its text (which names the roadmap comment in its marker): one post at a time. */
  record PostComment(IssueLink link, String body) implements Operation {
    public boolean addsContent() {
      return true;
    }

    public boolean repeatable() {
      return false;
    }

    public String key() {
      return "post comment " + link.repo() + "#" + link.number() + " " + body.hashCode();
    }

    public boolean write() {
      return true;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.issues().postComment(link, body);
    }
  }

  record EditComment(String repo, long id, String body) implements Operation {
    public String key() {
      return "edit comment " + repo + " " + id;
    }

    public boolean write() {
      return true;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.issues().editComment(repo, id, body);
    }
  }

  record DeleteComment(String repo, long id) implements Operation {
    public String key() {
      return "delete comment " + repo + " " + id;
    }

    public boolean write() {
      return true;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.issues().deleteComment(repo, id);
    }
  }

  // ---- pull requests: keyed by repository and branch or number, so one pull request's calls never
  // run side by side

  record BranchExists(String repo, String branch) implements Operation {
    public String key() {
      return "branch " + repo + " " + branch;
    }

    public boolean write() {
      return false;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.pulls().branchExists(repo, branch);
    }
  }

  record FindPull(String repo, String branch) implements Operation {
    public String key() {
      return "find pull " + repo + " " + branch;
    }

    public boolean write() {
      return false;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.pulls().findOpen(repo, branch);
    }
  }

  record GetPull(String repo, long number) implements Operation {
    public String key() {
      return "get pull " + repo + "#" + number;
    }

    public boolean write() {
      return false;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.pulls().get(repo, number);
    }
  }

  record CreatePull(String repo, String branch, String base, String title, String body)
      implements Operation {
    public boolean addsContent() {
      return true;
    }

    public boolean repeatable() {
      return false;
    }

    public String key() {
      return "create pull " + repo + " " + branch;
    }

    public boolean write() {
      return true;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.pulls().createDraft(repo, branch, base, title, body);
    }
  }

  /** Coalesces with a newer edit of the same pull request: the newest title and body win. */
  record EditPull(String repo, long number, String title, String body) implements Operation {
    public String key() {
      return "edit pull " + repo + "#" + number;
    }

    public boolean write() {
      return true;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.pulls().edit(repo, number, title, body);
    }
  }

  record MarkReady(String repo, long number, String nodeId) implements Operation {
    public String key() {
      return "ready pull " + repo + "#" + number;
    }

    public boolean write() {
      return true;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.pulls().markReady(repo, number, nodeId);
    }
  }

  record CommentPull(String repo, long number, String text) implements Operation {
    public boolean addsContent() {
      return true;
    }

    public boolean repeatable() {
      return false;
    }

    public String key() {
      return "comment pull " + repo + "#" + number + " " + text.hashCode();
    }

    public boolean write() {
      return true;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.pulls().comment(repo, number, text);
    }
  }

  record MergePull(String repo, long number, String commitTitle, String method)
      implements Operation {
    public boolean repeatable() {
      return false;
    }

    public String key() {
      return "merge pull " + repo + "#" + number;
    }

    public boolean write() {
      return true;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.pulls().merge(repo, number, commitTitle, method);
    }
  }

  record ClosePull(String repo, long number) implements Operation {
    public String key() {
      return "close pull " + repo + "#" + number;
    }

    public boolean write() {
      return true;
    }

    public CompletionStage<?> run(Ports ports) {
      return ports.pulls().close(repo, number);
    }
  }
}
