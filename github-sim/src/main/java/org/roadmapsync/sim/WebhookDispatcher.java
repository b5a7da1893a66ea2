package org.roadmapsync.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link SimEvent}s to the configured URL one at a time, in the order of the changes, with
 * GitHub's headers. Some can be lost and some delivered twice (same delivery id) on purpose. Like
 * GitHub, it does not retry a failed delivery.
 */
final class WebhookDispatcher implements Consumer<SimEvent> {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int BUFFER = 10_000;

  private final AtomicReference<Optional<SimSettings.WebhookTarget>> target;
  private final SimStats stats;
  private final Http http;
  private final ActorSystem system;
  private final BoundedSourceQueue<Pending> queue;

  /** An event with the target that was configured when the change happened. */
  private record Pending(SimEvent event, SimSettings.WebhookTarget target) {}

  WebhookDispatcher(
      ActorSystem system, Optional<SimSettings.WebhookTarget> initial, SimStats stats) {
    this.target = new AtomicReference<>(initial);
    this.stats = stats;
    this.http = Http.get(system);
    this.system = system;
    this.queue =
        Source.<Pending>queue(BUFFER).mapAsync(1, this::deliver).to(Sink.ignore()).run(system);
  }

  void setTarget(Optional<SimSettings.WebhookTarget> newTarget) {
    target.set(newTarget);
  }

  @Override
  public void accept(SimEvent event) {
    Optional<SimSettings.WebhookTarget> to = target.get();
    if (to.isEmpty()) return;
    if (queue.offer(new Pending(event, to.get())) != QueueOfferResult.enqueued()) {
      stats.webhook("failed");
      log.warn("webhook queue full; {} {} not delivered", event.event(), event.action());
    }
  }

  private CompletionStage<Done> deliver(Pending pending) {
    SimEvent event = pending.event();
    SimSettings.WebhookTarget to = pending.target();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (random.nextDouble() < to.lossRate()) {
      stats.webhook("lost");
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    byte[] body;
    try {
      body = GitHubShapes.MAPPER.writeValueAsBytes(event.payload());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest request =
        HttpRequest.POST(to.url())
            .withEntity(ContentTypes.APPLICATION_JSON, body)
            .addHeaders(
                List.of(
                    RawHeader.create("X-GitHub-Event", event.event()),
                    RawHeader.create("X-GitHub-Delivery", UUID.randomUUID().toString()),
                    RawHeader.create("X-GitHub-Hook-ID", "1"),
                    RawHeader.create("X-Hub-Signature-256", WebhookSigner.sign(to.secret(), body)),
                    RawHeader.create("User-Agent", "GitHub-Hookshot/simulator")));
    boolean duplicate = random.nextDouble() < to.duplicateRate();
    CompletionStage<Done> first = post(request, event);
    if (!duplicate) return first;
    return first.thenCompose(
        done -> {
          stats.webhook("duplicated");
          return post(request, event);
        });
  }

  private CompletionStage<Done> post(HttpRequest request, SimEvent event) {
    return http.singleRequest(request)
        .handle(
            (response, error) -> {
              if (error != null) {
                stats.webhook("failed");
                log.info(
                    "webhook {} {} not delivered: {}",
                    event.event(),
                    event.action(),
                    error.toString());
              } else {
                response.discardEntityBytes(system);
                stats.webhook(response.status().isSuccess() ? "delivered" : "failed");
              }
              return Done.getInstance();
            });
  }

  void stop() {
    queue.complete();
  }
}
