package org.roadmapsync.sim;

import java.util.List;
import java.util.Optional;

/**
 * An answer GitHub gives as an error: the status, GitHub's message, the {@code errors} of a 422,
 * and for a 301 the place the resource moved to. Thrown by {@link SimStore}, rendered by the
 * routes.
 */
public final class GitHubErrorResponse extends RuntimeException {
  private final int status;
  private final List<FieldError> errors;
  private final Optional<String> location;

  public GitHubErrorResponse(
      int status, String message, List<FieldError> errors, Optional<String> location) {
    super(message, null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
    this.location = location;
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Optional<String> location() {
    return location;
  }

  static GitHubErrorResponse notFound() {
    return new GitHubErrorResponse(404, "Not Found", List.of(), Optional.empty());
  }

  static GitHubErrorResponse gone() {
    return new GitHubErrorResponse(410, "This issue was deleted", List.of(), Optional.empty());
  }

  static GitHubErrorResponse moved(String location) {
    return new GitHubErrorResponse(301, "Moved Permanently", List.of(), Optional.of(location));
  }

  static GitHubErrorResponse badJson() {
    return new GitHubErrorResponse(400, "Problems parsing JSON", List.of(), Optional.empty());
  }

  static GitHubErrorResponse invalid(String resource, String field, String code) {
    return new GitHubErrorResponse(
        422,
        "Validation Failed",
        List.of(new FieldError(resource, field, code, null)),
        Optional.empty());
  }

  static GitHubErrorResponse invalid(String resource, String field, String code, String message) {
    return new GitHubErrorResponse(
        422,
        "Validation Failed",
        List.of(new FieldError(resource, field, code, message)),
        Optional.empty());
  }

  static GitHubErrorResponse unprocessable(String message) {
    return new GitHubErrorResponse(422, message, List.of(), Optional.empty());
  }

  /** One entry of GitHub's {@code errors} array; {@code message} only for code {@code custom}. */
  public record FieldError(String resource, String field, String code, String message) {}
}
