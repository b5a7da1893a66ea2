package org.roadmapsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.roadmapsync.intake.PollScheduler;

/**
 * {@code GET /api/sync} (progress of the current or last poll run) and {@code PUT /api/auto-sync}.
 */
public final class SchedulerRoutes extends AllDirectives {

  record AutoSync(boolean enabled) {}

  private final PollScheduler scheduler;
  private final ObjectMapper mapper;
  private final JsonErrors errors;

  public SchedulerRoutes(PollScheduler scheduler, ObjectMapper mapper) {
    this.scheduler = scheduler;
    this.mapper = mapper;
    this.errors = new JsonErrors(mapper);
  }

  /** Routes below {@code /api}. */
  public Route route() {
    return concat(
        path(
            "sync",
            () ->
                get(
                    () ->
                        onSuccess(
                            scheduler.overview(),
                            o -> complete(StatusCodes.OK, o, Jackson.marshaller(mapper))))),
        path(
            "auto-sync",
            () ->
                concat(
                    get(
                        () ->
                            complete(
                                StatusCodes.OK,
                                new AutoSync(scheduler.autoSync()),
                                Jackson.marshaller(mapper))),
                    put(
                        () ->
                            entity(
                                Jackson.unmarshaller(mapper, JsonNode.class),
                                this::setAutoSync)))));
  }

  private Route setAutoSync(JsonNode body) {
    JsonNode enabled = body == null ? null : body.get("enabled");
    if (enabled == null || !enabled.isBoolean()) {
      return complete(
          errors.response(
              StatusCodes.BAD_REQUEST, "expected {\"enabled\": true} or {\"enabled\": false}"));
    }
    scheduler.setAutoSync(enabled.booleanValue());
    return complete(
        StatusCodes.OK, new AutoSync(enabled.booleanValue()), Jackson.marshaller(mapper));
  }
}
