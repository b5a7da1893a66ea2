package org.roadmapsync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roadmapsync.persistence.CborSerializable;

/**
 * What one issue entity knows of the comments of its issue: GitHub's comments as last seen, which
 * file comment is which GitHub comment and the text both last held (the base of the three-way
 * merge), the posts asked for and not yet answered, and what waits for a person.
 *
 * @param github GitHub's live comments of the issue by id; one leaves only when GitHub says it was
 *     deleted (a webhook, or a full read of the comments), so a linked comment missing here
 *     was deleted on GitHub
 * @param detached GitHub comments that stay unsynced: their file entry was removed and deletes are
 *     kept
 * @param posting file comment id → when sync asked GitHub to post it (journaled before the post)
 * @param problems file comments GitHub refused, parked until their text or GitHub's issue changes
 * @param wroteAt when sync last wrote a comment on GitHub: an issue snapshot older than that counts
 *     its comments from before the write
 */
public record CommentThread(
    Map<Long, RemoteComment> github,
    List<Link> links,
    List<Long> detached,
    Map<Integer, Instant> posting,
    List<Problem> problems,
    List<Conflict> conflicts,
    Instant wroteAt)
    implements CborSerializable {

  public static final CommentThread EMPTY =
      new CommentThread(Map.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), null);

  public CommentThread {
    github = github == null ? Map.of() : new TreeMap<>(github);
    links = links == null ? List.of() : List.copyOf(links);
    detached = detached == null ? List.of() : List.copyOf(detached);
    posting = posting == null ? Map.of() : new TreeMap<>(posting);
    problems = problems == null ? List.of() : List.copyOf(problems);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
  }

  /** File comment {@code local} is GitHub comment {@code github}; both held {@code base}. */
  public record Link(int local, long github, String base) implements CborSerializable {}

  /** GitHub refused file comment {@code comment} with this {@code text}, for {@code reason}. */
  public record Problem(int comment, String text, String reason) implements CborSerializable {

    /**
     * A 403 (the issue locked) can pass when the issue changes on GitHub; a 422 (too long) only
     * when the text changes.
     */
    boolean passesWhenGitHubChanges() {
      return reason.startsWith("403");
    }
  }

  /** Changed on both sides to different texts, waiting for a decision (manual strategy). */
  public record Conflict(int comment, long github, String base, String roadmap, String githubText)
      implements CborSerializable {

    /** The name the admin API gives it, beside the field names: {@code comment:ID}. */
    public String apiName() {
      return "comment:" + comment;
    }
  }

  /**
   * GitHub's comments as a webhook, a listing or a read showed them ({@code complete}: all of
   * them), or as GitHub answered sync's own write made at {@code ourWrite} (else null).
   */
  CommentThread observed(
      List<RemoteComment> seen, List<Long> deleted, boolean complete, Instant ourWrite) {
    Map<Long, RemoteComment> next = complete ? new LinkedHashMap<>() : new LinkedHashMap<>(github);
    for (RemoteComment c : seen) {
      RemoteComment known = github.get(c.id());
      next.put(c.id(), known != null && !c.newerThan(known) ? known : c);
    }
    deleted.forEach(next::remove);
    Instant wrote =
        wroteAt == null || (ourWrite != null && ourWrite.isAfter(wroteAt)) ? ourWrite : wroteAt;
    return new CommentThread(next, links, detached, posting, problems, conflicts, wrote);
  }

  CommentThread postRequested(int comment, Instant at) {
    Map<Integer, Instant> next = new LinkedHashMap<>(posting);
    next.put(comment, at);
    return new CommentThread(github, links, detached, next, problems, conflicts, wroteAt);
  }

  CommentThread failed(Problem problem) {
    List<Problem> next = new ArrayList<>(problems);
    next.removeIf(p -> p.comment() == problem.comment());
    next.add(problem);
    Map<Integer, Instant> notPosting = new LinkedHashMap<>(posting);
    notPosting.remove(problem.comment());
    return new CommentThread(github, links, detached, notPosting, next, conflicts, wroteAt);
  }

  /** GitHub's issue changed (it may have been unlocked): comments it forbade are tried again. */
  CommentThread retryProblems() {
    List<Problem> stay = problems.stream().filter(p -> !p.passesWhenGitHubChanges()).toList();
    return stay.size() == problems.size()
        ? this
        : new CommentThread(github, links, detached, posting, stay, conflicts, wroteAt);
  }

  /**
   * The new base: the links of comments both sides hold alike; a linked comment's post is answered,
   * and problems of texts no longer in the file are gone.
   */
  CommentThread settled(
      List<Link> newLinks,
      List<Long> newDetached,
      List<Conflict> newConflicts,
      List<Problem> stillProblems) {
    Map<Integer, Instant> stillPosting = new LinkedHashMap<>(posting);
    newLinks.forEach(link -> stillPosting.remove(link.local()));
    return new CommentThread(
        github, newLinks, newDetached, stillPosting, stillProblems, newConflicts, wroteAt);
  }

  /** The conflict of {@code comment} settled for {@code text}: that side looks changed, alone. */
  CommentThread resolved(Map<Integer, String> baseByComment) {
    List<Link> next = new ArrayList<>();
    for (Link link : links) {
      String base = baseByComment.getOrDefault(link.local(), link.base());
      next.add(new Link(link.local(), link.github(), base));
    }
    return new CommentThread(github, next, detached, posting, problems, List.of(), wroteAt);
  }

  /** GitHub's comments of the issue in the order they were made. */
  public List<RemoteComment> githubInOrder() {
    List<RemoteComment> all = new ArrayList<>(github.values());
    all.sort(
        Comparator.comparing(
                RemoteComment::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(RemoteComment::id));
    return all;
  }
}
