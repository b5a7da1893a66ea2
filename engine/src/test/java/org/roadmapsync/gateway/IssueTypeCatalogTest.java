package org.roadmapsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.sync.RepoIssueTypes;

class IssueTypeCatalogTest {
  private final IssueTypeCatalog catalog = new IssueTypeCatalog();
  private final AtomicInteger reads = new AtomicInteger();

  private Supplier<CompletionStage<RepoIssueTypes>> reading(RepoIssueTypes types) {
    return () -> {
      reads.incrementAndGet();
      return CompletableFuture.completedFuture(types);
    };
  }

  @Test
  void anOwnersTypesAreReadOnceForAllItsRepositories() {
    RepoIssueTypes types = new RepoIssueTypes(List.of("Bug"));
    RepoIssueTypes first =
        catalog.of(RepoRef.parse("Octo/one"), reading(types)).toCompletableFuture().join();
    RepoIssueTypes second =
        catalog.of(RepoRef.parse("octo/two"), reading(types)).toCompletableFuture().join();
    assertThat(first).isEqualTo(types).isEqualTo(second);
    assertThat(reads).hasValue(1);

    catalog.forget(RepoRef.parse("octo/two"));
    catalog.of(RepoRef.parse("octo/one"), reading(types)).toCompletableFuture().join();
    assertThat(reads).as("read again after forget").hasValue(2);
  }

  @Test
  void aFailedReadIsNotKept() {
    RepoRef repo = RepoRef.parse("octo/one");
    assertThatThrownBy(
            () ->
                catalog
                    .of(
                        repo,
                        () -> CompletableFuture.failedFuture(new IllegalStateException("5xx")))
                    .toCompletableFuture()
                    .join())
        .hasRootCauseMessage("5xx");
    assertThat(catalog.of(repo, reading(RepoIssueTypes.NONE)).toCompletableFuture().join())
        .isEqualTo(RepoIssueTypes.NONE);
    assertThat(reads).hasValue(1);
  }
}
