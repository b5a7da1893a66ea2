package org.roadmapsync.intake;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.Supervision;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.roadmapsync.github.Issue;
import org.roadmapsync.github.WebhookEvent;
import org.roadmapsync.github.WebhookEvents;
import org.roadmapsync.github.WebhookSignatureVerifier;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.LinkDirectory;
import org.roadmapsync.sync.RemoteComment;
import org.roadmapsync.sync.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's webhook deliveries: checked (signature, payload), deduplicated by delivery id, answered,
 * and only then handed to a queue that routes {@code issues} events of linked issues to their
 * entities. The answer never waits for sync work, so GitHub's 10 s delivery timeout is met under
 * load; a delivery lost or dropped on a full queue is caught up by the next poll.
 */
public final class WebhookIntake {

  private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

  /** The delivery log recovers once at start; the first answers wait for it, at most this long. */
  private static final Duration LOG_RECOVERY_TIMEOUT = Duration.ofSeconds(60);

  static final int QUEUE_SIZE = 10_000;
  static final int PARALLELISM = 8;

  /** How a delivery was answered; the route turns each into its HTTP status. */
  public sealed interface Verdict {
    String detail();
  }

  /** {@code ping}: answered 200. */
  public record Pong(String detail) implements Verdict {}

  /**
   * Taken (202): {@code queued} for the entities, or {@code ignored} (an event or issue sync does
   * not act on).
   */
  public record Accepted(String status, String detail) implements Verdict {}

  /** A delivery id already taken: answered 200, nothing done again. */
  public record Duplicate(String detail) implements Verdict {}

  /** 401: the signature is missing, malformed or wrong. */
  public record Unauthenticated(String detail) implements Verdict {}

  /** 400: signed correctly but unusable (not JSON, no delivery id...). */
  public record Malformed(String detail) implements Verdict {}

  /** 503: no secret is configured. */
  public record Unavailable(String detail) implements Verdict {}

  private final Optional<WebhookSignatureVerifier> verifier;
  private final ActorRef<DeliveryLog.Command> deliveries;

  /**
   * The delivery ids already taken: the log's, read once, then kept here so an answer never waits
   * for the disk.
   */
  private final CompletionStage<DeliveryLog.Ids> taken;

  private final ActorSystem<?> system;
  private final FieldMapping mapping;
  private final LinkDirectory links;
  private final Function<String, EntityRef<IssueSyncEntity.Command>> entities;
  private final BoundedSourceQueue<IssueEvent> queue;
  private final Consumer<String> results;
  private final Consumer<String> routing;

  /**
   * Who takes {@code pull_request} events: completes with whether the pull request is one it owns
   * (and was handed to). Until set, they are ignored like other events.
   */
  private volatile Function<WebhookEvent.PullRequestEvent, CompletionStage<Boolean>> pullRequests;

  private volatile BiPredicate<String, String> pushes;
  private volatile Consumer<WebhookEvent.IssueDependenciesEvent> dependencies;

  public WebhookIntake(
      ActorSystem<?> system,
      Optional<WebhookSignatureVerifier> verifier,
      ActorRef<DeliveryLog.Command> deliveries,
      FieldMapping mapping,
      LinkDirectory links,
      Function<String, EntityRef<IssueSyncEntity.Command>> entities) {
    this(system, verifier, deliveries, mapping, links, entities, result -> {}, outcome -> {});
  }

  /**
   * @param results told each delivery's result ({@code accepted}, {@code duplicate}, ...), for the
   *     metrics
   */
  public WebhookIntake(
      ActorSystem<?> system,
      Optional<WebhookSignatureVerifier> verifier,
      ActorRef<DeliveryLog.Command> deliveries,
      FieldMapping mapping,
      LinkDirectory links,
      Function<String, EntityRef<IssueSyncEntity.Command>> entities,
      Consumer<String> results,
      Consumer<String> routing) {
    this.results = results;
    this.routing = routing;
    this.system = system;
    this.verifier = verifier;
    this.deliveries = deliveries;
    this.taken =
        AskPattern.<DeliveryLog.Command, DeliveryLog.Snapshot>ask(
                deliveries, DeliveryLog.GetRecorded::new, LOG_RECOVERY_TIMEOUT, system.scheduler())
            .handle(
                (ids, error) -> {
                  if (error != null) {
                    log.warn(
                        "the webhook delivery log did not recover ({}): repeats of earlier deliveries are not recognised",
                        error.getMessage());
                  }
                  return DeliveryLog.Ids.of(
                      DeliveryLog.DEFAULT_CAPACITY, error == null ? ids.ids() : List.of());
                });
    this.mapping = mapping;
    this.links = links;
    this.entities = entities;
    this.queue =
        Source.<IssueEvent>queue(QUEUE_SIZE)
            .mapAsyncUnordered(
                PARALLELISM,
                event ->
                    route(event)
                        .exceptionally(
                            e -> {
                              log.warn(
                                  "webhook for issue #{} not routed: {}",
                                  event.issue().number(),
                                  e.getMessage());
                              return Done.getInstance();
                            }))
            .to(Sink.ignore())
            // a delivery whose routing throws is dropped (the next poll brings its change); the
            // stream lives on for the others
            .withAttributes(
                ActorAttributes.withSupervisionStrategy(Supervision.getResumingDecider()))
            .run(system);
  }

  /**
   * The events this intake acts on ({@code X-GitHub-Event}); any other delivery is answered and
   * ignored, so asking GitHub to send one again would change nothing.
   */
  public static final Set<String> SYNCED_EVENTS =
      Set.of("issues", "issue_comment", "pull_request", "issue_dependencies");

  /** An {@code issues} or {@code issue_comment} event, on its way to the issue's entity. */
  private record IssueEvent(WebhookEvent event, String repo, Issue issue, String action) {}

  /**
   * Whether a delivery id ({@code X-GitHub-Delivery}) was already taken, once the delivery log is
   * read: what gap recovery need not ask GitHub for again.
   */
  public CompletionStage<Predicate<String>> deliveriesTaken() {
    return taken.thenApply(ids -> ids::has);
  }

  /**
   * Who takes {@code push} events (the git-backed roadmap): told the repository's {@code
   * owner/name} and the ref, answers whether it is its own (and fetches). Until set, pushes are
   * ignored like other events.
   */
  public void routePushesTo(BiPredicate<String, String> handler) {
    this.pushes = handler;
  }

  public void routePullRequestsTo(
      Function<WebhookEvent.PullRequestEvent, CompletionStage<Boolean>> handler) {
    this.pullRequests = handler;
  }

  /** Where {@code issue_dependencies} events go (the dependencies' sync); none: ignored. */
  public void routeDependenciesTo(Consumer<WebhookEvent.IssueDependenciesEvent> handler) {
    this.dependencies = handler;
  }

  public boolean configured() {
    return verifier.isPresent();
  }

  /** Counts a delivery answered before it reached the intake (a body over the limit). */
  public void report(String result) {
    results.accept(result);
  }

  /**
   * One delivery: {@code X-GitHub-Event}, {@code X-GitHub-Delivery}, {@code X-Hub-Signature-256}
   * and the raw body.
   */
  public CompletionStage<Verdict> receive(
      String event, String deliveryId, String signature, byte[] body) {
    return check(event, deliveryId, signature, body)
        .whenComplete(
            (verdict, error) -> {
              if (verdict != null) {
                results.accept(resultOf(verdict));
              }
            });
  }

  static String resultOf(Verdict verdict) {
    if (verdict instanceof Accepted accepted) {
      return accepted.status().equals("ignored") ? "ignored" : "accepted";
    }
    if (verdict instanceof Pong) {
      return "ping";
    }
    if (verdict instanceof Duplicate) {
      return "duplicate";
    }
    if (verdict instanceof Unauthenticated) {
      return "bad_signature";
    }
    if (verdict instanceof Malformed) {
      return "malformed";
    }
    return "not_configured";
  }

  private CompletionStage<Verdict> check(
      String event, String deliveryId, String signature, byte[] body) {
    if (verifier.isEmpty()) {
      return done(new Unavailable("webhooks are not accepted: GITHUB_WEBHOOK_SECRET is not set"));
    }
    WebhookSignatureVerifier.Result check = verifier.get().verify(body, signature);
    Optional<String> refusal = refusal(check);
    if (refusal.isPresent()) {
      return done(new Unauthenticated(refusal.get()));
    }
    WebhookEvent parsed;
    try {
      parsed = WebhookEvents.parse(event, body);
    } catch (WebhookEvents.WebhookPayloadException e) {
      return done(new Malformed(e.getMessage()));
    }
    if (parsed instanceof WebhookEvent.PingEvent) {
      return done(new Pong("pong"));
    }
    if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 100) {
      return done(new Malformed("missing or invalid X-GitHub-Delivery header"));
    }
    String id = deliveryId.trim();
    return taken.thenCompose(
        ids -> {
          if (!ids.takeNew(id)) {
            return done(new Duplicate("delivery " + id + " was already received"));
          }
          deliveries.tell(new DeliveryLog.Record(id));
          var routePull = pullRequests;
          var routeDependency = dependencies;
          if (parsed instanceof WebhookEvent.IssueDependenciesEvent dependency
              && dependency.repository() != null
              && routeDependency != null) {
            routeDependency.accept(dependency);
            return done(
                new Accepted(
                    "queued",
                    "issue_dependencies "
                        + dependency.action()
                        + " #"
                        + dependency.blockedIssue().number()));
          }
          if (parsed instanceof WebhookEvent.PullRequestEvent pull
              && pull.repository() != null
              && routePull != null) {
            return acceptPull(pull, routePull);
          }
          return done(accept(parsed));
        });
  }

  /**
   * Answered once the owner is known (the lifecycles' index, else one indexed read of the table):
   * "ignored" then means nothing is left to happen for this delivery.
   */
  private CompletionStage<Verdict> acceptPull(
      WebhookEvent.PullRequestEvent pull,
      Function<WebhookEvent.PullRequestEvent, CompletionStage<Boolean>> route) {
    String what = "pull_request " + pull.action() + " #" + pull.number();
    return route
        .apply(pull)
        .handle(
            (ours, error) -> {
              if (error != null) {
                log.warn("webhook {} not routed: {}", what, error.getMessage());
                return new Accepted("deferred", "the change is picked up by the next poll");
              }
              if (!ours) {
                return new Accepted(
                    "ignored",
                    "pull request #"
                        + pull.number()
                        + " of "
                        + pull.repository().fullName()
                        + " belongs to no roadmap issue");
              }
              return new Accepted("queued", what);
            });
  }

  private Verdict accept(WebhookEvent event) {
    if (event instanceof WebhookEvent.PushEvent push) {
      return acceptPush(push);
    }
    IssueEvent issueEvent = null;
    if (event instanceof WebhookEvent.IssuesEvent issues && issues.repository() != null) {
      issueEvent =
          new IssueEvent(event, issues.repository().fullName(), issues.issue(), issues.action());
    } else if (event instanceof WebhookEvent.IssueCommentEvent comment
        && comment.repository() != null
        && comment.comment() != null) {
      issueEvent =
          new IssueEvent(event, comment.repository().fullName(), comment.issue(), comment.action());
    }
    if (issueEvent == null || issueEvent.issue() == null || issueEvent.issue().isPullRequest()) {
      return new Accepted("ignored", "'" + event.event() + "' events are not synced");
    }
    if (queue.offer(issueEvent) != QueueOfferResult.enqueued()) {
      log.warn(
          "webhook queue full: issue #{} is left to the next poll", issueEvent.issue().number());
      return new Accepted("deferred", "busy: the change is picked up by the next poll");
    }
    return new Accepted(
        "queued", event.event() + " " + issueEvent.action() + " #" + issueEvent.issue().number());
  }

  private Verdict acceptPush(WebhookEvent.PushEvent push) {
    var route = pushes;
    String repo = push.repository() == null ? null : push.repository().fullName();
    if (route != null && route.test(repo, push.ref())) {
      return new Accepted("queued", "push to " + push.ref() + " of " + repo + ": fetching");
    }
    return new Accepted(
        "ignored",
        route == null
            ? "'push' events are not synced (the roadmap is not git-backed)"
            : "push to "
                + push.ref()
                + " of "
                + repo
                + " is not the roadmap's repository and branch");
  }

  private CompletionStage<Done> route(IssueEvent event) {
    IssueLink link = new IssueLink(event.repo(), event.issue().number());
    links.seen(event.repo(), event.issue());
    return links
        .linkedTo(link)
        .thenApply(
            id -> {
              if (id.isEmpty()) {
                routing.accept("unlinked");
                if (event.event() instanceof WebhookEvent.IssuesEvent
                    && !event.action().equals("deleted")
                    && !event.action().equals("transferred")) {
                  links.unlinkedSeen(link.repo(), event.issue(), Trigger.WEBHOOK);
                }
                return Done.getInstance();
              }
              EntityRef<IssueSyncEntity.Command> entity = entities.apply(id.get());
              if (event.event() instanceof WebhookEvent.IssueCommentEvent c) {
                // the comment first: the issue's comment count then agrees with what is known
                RemoteComment comment = RemoteComment.from(c.comment());
                boolean deleted = c.action().equals("deleted");
                entity.tell(
                    new IssueSyncEntity.ObserveComments(
                        deleted ? List.of() : List.of(comment),
                        deleted ? List.of(comment.id()) : List.of(),
                        Trigger.WEBHOOK,
                        system.ignoreRef()));
              }
              switch (event.event() instanceof WebhookEvent.IssuesEvent ? event.action() : "") {
                // Gone from this repository: a sync round reads it, gets 410 or 301, and puts the
                // issue in error with that reason.
                case "deleted", "transferred" ->
                    entity.tell(new IssueSyncEntity.SyncNow(Trigger.WEBHOOK, system.ignoreRef()));
                default ->
                    entity.tell(
                        new IssueSyncEntity.ObserveRemote(
                            mapping.snapshot(link.repo(), event.issue()),
                            Trigger.WEBHOOK,
                            system.ignoreRef()));
              }
              routing.accept("issue");
              return Done.getInstance();
            });
  }

  private static Optional<String> refusal(WebhookSignatureVerifier.Result check) {
    if (check instanceof WebhookSignatureVerifier.Missing) {
      return Optional.of("missing X-Hub-Signature-256 header");
    }
    if (check instanceof WebhookSignatureVerifier.Malformed m) {
      return Optional.of("malformed X-Hub-Signature-256: " + m.reason());
    }
    if (check instanceof WebhookSignatureVerifier.Mismatch) {
      return Optional.of("X-Hub-Signature-256 does not match the body");
    }
    return Optional.empty();
  }

  private static CompletionStage<Verdict> done(Verdict verdict) {
    return CompletableFuture.completedFuture(verdict);
  }
}
