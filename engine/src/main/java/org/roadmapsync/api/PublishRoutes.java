package org.roadmapsync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.roadmapsync.onboarding.BulkPublishing;
import org.roadmapsync.onboarding.PublishFilter;

/**
 * {@code POST /api/publish} (create the GitHub issues of many unlinked roadmap issues, paced by the
 * governor) and {@code GET /api/publish} (its progress).
 */
public final class PublishRoutes extends AllDirectives {

  static final List<String> FILTERS = List.of("ids", "milestone", "label", "dryRun");

  private final BulkPublishing publishing;
  private final ObjectMapper mapper;
  private final JsonErrors errors;

  public PublishRoutes(BulkPublishing publishing, ObjectMapper mapper) {
    this.publishing = publishing;
    this.mapper = mapper;
    this.errors = new JsonErrors(mapper);
  }

  /** Routes below {@code /api}. */
  public Route route() {
    return path(
        "publish",
        () ->
            concat(
                get(() -> onSuccess(publishing.progress(), p -> json(StatusCodes.OK, p))),
                post(() -> entity(Unmarshaller.entityToString(), this::publish))));
  }

  private Route publish(String text) {
    PublishFilter filter;
    try {
      filter = filter(text.isBlank() ? null : mapper.readTree(text));
    } catch (JsonProcessingException e) {
      return complete(
          errors.response(
              StatusCodes.BAD_REQUEST, "the body is not JSON: " + e.getOriginalMessage()));
    } catch (FilterBody.BadFilter e) {
      return complete(errors.response(StatusCodes.BAD_REQUEST, e.getMessage()));
    }
    return onSuccess(
        publishing.publish(filter),
        selection ->
            json(
                selection.dryRun() || selection.publish().isEmpty()
                    ? StatusCodes.OK
                    : StatusCodes.ACCEPTED,
                selection));
  }

  static PublishFilter filter(JsonNode json) {
    FilterBody body = new FilterBody(json, FILTERS);
    return new PublishFilter(
        body.texts("ids"), body.text("milestone"), body.text("label"), body.bool("dryRun"));
  }

  private <T> Route json(StatusCode status, T body) {
    return complete(status, body, Jackson.marshaller(mapper));
  }
}
