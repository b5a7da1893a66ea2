package org.roadmapsync.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
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
 * GitHub, it does not retry a failed delivery by itself, and records every attempt as a delivery of
 * the repository's hook ({@link SimHooks}): refused or lost ones with status code 0, others with
 * the receiver's status. A delivery can be asked for again through the API.
 */
final class WebhookDispatcher implements Consumer<SimEvent> {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int BUFFER = 10_000;

  private final SimHooks hooks;
  private final SimClock clock;
  private final SimStats stats;
  private final Http http;
  private final ActorSystem system;
  private final BoundedSourceQueue<Pending> queue;

  /** An event with the target that was configured when the change happened. */
  private record Pending(SimEvent event, SimSettings.WebhookTarget target) {}

  WebhookDispatcher(ActorSystem system, SimHooks hooks, SimClock clock, SimStats stats) {
    this.hooks = hooks;
    this.clock = clock;
    this.stats = stats;
    this.http = Http.get(system);
    this.system = system;
    this.queue =
        Source.<Pending>queue(BUFFER).mapAsync(1, this::deliver).to(Sink.ignore()).run(system);
  }

  @Override
  public void accept(SimEvent event) {
    var to = hooks.target();
    if (to.isEmpty()) return;
    if (queue.offer(new Pending(event, to.get())) != QueueOfferResult.enqueued()) {
      stats.webhook("failed");
      log.warn("webhook queue full; {} {} not delivered", event.event(), event.action());
    }
  }

  private CompletionStage<Done> deliver(Pending pending) {
    SimEvent event = pending.event();
    SimSettings.WebhookTarget to = pending.target();
    if (event.redelivery()) stats.webhook("redelivered");
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (random.nextDouble() < to.lossRate()) {
      stats.webhook("lost");
      // GitHub saw no answer: to it, a lost delivery is one that timed out
      hooks.record(event, clock.nowSeconds(), 10.0, "timed out", 0);
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
                    RawHeader.create("X-GitHub-Delivery", event.guid()),
                    RawHeader.create("X-GitHub-Hook-ID", Long.toString(hooks.hookIdFor(event))),
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
    Instant at = clock.nowSeconds();
    long started = System.nanoTime();
    return http.singleRequest(request)
        .handle(
            (response, error) -> {
              double seconds = (System.nanoTime() - started) / 1e9;
              if (error != null) {
                stats.webhook("failed");
                hooks.record(event, at, seconds, "failed to connect", 0);
                log.info(
                    "webhook {} {} not delivered: {}",
                    event.event(),
                    event.action(),
                    error.toString());
              } else {
                response.discardEntityBytes(system);
                int code = response.status().intValue();
                boolean ok = response.status().isSuccess();
                stats.webhook(ok ? "delivered" : "failed");
                hooks.record(
                    event, at, seconds, ok ? "OK" : "Invalid HTTP Response: " + code, code);
              }
              return Done.getInstance();
            });
  }

  void stop() {
    queue.complete();
  }
}
