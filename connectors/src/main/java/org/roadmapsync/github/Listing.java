package org.roadmapsync.github;

import java.util.List;
import java.util.Optional;

/**
 * All pages of a list, followed through {@code Link: rel="next"}.
 *
 * @param notModified every page was answered 304 to a conditional request (free of quota): nothing
 *     changed since the last listing or since {@code etag}. Items then come from the ETag cache, or
 *     are empty if the cache did not have the first page (e.g. the ETag was kept across a restart).
 * @param etag the first page's ETag, to keep for the next conditional poll
 * @param pages how many pages were requested
 */
public record Listing<T>(List<T> items, boolean notModified, Optional<String> etag, int pages) {

  public Listing {
    items = List.copyOf(items);
  }
}
