package org.roadmapsync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.roadmapsync.github.GitHubError;
import org.roadmapsync.github.GitHubException;
import org.roadmapsync.onboarding.ImportFilter;
import org.roadmapsync.onboarding.Importer;

/**
 * {@code POST /api/import} (import GitHub issues no roadmap file links, or say which a dry run
 * would) and {@code GET /api/import} (each repository's import progress).
 */
public final class ImportRoutes extends AllDirectives {

  static final List<String> FILTERS =
      List.of("repo", "state", "labels", "milestone", "since", "dryRun");

  private final Importer importer;
  private final ObjectMapper mapper;
  private final JsonErrors errors;

  public ImportRoutes(Importer importer, ObjectMapper mapper) {
    this.importer = importer;
    this.mapper = mapper;
    this.errors = new JsonErrors(mapper);
  }

  /** Routes below {@code /api}. */
  public Route route() {
    return path(
        "import",
        () ->
            concat(
                get(() -> onSuccess(importer.progress(), p -> json(StatusCodes.OK, p))),
                post(() -> entity(Unmarshaller.entityToString(), this::start))));
  }

  private Route start(String text) {
    ImportFilter filter;
    try {
      filter = filter(text.isBlank() ? null : mapper.readTree(text));
    } catch (JsonProcessingException e) {
      return bad("the body is not JSON: " + e.getOriginalMessage());
    } catch (FilterBody.BadFilter e) {
      return bad(e.getMessage());
    }
    return answer(
        importer.start(filter),
        plan -> json(plan.dryRun() ? StatusCodes.OK : StatusCodes.ACCEPTED, plan));
  }

  static ImportFilter filter(JsonNode json) {
    FilterBody body = new FilterBody(json, FILTERS);
    return new ImportFilter(
        body.repo("repo"),
        body.oneOf("state", Set.copyOf(ImportFilter.STATES), "open"),
        body.texts("labels"),
        body.text("milestone"),
        body.time("since"),
        body.bool("dryRun"));
  }

  /** A refusal is 422 with its reason, GitHub's failure 502 with GitHub's. */
  private <T> Route answer(CompletionStage<T> reply, Function<T, Route> ok) {
    return onComplete(
        reply,
        result -> {
          if (result.isSuccess()) {
            return ok.apply(result.get());
          }
          Throwable error = result.failed().get();
          Throwable cause =
              error instanceof CompletionException && error.getCause() != null
                  ? error.getCause()
                  : error;
          if (cause instanceof Importer.Refused refused) {
            return complete(
                errors.response(StatusCodes.UNPROCESSABLE_ENTITY, refused.getMessage()));
          }
          if (cause instanceof GitHubException) {
            return complete(
                errors.response(
                    StatusCodes.BAD_GATEWAY,
                    "GitHub did not list the issues: " + GitHubError.describe(cause)));
          }
          return complete(
              errors.response(
                  StatusCodes.SERVICE_UNAVAILABLE,
                  "the import did not start: " + cause.getMessage()));
        });
  }

  private Route bad(String detail) {
    return complete(errors.response(StatusCodes.BAD_REQUEST, detail));
  }

  private <T> Route json(StatusCode status, T body) {
    return complete(status, body, Jackson.marshaller(mapper));
  }
}
