package org.roadmapsync.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.roadmapsync.roadmap.IssueEdit;
import org.roadmapsync.roadmap.RoadmapComment;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.roadmap.RoadmapStoreException;

/**
 * The issue entities' way to their files, through the lossless store, on the blocking dispatcher.
 */
public final class StoreRoadmapPort implements RoadmapPort {

  private final RoadmapStore store;
  private final FieldMapping mapping;
  private final Executor blocking;

  public StoreRoadmapPort(RoadmapStore store, FieldMapping mapping, Executor blocking) {
    this.store = store;
    this.mapping = mapping;
    this.blocking = blocking;
  }

  public LocalSnapshot snapshot(RoadmapIssue issue) {
    return new LocalSnapshot(
        mapping.fromRoadmap(issue),
        issue.updated().orElse(null),
        issue.contentHash(),
        issue.githubIssue().isPresent() ? (long) issue.githubIssue().getAsInt() : null,
        issue.gitBranches().stream().filter(b -> !b.isBlank()).findFirst().orElse(null),
        issue.comments().stream().map(StoreRoadmapPort::comment).toList());
  }

  private static LocalComment comment(RoadmapComment c) {
    return new LocalComment(
        c.id(), c.author(), c.body(), c.createdAt(), c.updatedAt(), c.githubUrl());
  }

  @Override
  public CompletionStage<LocalSnapshot> read(String id) {
    return async(
        () ->
            snapshot(
                store.read(id).orElseThrow(() -> new RoadmapStoreException.IssueNotFound(id))));
  }

  @Override
  public CompletionStage<LocalSnapshot> write(
      String id, IssueFields target, Set<SyncField> fields, String expectedHash) {
    // Built from the file as it is, so label order and labels sync does not own are kept.
    return apply(id, current -> mapping.toEdit(current, target, fields), expectedHash);
  }

  @Override
  public CompletionStage<LocalSnapshot> writeLink(String id, Long number, String expectedHash) {
    IssueEdit edit =
        IssueEdit.builder().githubIssue(number == null ? null : Math.toIntExact(number)).build();
    return apply(id, current -> edit, expectedHash);
  }

  @Override
  public CompletionStage<LocalSnapshot> writeComments(
      String id, List<LocalComment> comments, String expectedHash) {
    return apply(
        id,
        current -> IssueEdit.builder().comments(entries(current, comments)).build(),
        expectedHash);
  }

  /** The entries for {@code comments}: each existing one with what sync changed in it. */
  private static List<RoadmapComment> entries(RoadmapIssue current, List<LocalComment> comments) {
    Map<Integer, RoadmapComment> existing = new HashMap<>();
    current.comments().forEach(c -> existing.put(c.id(), c));
    List<RoadmapComment> entries = new ArrayList<>();
    for (LocalComment c : comments) {
      RoadmapComment was = existing.get(c.id());
      entries.add(
          new RoadmapComment(
              c.id(),
              was != null ? was.issueId() : current.id(),
              c.author(),
              c.body(),
              c.createdAt(),
              c.updatedAt(),
              c.githubUrl(),
              was != null ? was.inReplyTo() : null,
              was != null ? was.line() : 0));
    }
    return entries;
  }

  private CompletionStage<LocalSnapshot> apply(
      String id, Function<RoadmapIssue, IssueEdit> edit, String expectedHash) {
    return async(() -> snapshot(store.edit(id, edit, Optional.of(expectedHash))));
  }

  private <T> CompletionStage<T> async(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, blocking);
  }
}
