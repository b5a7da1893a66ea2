package org.roadmapsync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.roadmapsync.intake.WebhookIntake;

/**
 * {@code POST /webhooks/github}: GitHub's deliveries, authenticated by their signature (not the
 * admin token), at most {@link #BODY_LIMIT} bytes. Every answer is JSON; the work a delivery causes
 * is queued.
 */
public final class WebhookRoutes extends AllDirectives {

  /** GitHub caps payloads at 25 MB. */
  public static final long BODY_LIMIT = 25L * 1024 * 1024;

  private static final long READ_TIMEOUT_MILLIS = 10_000;

  record Answer(String status, String detail) {}

  private final Optional<WebhookIntake> intake;
  private final String whyNot;
  private final ObjectMapper mapper;
  private final JsonErrors errors;

  public WebhookRoutes(Optional<WebhookIntake> intake, String whyNot, ObjectMapper mapper) {
    this.intake = intake;
    this.whyNot = whyNot;
    this.mapper = mapper;
    this.errors = new JsonErrors(mapper);
  }

  public Route route() {
    return path(PathMatchers.segment("webhooks").slash("github"), () -> post(this::deliver));
  }

  private Route deliver() {
    if (intake.isEmpty()) {
      return complete(
          errors.response(StatusCodes.SERVICE_UNAVAILABLE, "webhooks are not accepted: " + whyNot));
    }
    WebhookIntake webhooks = intake.get();
    if (!webhooks.configured()) {
      return complete(
          errors.response(
              StatusCodes.SERVICE_UNAVAILABLE,
              "webhooks are not accepted: GITHUB_WEBHOOK_SECRET is not set"));
    }
    return withSizeLimit(
        BODY_LIMIT,
        () ->
            extractMaterializer(
                materializer ->
                    extractRequestEntity(
                        entity ->
                            onComplete(
                                entity.toStrict(READ_TIMEOUT_MILLIS, BODY_LIMIT, materializer),
                                body -> {
                                  if (body.isFailure()) {
                                    webhooks.report(
                                        tooLarge(body.failed().get()) ? "too_large" : "malformed");
                                    return tooLarge(body.failed().get())
                                        ? complete(
                                            errors.response(
                                                StatusCodes.PAYLOAD_TOO_LARGE,
                                                "the body is larger than GitHub's 25 MB limit"))
                                        : complete(
                                            errors.response(
                                                StatusCodes.BAD_REQUEST,
                                                "the body could not be read: "
                                                    + body.failed().get().getMessage()));
                                  }
                                  byte[] bytes = body.get().getData().toArray();
                                  return optionalHeaderValueByName(
                                      "X-GitHub-Event",
                                      event ->
                                          optionalHeaderValueByName(
                                              "X-GitHub-Delivery",
                                              delivery ->
                                                  optionalHeaderValueByName(
                                                      "X-Hub-Signature-256",
                                                      signature ->
                                                          onSuccess(
                                                              webhooks.receive(
                                                                  event.orElse(null),
                                                                  delivery.orElse(null),
                                                                  signature.orElse(null),
                                                                  bytes),
                                                              this::answer))));
                                }))));
  }

  private Route answer(WebhookIntake.Verdict verdict) {
    if (verdict instanceof WebhookIntake.Pong pong) {
      return ok(StatusCodes.OK, new Answer("pong", pong.detail()));
    }
    if (verdict instanceof WebhookIntake.Accepted accepted) {
      return ok(StatusCodes.ACCEPTED, new Answer(accepted.status(), accepted.detail()));
    }
    if (verdict instanceof WebhookIntake.Duplicate duplicate) {
      return ok(StatusCodes.OK, new Answer("duplicate", duplicate.detail()));
    }
    StatusCode status =
        verdict instanceof WebhookIntake.Unauthenticated
            ? StatusCodes.UNAUTHORIZED
            : verdict instanceof WebhookIntake.Malformed
                ? StatusCodes.BAD_REQUEST
                : StatusCodes.SERVICE_UNAVAILABLE;
    return complete(errors.response(status, verdict.detail()));
  }

  private Route ok(StatusCode status, Answer answer) {
    return complete(status, answer, Jackson.marshaller(mapper));
  }

  private static boolean tooLarge(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      // withSizeLimit fails the stream with EntityStreamSizeException; toStrict's own cap with
      // "Request too large"
      if (t instanceof EntityStreamSizeException
          || String.valueOf(t.getMessage()).startsWith("Request too large")) {
        return true;
      }
    }
    return false;
  }
}
