package org.roadmapsync.api;

import java.util.Locale;
import org.apache.pekko.http.javadsl.model.StatusCode;

/** The one error shape of the API: {@code {"error": "...", "detail": "..."}}. */
public record ApiError(String error, String detail) {

  /** {@code error} is the status's reason phrase as a code: 404 → {@code not_found}. */
  public static ApiError of(StatusCode status, String detail) {
    return new ApiError(code(status), detail);
  }

  static String code(StatusCode status) {
    return status
        .reason()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "_")
        .replaceAll("^_|_$", "");
  }
}
