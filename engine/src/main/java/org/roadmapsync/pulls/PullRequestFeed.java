package org.roadmapsync.pulls;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.roadmapsync.persistence.Database;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.IssueSeedRows;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.LocalSnapshot;
import org.roadmapsync.sync.TagSliceProjections;

/**
 * Feeds the pull-request lifecycles from the issue entities' events: a projection of its own over
 * the same tags, at least once. It folds each event that changes what a lifecycle needs (the file's
 * status, title, body and branch; the GitHub link) into its row of {@code pull_request_feed}, and
 * asks the issue's lifecycle to observe the result, so the offset moves on only after the lifecycle
 * took it. File events without a branch are skipped (their issues need no lifecycle, and an event
 * with a branch brings the whole file side), and only issues with a branch wake a lifecycle: on a
 * large roadmap, the issues that never name a branch cost one row write per link. Taking the branch
 * out of {@code git_branches} again is therefore not seen: the pull request stays as it is.
 */
public final class PullRequestFeed extends Handler<EventEnvelope<IssueSyncEntity.Event>> {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(15);
  private static final PullRequestState.IssueView NOTHING_KNOWN =
      new PullRequestState.IssueView(null, 0, null, null, null, null);

  private final Function<String, EntityRef<PullRequestLifecycle.Command>> lifecycles;
  private final Database database;
  private final ObjectMapper json;
  private final Executor blocking;

  public PullRequestFeed(
      Function<String, EntityRef<PullRequestLifecycle.Command>> lifecycles,
      Database database,
      ObjectMapper json,
      Executor blocking) {
    this.lifecycles = lifecycles;
    this.database = database;
    this.json = json;
    this.blocking = blocking;
  }

  public static void init(
      ActorSystem<?> system,
      Database database,
      ObjectMapper json,
      Executor blocking,
      Function<String, EntityRef<PullRequestLifecycle.Command>> lifecycles) {
    TagSliceProjections.start(
        system,
        "pull-request-feed",
        "issue-sync-",
        IssueSyncEntity.TAG_SLICES,
        tag ->
            JdbcProjection.atLeastOnceAsync(
                ProjectionId.of("pull-request-feed", tag),
                EventSourcedProvider.<IssueSyncEntity.Event>eventsByTag(
                    system, JdbcReadJournal.Identifier(), tag),
                database::newSession,
                () -> new PullRequestFeed(lifecycles, database, json, blocking),
                system));
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<IssueSyncEntity.Event> envelope) {
    String issueId = PersistenceId.extractEntityId(envelope.persistenceId());
    Optional<UnaryOperator<PullRequestState.IssueView>> change = change(envelope.event());
    if (change.isEmpty()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return CompletableFuture.supplyAsync(() -> fold(issueId, change.get()), blocking)
        .thenCompose(
            view ->
                view.branch() == null
                    ? CompletableFuture.completedFuture(Done.getInstance())
                    // Asked even when a redelivery folds to the same view: the lifecycle may not
                    // have had it yet, and
                    // it takes a view it already has as a no-op.
                    : lifecycles
                        .apply(issueId)
                        .askWithStatus(
                            r -> new PullRequestLifecycle.ObserveIssue(view, r), ASK_TIMEOUT));
  }

  /**
   * How an issue event changes the view a lifecycle needs, if it does. The file's side matters only
   * with a branch, and an event with one brings all of it: file events without a branch change
   * nothing, which keeps the feed off the database for the many issues that never name one.
   */
  static Optional<UnaryOperator<PullRequestState.IssueView>> change(IssueSyncEntity.Event event) {
    LocalSnapshot local =
        event instanceof IssueSyncEntity.LocalObserved e
            ? e.local()
            : event instanceof IssueSyncEntity.Pulled e
                ? e.local()
                : event instanceof IssueSyncEntity.PullRequestActivity e ? e.local() : null;
    if (local != null) {
      return local.branch() == null ? Optional.empty() : Optional.of(local(local));
    } else if (event instanceof IssueSyncEntity.Adopted e) {
      UnaryOperator<PullRequestState.IssueView> linked = link(e.link());
      return Optional.of(
          e.local().branch() == null ? linked : v -> local(e.local()).apply(linked.apply(v)));
    } else if (event instanceof IssueSyncEntity.Linked e) {
      return Optional.of(link(e.link()));
    } else if (event instanceof IssueSyncEntity.Published e) {
      return Optional.of(link(e.remote().link()));
    } else if (event instanceof IssueSyncEntity.Unlinked) {
      return Optional.of(link(null));
    }
    return Optional.empty();
  }

  private static UnaryOperator<PullRequestState.IssueView> local(LocalSnapshot local) {
    var f = local.fields();
    return v ->
        new PullRequestState.IssueView(
            v.repo(), v.number(), f.status(), f.title(), f.body(), local.branch());
  }

  private static UnaryOperator<PullRequestState.IssueView> link(IssueLink link) {
    return v ->
        new PullRequestState.IssueView(
            link == null ? null : link.repo(),
            link == null ? 0 : link.number(),
            v.status(),
            v.title(),
            v.body(),
            v.branch());
  }

  /**
   * The feed's rows of issues adopted without an entity ({@link IssueSeedRows}): what it folds from
   * an {@link IssueSyncEntity.Adopted} without a branch, the link. Their entities journal no {@code
   * Adopted} when they wake, so a branch named later finds the link here.
   */
  public static IssueSeedRows.Fold seeds(ObjectMapper json) {
    return (connection, seeds) -> {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO pull_request_feed (issue_id, issue) VALUES (?, ?)")) {
        for (var seed : seeds.entrySet()) {
          insert.setString(1, seed.getKey());
          insert.setString(
              2, json.writeValueAsString(link(seed.getValue().link()).apply(NOTHING_KNOWN)));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    };
  }

  /** The issue's view with {@code change} folded in, saved: what its lifecycle is to observe. */
  private PullRequestState.IssueView fold(
      String issueId, UnaryOperator<PullRequestState.IssueView> change) {
    return database.write(
        c -> {
          PullRequestState.IssueView after = change.apply(load(c, issueId));
          save(c, issueId, after);
          return after;
        });
  }

  private PullRequestState.IssueView load(Connection c, String issueId) throws Exception {
    try (PreparedStatement s =
        c.prepareStatement("SELECT issue FROM pull_request_feed WHERE issue_id = ?")) {
      s.setString(1, issueId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? json.readValue(rs.getString(1), PullRequestState.IssueView.class)
            : NOTHING_KNOWN;
      }
    }
  }

  private void save(Connection c, String issueId, PullRequestState.IssueView view)
      throws Exception {
    String text = json.writeValueAsString(view);
    try (PreparedStatement update =
        c.prepareStatement("UPDATE pull_request_feed SET issue = ? WHERE issue_id = ?")) {
      update.setString(1, text);
      update.setString(2, issueId);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO pull_request_feed (issue_id, issue) VALUES (?, ?)")) {
      insert.setString(1, issueId);
      insert.setString(2, text);
      insert.executeUpdate();
    }
  }
}
