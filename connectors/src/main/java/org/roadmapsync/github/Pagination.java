package org.roadmapsync.github;

import com.fasterxml.jackson.databind.JavaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * One walk through a paginated list: page after page as the {@code Link} header says, never
 * building page URLs. Every page is asked for conditionally when the first one is: with {@code
 * sort=updated}, a change moves an issue to the last page while the first page can stay the same,
 * so a 304 on page one does not mean nothing changed.
 */
final class Pagination<T> {

  private final GitHubTransport transport;
  private final GitHubRequest first;
  private final JavaType pageType;
  private final Predicate<List<T>> more;
  private final List<T> items = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private boolean allNotModified = true;

  Pagination(GitHubTransport transport, GitHubRequest first, JavaType pageType) {
    this(transport, first, pageType, page -> true);
  }

  /**
   * @param more whether the pages after this one are wanted (e.g. not past a date)
   */
  Pagination(
      GitHubTransport transport, GitHubRequest first, JavaType pageType, Predicate<List<T>> more) {
    this.transport = transport;
    this.first = first;
    this.pageType = pageType;
    this.more = more;
  }

  CompletionStage<Listing<T>> run() {
    return transport
        .execute(first)
        .thenCompose(
            firstPage -> {
              seen.add(firstPage.url());
              return collect(firstPage)
                  .thenApply(
                      done ->
                          new Listing<>(
                              items,
                              allNotModified,
                              firstPage.etag().or(first::etag),
                              seen.size()));
            });
  }

  private CompletionStage<Void> collect(GitHubResponse page) {
    try {
      allNotModified &= page.notModified();
      if (page.notModified() && page.body().length == 0) {
        // a 304 to the caller's own ETag with nothing cached: following further pages would give a
        // partial list
        return CompletableFuture.completedFuture(null);
      }
      List<T> pageItems = GitHubClient.decode(page, pageType);
      items.addAll(pageItems);
      Optional<URI> next = page.link().next();
      if (next.isEmpty() || !more.test(pageItems)) {
        return CompletableFuture.completedFuture(null);
      }
      if (!seen.add(next.get().toString())) {
        throw new GitHubException(
            new GitHubError.BrokenLink(page.headers().get("link"), "next page loops back"));
      }
      return transport.execute(first.withTarget(next.get().toString())).thenCompose(this::collect);
    } catch (GitHubException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
