package org.roadmapsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.roadmapsync.intake.PollScheduler;
import org.roadmapsync.sync.SyncService;

/**
 * {@code POST /api/sync} (a poll of every repository now, and another try for the issues in error),
 * {@code GET /api/sync} (progress of the current or last poll run) and {@code PUT /api/auto-sync}.
 */
public final class SchedulerRoutes extends AllDirectives {

  record AutoSync(boolean enabled) {}

  /** {@code issues}: the issues in error tried again now; the poll brings every other change. */
  record Accepted(String status, int issues) {}

  private final PollScheduler scheduler;
  private final SyncService sync;
  private final ObjectMapper mapper;
  private final JsonErrors errors;

  public SchedulerRoutes(PollScheduler scheduler, SyncService sync, ObjectMapper mapper) {
    this.scheduler = scheduler;
    this.sync = sync;
    this.mapper = mapper;
    this.errors = new JsonErrors(mapper);
  }

  /** Routes below {@code /api}. */
  public Route route() {
    return concat(
        path(
            "sync",
            () ->
                concat(
                    get(
                        () ->
                            onSuccess(
                                scheduler.overview(),
                                o -> complete(StatusCodes.OK, o, Jackson.marshaller(mapper)))),
                    post(this::syncNow))),
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

  /**
   * One conditional listing per repository (304s spend nothing), not a read of every issue; issues
   * in error are tried again at once, whatever their backoff or reason.
   */
  private Route syncNow() {
    scheduler.pollNow();
    return onSuccess(
        sync.syncErrored(),
        woken ->
            complete(
                StatusCodes.ACCEPTED, new Accepted("accepted", woken), Jackson.marshaller(mapper)));
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
