package org.roadmapsync.gateway;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.sync.RepoIssueTypes;

/**
 * The issue types of each repository's owner, read once ({@code GET /orgs/{org}/issue-types}) and
 * kept for the life of the process: writes need them, and one request per repository is all they
 * cost. A read that failed is not kept (the next write asks again); {@link #forget} drops a
 * repository's entry when a write named a type the owner did not have, in case one was added since.
 */
public final class IssueTypeCatalog {

  private final Map<String, CompletableFuture<RepoIssueTypes>> byOwner = new ConcurrentHashMap<>();

  /** The types of {@code repo}'s owner: known ones at once, else read with {@code read}. */
  public CompletionStage<RepoIssueTypes> of(
      RepoRef repo, Supplier<CompletionStage<RepoIssueTypes>> read) {
    String owner = repo.owner().toLowerCase(java.util.Locale.ROOT);
    CompletableFuture<RepoIssueTypes> known =
        byOwner.computeIfAbsent(owner, o -> read.get().toCompletableFuture());
    return known.whenComplete(
        (types, error) -> {
          if (error != null) {
            byOwner.remove(owner, known);
          }
        });
  }

  public void forget(RepoRef repo) {
    byOwner.remove(repo.owner().toLowerCase(java.util.Locale.ROOT));
  }
}
