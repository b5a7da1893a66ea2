package org.roadmapsync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.roadmapsync.config.CommentDeletes;
import org.roadmapsync.config.ConflictStrategy;

/**
 * Merges the file's comments with GitHub's, comment by comment, three ways against the text both
 * last held: a text changed on one side is taken from it, on both sides the {@link
 * ConflictStrategy} decides ({@code manual}: it waits). A new comment on one side is made on the
 * other; a deleted one is deleted on the other only with {@link CommentDeletes#MIRROR}, and an edit
 * always beats a delete (nothing written is lost). Pure: {@link IssueComments} carries the plan out
 * one write at a time and merges again after each.
 */
final class CommentMerge {

  private CommentMerge() {}

  /** A file comment to post; {@code asked}: its post was asked for before (maybe made). */
  record Post(int comment, String text, boolean asked) {}

  record Edit(long github, int comment, String text) {}

  /**
   * @param file the file's comments after the merge (the same list when the file keeps them)
   * @param links the comments both sides hold alike now: the next base
   */
  record Plan(
      List<LocalComment> file,
      List<Post> posts,
      List<Edit> edits,
      List<Long> deletes,
      List<CommentThread.Link> links,
      List<Long> detached,
      List<CommentThread.Conflict> conflicts,
      List<CommentThread.Problem> problems) {

    boolean writesGitHub() {
      return !posts.isEmpty() || !edits.isEmpty() || !deletes.isEmpty();
    }
  }

  static Plan plan(
      String issueId,
      List<LocalComment> local,
      CommentThread thread,
      CommentDeletes deletes,
      ConflictStrategy strategy) {
    return new Merger(issueId, local, thread, deletes, strategy).run();
  }

  /**
   * How many entries the file's comments gain, change and lose from {@code before} to {@code
   * after}.
   */
  static HistoryEntry.CommentChanges counts(List<LocalComment> before, List<LocalComment> after) {
    Map<Integer, LocalComment> old = new HashMap<>();
    before.forEach(c -> old.put(c.id(), c));
    int added = 0;
    int edited = 0;
    for (LocalComment c : after) {
      LocalComment was = old.remove(c.id());
      if (was == null) {
        added++;
      } else if (!Objects.equals(was.body(), c.body())) {
        edited++;
      }
    }
    return new HistoryEntry.CommentChanges(added, edited, old.size());
  }

  private static final class Merger {
    private final String issueId;
    private final List<LocalComment> local;
    private final CommentThread thread;
    private final CommentDeletes deletes;
    private final ConflictStrategy strategy;

    private final List<LocalComment> file;
    private final List<Post> posts = new ArrayList<>();
    private final List<Edit> edits = new ArrayList<>();
    private final List<Long> deleting = new ArrayList<>();
    private final List<CommentThread.Link> links = new ArrayList<>();
    private final Set<Long> detached;
    private final List<CommentThread.Conflict> conflicts = new ArrayList<>();
    private final Set<Integer> handledLocal = new HashSet<>();
    private final Set<Long> handledGitHub = new HashSet<>();
    private int nextId;

    Merger(
        String issueId,
        List<LocalComment> local,
        CommentThread thread,
        CommentDeletes deletes,
        ConflictStrategy strategy) {
      this.issueId = issueId;
      this.local = local;
      this.thread = thread;
      this.deletes = deletes;
      this.strategy = strategy;
      this.file = new ArrayList<>(local);
      this.detached = new LinkedHashSet<>(thread.detached());
      this.nextId = local.stream().mapToInt(LocalComment::id).max().orElse(0) + 1;
    }

    Plan run() {
      for (CommentThread.Link link : thread.links()) {
        merge(link);
      }
      for (LocalComment c : local) {
        if (!handledLocal.contains(c.id())) {
          unlinkedLocal(c);
        }
      }
      for (RemoteComment c : thread.githubInOrder()) {
        if (!handledGitHub.contains(c.id()) && !detached.contains(c.id())) {
          unlinkedGitHub(c);
        }
      }
      detached.retainAll(thread.github().keySet());
      return new Plan(
          List.copyOf(file),
          List.copyOf(posts),
          List.copyOf(edits),
          List.copyOf(deleting),
          List.copyOf(links),
          List.copyOf(detached),
          List.copyOf(conflicts),
          stillProblems());
    }

    private void merge(CommentThread.Link link) {
      LocalComment mine = find(link.local());
      RemoteComment theirs = thread.github().get(link.github());
      if (mine != null && mine.githubId().filter(id -> id != link.github()).isPresent()) {
        return; // the entry was pointed at another GitHub comment by hand: it is merged as that one
      }
      handledLocal.add(link.local());
      handledGitHub.add(link.github());
      if (mine == null && theirs == null) {
        return; // deleted on both sides
      }
      if (mine == null) {
        removedInFile(link, theirs);
      } else if (theirs == null) {
        deletedOnGitHub(link, mine);
      } else {
        bothHold(link, mine, theirs);
      }
    }

    private void removedInFile(CommentThread.Link link, RemoteComment theirs) {
      if (!theirs.text().equals(link.base())) {
        // edited on GitHub meanwhile: the edit wins over the delete, the entry comes back
        insert(fromGitHub(link.local(), theirs));
        links.add(link);
      } else if (deletes == CommentDeletes.MIRROR) {
        deleting.add(theirs.id());
        links.add(link);
      } else {
        detached.add(theirs.id());
      }
    }

    private void deletedOnGitHub(CommentThread.Link link, LocalComment mine) {
      if (!mine.body().equals(link.base())) {
        // edited in the file meanwhile: the edit wins, as a new GitHub comment (once)
        postOrAdopt(mine);
      } else if (deletes == CommentDeletes.MIRROR) {
        file.removeIf(c -> c.id() == mine.id());
      }
      // kept: the entry stays as it is, naming a comment GitHub no longer has
    }

    private void bothHold(CommentThread.Link link, LocalComment mine, RemoteComment theirs) {
      if (mine.githubId().isEmpty()) {
        mine = mine.withGithubUrl(theirs.url()); // the link is written back where it was removed
        replace(mine);
      }
      String text = theirs.text();
      if (mine.body().equals(text)) {
        links.add(new CommentThread.Link(link.local(), link.github(), text));
        return;
      }
      links.add(link);
      boolean mineChanged = link.base() == null || !mine.body().equals(link.base());
      boolean theirsChanged = link.base() == null || !text.equals(link.base());
      if (mineChanged && !theirsChanged) {
        edits.add(new Edit(theirs.id(), mine.id(), mine.body()));
      } else if (!mineChanged) {
        replace(mine.withBody(text, theirs.updatedAt()));
      } else {
        Side winner = winner(mine, theirs);
        if (winner == Side.ROADMAP) {
          edits.add(new Edit(theirs.id(), mine.id(), mine.body()));
        } else if (winner == Side.GITHUB) {
          replace(mine.withBody(text, theirs.updatedAt()));
        } else {
          conflicts.add(
              new CommentThread.Conflict(mine.id(), theirs.id(), link.base(), mine.body(), text));
        }
      }
    }

    private void unlinkedLocal(LocalComment c) {
      Optional<Long> named = c.githubId();
      if (named.isEmpty()) {
        postOrAdopt(c);
        return;
      }
      RemoteComment theirs = thread.github().get(named.get());
      if (theirs == null || handledGitHub.contains(theirs.id())) {
        return; // a comment GitHub deleted (or sync never saw): the entry stays as it is
      }
      handledGitHub.add(theirs.id());
      detached.remove(theirs.id());
      // synced before sync knew it (another tool, or a lost base): no base, both sides count
      bothHold(new CommentThread.Link(c.id(), theirs.id(), null), c, theirs);
    }

    private void unlinkedGitHub(RemoteComment c) {
      Optional<Integer> postedAs = c.postedFor(issueId);
      if (postedAs.isPresent() && !handledLocal.contains(postedAs.get())) {
        // posted by sync for an entry removed before its link was written: a delete in the file
        removedInFile(new CommentThread.Link(postedAs.get(), c.id(), c.text()), c);
        return;
      }
      if (postedAs.isPresent()) {
        return; // its entry was matched above
      }
      insert(fromGitHub(nextId++, c));
    }

    /** Posts {@code c}, unless GitHub has it already (its answer lost): then adopts that one. */
    private void postOrAdopt(LocalComment c) {
      Optional<RemoteComment> made = postedFor(c.id());
      if (made.isPresent()) {
        handledGitHub.add(made.get().id());
        replace(c.withGithubUrl(made.get().url()));
      } else {
        post(c);
      }
    }

    private Optional<RemoteComment> postedFor(int comment) {
      return thread.github().values().stream()
          .filter(c -> c.postedFor(issueId).filter(id -> id == comment).isPresent())
          .filter(c -> !handledGitHub.contains(c.id()))
          .findFirst();
    }

    private void post(LocalComment c) {
      boolean refused =
          thread.problems().stream()
              .anyMatch(p -> p.comment() == c.id() && p.text().equals(c.body()));
      if (!refused) {
        posts.add(new Post(c.id(), c.body(), thread.posting().containsKey(c.id())));
      }
    }

    /** The side whose text wins a comment changed on both; null: a person decides. */
    private Side winner(LocalComment mine, RemoteComment theirs) {
      return switch (strategy) {
        case PREFER_ROADMAP -> Side.ROADMAP;
        case PREFER_GITHUB -> Side.GITHUB;
        case MANUAL -> null;
        case LAST_WRITE_WINS ->
            mine.updatedAt() != null
                    && theirs.updatedAt() != null
                    && mine.updatedAt().isAfter(theirs.updatedAt())
                ? Side.ROADMAP
                : Side.GITHUB;
      };
    }

    private List<CommentThread.Problem> stillProblems() {
      return thread.problems().stream()
          .filter(
              p -> local.stream().anyMatch(c -> c.id() == p.comment() && c.body().equals(p.text())))
          .toList();
    }

    private LocalComment find(int id) {
      return local.stream().filter(c -> c.id() == id).findFirst().orElse(null);
    }

    private void replace(LocalComment c) {
      file.replaceAll(old -> old.id() == c.id() ? c : old);
    }

    /** After the last entry made no later than {@code c}: the file stays in order of creation. */
    private void insert(LocalComment c) {
      int at = file.size();
      while (at > 0 && later(file.get(at - 1).createdAt(), c.createdAt())) {
        at--;
      }
      file.add(at, c);
    }

    private static boolean later(Instant a, Instant b) {
      return a != null && b != null && a.isAfter(b);
    }

    private static LocalComment fromGitHub(int id, RemoteComment c) {
      return new LocalComment(id, c.author(), c.text(), c.createdAt(), c.updatedAt(), c.url());
    }
  }
}
