package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitHubResponseTest {

  static GitHubResponse withHeaders(Map<String, String> headers) {
    return new GitHubResponse(200, headers, new byte[0], false, "https://api.github.com/x");
  }

  @Test
  void theDateHeaderIsTheServersClock() {
    assertEquals(
        Optional.of(Instant.parse("2017-10-10T16:00:00Z")),
        withHeaders(Map.of("date", "Tue, 10 Oct 2017 16:00:00 GMT")).date());
  }

  @Test
  void aMissingOrUnreadableDateIsNone() {
    assertEquals(Optional.empty(), withHeaders(Map.of()).date());
    assertEquals(Optional.empty(), withHeaders(Map.of("date", "yesterday")).date());
  }
}
