package org.roadmapsync.sync;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.roadmapsync.github.Issue;
import org.roadmapsync.persistence.Database;

/**
 * Which roadmap issue a GitHub issue belongs to: first what the live entities announced to the
 * {@link LinkIndex} (it knows a link the moment it is journaled), then the projection's {@code
 * issue_sync_status} table (every link, also of entities not started since the last restart), read
 * on the blocking dispatcher. Where both know a number, the entity's announcement wins: the table
 * may lag behind it. Until each repository's first listing since the start is routed, it also knows
 * GitHub's issue as the resting entities last saw it ({@link #seenBefore}).
 */
public class LinkDirectory {

  /** Who wants to hear of GitHub issues that no roadmap issue links (the continuous import). */
  @FunctionalInterface
  public interface UnlinkedIssues {
    void seen(String repo, Issue issue, Trigger trigger);
  }

  private final Database database;
  private final Executor blocking;
  private final LinkIndex index;
  private volatile UnlinkedIssues unlinked = (repo, issue, trigger) -> {};
  private final Map<String, RemoteSnapshot> seenAtStart = new ConcurrentHashMap<>();
  private final Map<IssueLink, RemoteSnapshot> listedBeforeTheLoad = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> firstListingRead = new ConcurrentHashMap<>();
  private volatile java.util.function.BiConsumer<String, Issue> seen = (repo, issue) -> {};

  public LinkDirectory(Database database, Executor blocking, LinkIndex index) {
    this.database = database;
    this.blocking = blocking;
    this.index = index;
  }

  public void whenUnlinkedSeen(UnlinkedIssues listener) {
    this.unlinked = listener;
  }

  /**
   * The intake saw {@code issue} of {@code repo} (in a poll's listing, an {@code issues} webhook)
   * and no roadmap issue links it.
   */
  public void unlinkedSeen(String repo, Issue issue, Trigger trigger) {
    unlinked.seen(repo, issue, trigger);
  }

  /**
   * The intake saw {@code issue} of {@code repo}, linked or not (a poll's listing, an {@code
   * issues} webhook): its dependency counts go to {@code listener} (the dependencies' sync), so
   * that relations are read only where they changed.
   */
  public void seen(String repo, Issue issue) {
    seen.accept(repo, issue);
  }

  public void onSeen(java.util.function.BiConsumer<String, Issue> listener) {
    this.seen = listener;
  }

  /** Issue number → roadmap issue id, for every linked issue of {@code repo}. */
  public CompletionStage<Map<Long, String>> linksOf(String repo) {
    return tableLinksOf(repo)
        .thenApply(
            links -> {
              links.putAll(index.linksOf(repo));
              return links;
            });
  }

  /**
   * The full listing of {@code repo} ended: the roadmap issues that waited for it (see {@link
   * LinkIndex}).
   */
  public Set<String> listingEnded(String repo) {
    return index.fullListingDone(repo);
  }

  /**
   * GitHub's issues as the entities of these roadmap issues had seen them when the service started.
   */
  void seenAtStart(Map<String, RemoteSnapshot> remotes) {
    seenAtStart.putAll(remotes);
  }

  /**
   * The entity of {@code id} has seen {@code snapshot} (or a newer one) already: handing it over
   * would wake it for nothing. An entity's GitHub side only moves forward, so what its state held
   * at the start it has seen. The first listing after a restart can bring every issue again (many
   * changed at once near the watermark); this keeps them asleep.
   */
  public boolean seenBefore(String id, RemoteSnapshot snapshot) {
    return snapshot.equals(seenAtStart.get(id));
  }

  /**
   * GitHub's issues as a listing read while the roadmap loads showed them: the load hands each to
   * the entity of the file that names it, with the file ({@link #listed}), so an issue both sides
   * agree on is synced in one event. Kept until that listing is routed.
   */
  public void listedBeforeTheLoad(String repo, Collection<RemoteSnapshot> listed) {
    listed.forEach(snapshot -> listedBeforeTheLoad.put(snapshot.link(), snapshot));
    firstListing(repo).complete(null);
  }

  /**
   * The first listing of each of {@code repos} since the start was read (or failed, or brought
   * nothing): what the load can hand over with the files is known.
   */
  public CompletionStage<Void> firstListingsRead(Set<String> repos) {
    return CompletableFuture.allOf(
        repos.stream().map(this::firstListing).toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Void> firstListing(String repo) {
    return firstListingRead.computeIfAbsent(repo, r -> new CompletableFuture<>());
  }

  /** GitHub's issue {@code link} as a listing read while the roadmap loads showed it. */
  public Optional<RemoteSnapshot> listed(IssueLink link) {
    return Optional.ofNullable(listedBeforeTheLoad.get(link));
  }

  /**
   * A listing of {@code repo} was routed: from here the poller knows what it handed over near its
   * watermark, and what the entities saw at the start is no longer needed.
   */
  public void listingRouted(String repo) {
    seenAtStart.values().removeIf(remote -> remote.link().repo().equals(repo));
    listedBeforeTheLoad.keySet().removeIf(link -> link.repo().equals(repo));
  }

  private CompletionStage<Map<Long, String>> tableLinksOf(String repo) {
    return database
        .query(
            blocking,
            "SELECT github_number, issue_id FROM issue_sync_status WHERE repo = ? AND github_number IS NOT NULL",
            List.of(repo),
            rs -> Map.entry(rs.getLong(1), rs.getString(2)))
        .thenApply(
            rows -> {
              Map<Long, String> links = new HashMap<>();
              rows.forEach(row -> links.put(row.getKey(), row.getValue()));
              return links;
            });
  }

  /** The roadmap issue linked to {@code link}, if any. */
  public CompletionStage<Optional<String>> linkedTo(IssueLink link) {
    Optional<String> announced = index.idOf(link);
    if (announced.isPresent()) {
      return CompletableFuture.completedFuture(announced);
    }
    return database
        .query(
            blocking,
            "SELECT issue_id FROM issue_sync_status WHERE repo = ? AND github_number = ?",
            List.of(link.repo(), link.number()),
            rs -> rs.getString(1))
        .thenApply(ids -> ids.stream().findFirst());
  }
}
