package org.roadmapsync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.roadmapsync.git.GitStatus;

/**
 * {@code GET /api/git} (under {@code /api}, so behind the admin token): the git-backed roadmap's
 * state, as {@code /health} shows it under {@code components.git}; 404 when the roadmap is not
 * git-backed.
 */
public final class GitRoutes extends AllDirectives {

  private final Optional<Supplier<GitStatus>> status;
  private final ObjectMapper mapper;
  private final JsonErrors errors;

  public GitRoutes(Optional<Supplier<GitStatus>> status, ObjectMapper mapper) {
    this.status = status;
    this.mapper = mapper;
    this.errors = new JsonErrors(mapper);
  }

  /** Matches {@code git} under the {@code /api} prefix. */
  public Route route() {
    return path(
        "git",
        () ->
            get(
                () ->
                    status
                        .<Route>map(
                            s -> complete(StatusCodes.OK, s.get(), Jackson.marshaller(mapper)))
                        .orElseGet(
                            () ->
                                complete(
                                    errors.response(
                                        StatusCodes.NOT_FOUND,
                                        "the roadmap is not git-backed: ROADMAP_GIT_REMOTE is not"
                                            + " set")))));
  }
}
