package org.roadmapsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.roadmapsync.pulls.PullRequestLifecycle.Decision;
import org.roadmapsync.pulls.PullService;

/**
 * {@code /api/pulls} and {@code /api/approvals}: the pull requests of roadmap issues, and the
 * merges waiting for a person.
 */
public final class PullRoutes extends AllDirectives {

  private static final Pattern APPROVAL_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  record Decided(String approval, String decision) {}

  private final PullService pulls;
  private final ObjectMapper mapper;
  private final JsonErrors errors;

  public PullRoutes(PullService pulls, ObjectMapper mapper) {
    this.pulls = pulls;
    this.mapper = mapper;
    this.errors = new JsonErrors(mapper);
  }

  public Route route() {
    return concat(
        path("pulls", () -> get(() -> onSuccess(pulls.list(), rows -> json(StatusCodes.OK, rows)))),
        pathPrefix(
            "approvals",
            () ->
                concat(
                    pathEnd(
                        () ->
                            get(
                                () ->
                                    onSuccess(
                                        pulls.pendingApprovals(),
                                        rows -> json(StatusCodes.OK, rows)))),
                    path(PathMatchers.segment(), id -> post(() -> decide(id))))));
  }

  private Route decide(String id) {
    if (!APPROVAL_ID.matcher(id).matches()) {
      return unknown(id);
    }
    return entity(
        Jackson.unmarshaller(mapper, JsonNode.class),
        body -> {
          String decision = body.isObject() ? body.path("decision").asText("") : "";
          if (!decision.equals("approve") && !decision.equals("reject")) {
            return complete(
                errors.response(
                    StatusCodes.BAD_REQUEST, "expected {\"decision\":\"approve\"|\"reject\"}"));
          }
          return onSuccess(
              pulls.decide(id, decision.equals("approve")),
              outcome -> {
                if (outcome == Decision.UNKNOWN) {
                  return unknown(id);
                }
                if (outcome == Decision.ALREADY_DECIDED) {
                  return complete(
                      errors.response(
                          StatusCodes.CONFLICT, "approval " + id + " was already decided"));
                }
                return json(
                    StatusCodes.ACCEPTED,
                    new Decided(id, decision.equals("approve") ? "approved" : "rejected"));
              });
        });
  }

  private Route unknown(String id) {
    return complete(errors.response(StatusCodes.NOT_FOUND, "no approval with id '" + id + "'"));
  }

  private <T> Route json(StatusCode status, T body) {
    return complete(status, body, Jackson.marshaller(mapper));
  }
}
