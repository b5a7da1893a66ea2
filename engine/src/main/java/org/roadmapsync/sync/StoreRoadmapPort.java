package org.roadmapsync.sync;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.roadmapsync.roadmap.IssueEdit;
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
        issue.gitBranches().stream().filter(b -> !b.isBlank()).findFirst().orElse(null));
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

  private CompletionStage<LocalSnapshot> apply(
      String id, Function<RoadmapIssue, IssueEdit> edit, String expectedHash) {
    return async(() -> snapshot(store.edit(id, edit, Optional.of(expectedHash))));
  }

  private <T> CompletionStage<T> async(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, blocking);
  }
}
