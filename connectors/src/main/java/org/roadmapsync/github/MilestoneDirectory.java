package org.roadmapsync.github;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.roadmapsync.config.RepoRef;

/**
 * Milestone title → number per repository. Filled by listing every milestone (open and closed) on a
 * miss; a missing one can be created, and a create that races another ({@code 422 already_exists})
 * is settled by listing again instead of failing.
 */
final class MilestoneDirectory {

  private final GitHubClient client;
  private final Map<RepoRef, Map<String, Long>> numbers = new ConcurrentHashMap<>();

  MilestoneDirectory(GitHubClient client) {
    this.client = client;
  }

  CompletionStage<Optional<Long>> number(RepoRef repo, String title, boolean createIfMissing) {
    Long known = numbers.getOrDefault(repo, Map.of()).get(title);
    if (known != null) {
      return CompletableFuture.completedFuture(Optional.of(known));
    }
    return refresh(repo)
        .thenCompose(
            found -> {
              Long number = found.get(title);
              if (number != null || !createIfMissing) {
                return CompletableFuture.completedFuture(Optional.ofNullable(number));
              }
              return client
                  .createMilestone(repo, title, null)
                  .thenApply(
                      created -> {
                        numbers
                            .computeIfAbsent(repo, r -> new ConcurrentHashMap<>())
                            .put(created.title(), created.number());
                        return Optional.of(created.number());
                      })
                  .exceptionallyCompose(
                      failure ->
                          alreadyExists(failure)
                              ? refresh(repo)
                                  .thenApply(again -> Optional.ofNullable(again.get(title)))
                              : CompletableFuture.failedFuture(failure));
            });
  }

  void forget(RepoRef repo) {
    numbers.remove(repo);
  }

  private CompletionStage<Map<String, Long>> refresh(RepoRef repo) {
    return client
        .listMilestones(repo)
        .thenApply(
            list -> {
              Map<String, Long> byTitle = new ConcurrentHashMap<>();
              list.forEach(m -> byTitle.put(m.title(), m.number()));
              numbers.put(repo, byTitle);
              return byTitle;
            });
  }

  private static boolean alreadyExists(Throwable failure) {
    return GitHubError.of(failure)
        .filter(
            e ->
                e instanceof GitHubError.Validation v
                    && v.errors().stream().anyMatch(f -> "already_exists".equals(f.code())))
        .isPresent();
  }
}
