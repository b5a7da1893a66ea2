package org.roadmapsync.github;

import java.time.Instant;
import java.util.List;

/**
 * A webhook's deliveries of a recent window, newest first.
 *
 * @param asOf now by GitHub's clock (the {@code Date} of its first answer), where the window ends
 * @param notModified every page was a free 304: nothing was delivered since the last listing
 * @param pages how many pages were requested
 */
public record RecentDeliveries(
    List<HookDelivery> deliveries, Instant asOf, boolean notModified, int pages) {

  public RecentDeliveries {
    deliveries = List.copyOf(deliveries);
  }
}
