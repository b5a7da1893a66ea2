package org.roadmapsync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the admin server answers is JSON: Pekko's own rejection answers (404, 405, 400, 413,
 * ...) keep their status and text, which become the {@code detail}; an unexpected exception is
 * logged and answered without a stack trace.
 */
public final class JsonErrors {

  private static final Logger log = LoggerFactory.getLogger(JsonErrors.class);

  private final ObjectMapper mapper;

  public JsonErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public RejectionHandler rejections() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(this::asJson);
  }

  public ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .matchAny(
            e -> {
              log.error("unexpected error while answering a request", e);
              return Directives.complete(
                  response(
                      StatusCodes.INTERNAL_SERVER_ERROR,
                      "unexpected error; the service log has the details"));
            })
        .build();
  }

  public HttpResponse response(StatusCode status, String detail) {
    return HttpResponse.create().withStatus(status).withEntity(json(ApiError.of(status, detail)));
  }

  private HttpResponse asJson(HttpResponse response) {
    if (response.entity() instanceof HttpEntity.Strict strict
        && !strict.getContentType().equals(ContentTypes.APPLICATION_JSON)) {
      String text = strict.getData().utf8String();
      return response.withEntity(json(ApiError.of(response.status(), text)));
    }
    return response;
  }

  private HttpEntity.Strict json(ApiError error) {
    try {
      return HttpEntities.create(ContentTypes.APPLICATION_JSON, mapper.writeValueAsBytes(error));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
