package org.roadmapsync.sim;

import java.nio.charset.StandardCharsets;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/** Turns an answer into the broken one a {@link FaultRule.FaultBody} asks for. */
final class FaultBodies {
  private static final String HTML =
      "<html><head><title>502 Bad Gateway</title></head>"
          + "<body><center><h1>502 Bad Gateway</h1></center></body></html>";
  private static final ByteString ITEM =
      ByteString.fromString("{\"padding\":\"" + "x".repeat(1000) + "\"},");
  private static final int HUGE_ITEMS = 26 * 1024;

  private FaultBodies() {}

  static HttpResponse apply(FaultRule.FaultBody body, HttpResponse answer) {
    return switch (body) {
      case GITHUB_ERROR -> answer;
      case HTML_PAGE ->
          answer.withEntity(ContentTypes.TEXT_HTML_UTF8, HTML.getBytes(StandardCharsets.UTF_8));
      case MALFORMED_JSON ->
          answer.withEntity(
              ContentTypes.APPLICATION_JSON,
              "{\"message\": \"Bad".getBytes(StandardCharsets.UTF_8));
      case TRUNCATED ->
          answer.withEntity(
              HttpEntities.create(
                  ContentTypes.APPLICATION_JSON,
                  4096,
                  Source.single(ByteString.fromString("[{\"id\": 1, \"title\": \"cut"))
                      .concat(
                          Source.failed(
                              new SimulatedFailure(
                                  "body truncated on purpose by the GitHub simulator")))));
      case HUGE ->
          answer.withEntity(
              HttpEntities.createChunked(
                  ContentTypes.APPLICATION_JSON,
                  Source.single(ByteString.fromString("["))
                      .concat(Source.repeat(ITEM).take(HUGE_ITEMS))
                      .concat(Source.single(ByteString.fromString("{}]")))));
      case BROKEN_LINK ->
          answer
              .removeHeader("Link")
              .addHeader(RawHeader.create("Link", "<not a url; rel=next, <<>>"));
    };
  }
}
