package org.roadmapsync.sync;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The links the issue entities of this process hold, as they announce them, and which repositories
 * are about to be listed in full. Two things follow from it:
 *
 * <ul>
 *   <li>webhooks and polls find a link made a moment ago, before the read-side projection shows it
 *       (at start-up that projection lags by thousands of events);
 *   <li>an entity linked from its file while its repository's first, complete listing is still to
 *       come waits for that listing instead of reading its issue on its own: an initial sync of N
 *       issues costs N / 100 listing pages, not N reads. The poller releases the ones its listing
 *       did not reach.
 * </ul>
 *
 * Thread-safe: entities, the poller and the webhook intake call it from their own threads.
 */
public final class LinkIndex {

  private final Map<IssueLink, String> byLink = new ConcurrentHashMap<>();
  private final Map<String, IssueLink> byId = new ConcurrentHashMap<>();

  /**
   * Repository → entities waiting for its full listing; a repository is here until that listing
   * ends.
   */
  private final Map<String, Set<String>> listingsToCome = new HashMap<>();

  private volatile BiConsumer<String, IssueLink> alsoTold = (id, link) -> {};

  /**
   * What entity {@code id} is linked to now ({@code link} null: nothing); told to this node's index
   * and, in a cluster, to the node running the pollers.
   */
  public void announce(String id, IssueLink link) {
    record(id, link);
    alsoTold.accept(id, link);
  }

  /** Every announcement from now on also goes to {@code listener}. */
  public void alsoTell(BiConsumer<String, IssueLink> listener) {
    this.alsoTold = listener;
  }

  /** What entity {@code id} is linked to now, as an entity on another node announced it. */
  public void record(String id, IssueLink link) {
    IssueLink before = link == null ? byId.remove(id) : byId.put(id, link);
    if (before != null && !before.equals(link)) {
      byLink.remove(before, id);
    }
    if (link != null) {
      byLink.put(link, id);
    }
  }

  public Optional<String> idOf(IssueLink link) {
    return Optional.ofNullable(byLink.get(link));
  }

  /** Issue number → entity id, for every announced link into {@code repo}. */
  public Map<Long, String> linksOf(String repo) {
    Map<Long, String> links = new HashMap<>();
    byLink.forEach(
        (link, id) -> {
          if (link.repo().equals(repo)) {
            links.put(link.number(), id);
          }
        });
    return links;
  }

  /** {@code repo} is about to be listed in full (its poller has no watermark yet). */
  public synchronized void expectFullListing(String repo) {
    listingsToCome.putIfAbsent(repo, new HashSet<>());
  }

  /** The repositories whose first full listing is still to come. */
  public synchronized Set<String> fullListingsToCome() {
    return Set.copyOf(listingsToCome.keySet());
  }

  /**
   * True, and {@code id} noted as waiting, when a full listing of {@code repo} is still to come.
   */
  public synchronized boolean awaitFullListing(String repo, String id) {
    Set<String> waiting = listingsToCome.get(repo);
    if (waiting == null) {
      return false;
    }
    waiting.add(id);
    return true;
  }

  /**
   * The full listing of {@code repo} ended (or will not come): the entities still waiting for it.
   */
  public synchronized Set<String> fullListingDone(String repo) {
    Set<String> waiting = listingsToCome.remove(repo);
    return waiting == null ? Set.of() : waiting;
  }
}
