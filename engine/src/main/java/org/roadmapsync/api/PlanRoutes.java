package org.roadmapsync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.roadmapsync.onboarding.SyncPlanner;
import org.roadmapsync.sync.SyncStatus;

/**
 * {@code GET /api/plan[?issue=ID][&status=S]}: what a sync would do now, for each issue, written
 * nowhere.
 */
public final class PlanRoutes extends AllDirectives {

  private static final Pattern ISSUE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  private final SyncPlanner planner;
  private final ObjectMapper mapper;
  private final JsonErrors errors;

  public PlanRoutes(SyncPlanner planner, ObjectMapper mapper) {
    this.planner = planner;
    this.mapper = mapper;
    this.errors = new JsonErrors(mapper);
  }

  /** Routes below {@code /api}. */
  public Route route() {
    return path(
        "plan",
        () ->
            get(
                () ->
                    parameterOptional(
                        "issue",
                        issue -> parameterOptional("status", status -> plan(issue, status)))));
  }

  private Route plan(Optional<String> issue, Optional<String> status) {
    if (issue.isPresent() && !ISSUE_ID.matcher(issue.get()).matches()) {
      return complete(errors.response(StatusCodes.BAD_REQUEST, "issue must be a roadmap issue id"));
    }
    if (status.isPresent() && SyncStatus.fromApiName(status.get()).isEmpty()) {
      return complete(
          errors.response(
              StatusCodes.BAD_REQUEST,
              "status must be one of synced, pending, error, conflict, unlinked; got '"
                  + status.get()
                  + "'"));
    }
    return onComplete(
        planner.plan(issue, status.flatMap(SyncStatus::fromApiName)),
        result -> {
          if (result.isSuccess()) {
            return complete(StatusCodes.OK, result.get(), Jackson.marshaller(mapper));
          }
          Throwable error = result.failed().get();
          Throwable cause =
              error instanceof CompletionException && error.getCause() != null
                  ? error.getCause()
                  : error;
          if (cause instanceof SyncPlanner.UnknownIssue unknown) {
            return complete(errors.response(StatusCodes.NOT_FOUND, unknown.getMessage()));
          }
          return complete(
              errors.response(
                  StatusCodes.SERVICE_UNAVAILABLE, "the plan failed: " + cause.getMessage()));
        });
  }
}
