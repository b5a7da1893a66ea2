package org.roadmapsync.api;

import java.util.List;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Accept;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The dashboard: one HTML page at {@code /} and its static files under {@code /dashboard/}, all
 * read from the jar ({@code dashboard/} on the classpath), none fetched from elsewhere. They are
 * served without the admin token (they hold no data and no secret); the page asks for the token and
 * sends it with its calls of {@code /api/*}, which stay behind it.
 *
 * <p>A browser's GET of any other path outside the API ({@code Accept} naming {@code text/html})
 * gets the page with status 404, and the page shows its own not-found view; every other request of
 * an unknown path (curl, {@code /api/**}, {@code /health}, ...) keeps the JSON 404.
 */
public final class DashboardRoutes extends AllDirectives {

  static final String RESOURCES = "dashboard";
  private static final String PAGE = RESOURCES + "/index.html";

  /** First path segments that belong to the API: never answered with the page. */
  private static final Set<String> API_SEGMENTS = Set.of("api", "health", "metrics", "webhooks");

  /**
   * The page loads only what it ships: no inline script, no other origin, no framing. {@code
   * style-src 'unsafe-inline'} is not needed either: every style is in the stylesheet.
   */
  private static final List<HttpHeader> PAGE_HEADERS =
      List.of(
          RawHeader.create(
              "Content-Security-Policy",
              "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                  + " connect-src 'self'; form-action 'self'; base-uri 'none';"
                  + " frame-ancestors 'none'"),
          RawHeader.create("X-Content-Type-Options", "nosniff"),
          RawHeader.create("Referrer-Policy", "no-referrer"),
          RawHeader.create("X-Frame-Options", "DENY"),
          // revalidated each time (a cheap 304 by Last-Modified): a new version shows at once
          RawHeader.create("Cache-Control", "no-cache"));

  /**
   * {@code /}, {@code /dashboard/*}, then the page's not-found answer: put last. Another method
   * than GET on {@code /} or {@code /dashboard/*} is a 405; on any other path it stays a 404.
   */
  public Route route() {
    return respondWithHeaders(
        PAGE_HEADERS,
        () ->
            concat(
                pathSingleSlash(() -> get(() -> getFromResource(PAGE))),
                pathPrefix(RESOURCES, () -> get(() -> getFromResourceDirectory(RESOURCES))),
                pageNotFound()));
  }

  /**
   * The page with 404 for a browser's GET of a path outside the API ({@code Accept} naming HTML);
   * anything else rejects, so the JSON 404 (or 405) stays what it was.
   */
  private Route pageNotFound() {
    return extractUnmatchedPath(
        path -> {
          String first = path.startsWith("/") ? path.substring(1) : path;
          int slash = first.indexOf('/');
          String segment = slash < 0 ? first : first.substring(0, slash);
          if (API_SEGMENTS.contains(segment)) {
            return reject();
          }
          return extractMethod(
              method ->
                  method.equals(HttpMethods.GET)
                      ? optionalHeaderValueByType(
                          Accept.class,
                          accept ->
                              accept.filter(DashboardRoutes::asksForHtml).isPresent()
                                  ? mapResponse(
                                      response ->
                                          response.status().isSuccess()
                                              ? response.withStatus(StatusCodes.NOT_FOUND)
                                              : response,
                                      () -> getFromResource(PAGE))
                                  : reject())
                      : reject());
        });
  }

  /**
   * {@code text/html} (or {@code text/*}) named as such: the {@code *}{@code /*} wildcard of curl
   * and of scripts does not count.
   */
  private static boolean asksForHtml(Accept accept) {
    for (var range : accept.getMediaRanges()) {
      if (range.mainType().equalsIgnoreCase("text")
          && range.matches(MediaTypes.TEXT_HTML)
          && range.qValue() > 0) {
        return true;
      }
    }
    return false;
  }
}
