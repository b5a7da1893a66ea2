package org.roadmapsync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.roadmapsync.onboarding.BulkPublishing;
import org.roadmapsync.onboarding.Importer;
import org.roadmapsync.onboarding.SyncPlanner;

/**
 * Onboarding below {@code /api}: {@code plan} always; {@code import} and {@code publish} when sync
 * may write, else 503 with {@code whyNoWrites}.
 */
public final class OnboardingRoutes extends AllDirectives {

  private final Route route;

  public OnboardingRoutes(
      SyncPlanner planner,
      Optional<Importer> importer,
      Optional<BulkPublishing> publishing,
      String whyNoWrites,
      ObjectMapper mapper) {
    JsonErrors errors = new JsonErrors(mapper);
    Route refused =
        complete(errors.response(StatusCodes.SERVICE_UNAVAILABLE, String.valueOf(whyNoWrites)));
    this.route =
        concat(
            new PlanRoutes(planner, mapper).route(),
            importer
                .map(i -> new ImportRoutes(i, mapper).route())
                .orElseGet(() -> pathPrefix("import", () -> refused)),
            publishing
                .map(p -> new PublishRoutes(p, mapper).route())
                .orElseGet(() -> pathPrefix("publish", () -> refused)));
  }

  public Route route() {
    return route;
  }
}
