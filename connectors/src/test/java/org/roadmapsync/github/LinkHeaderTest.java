package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkHeaderTest {

  @Test
  void readsGitHubsPaginationHeader() {
    LinkHeader link =
        LinkHeader.parse(
            "<https://api.github.com/repositories/1000/issues?per_page=3&page=1>; rel=\"prev\", "
                + "<https://api.github.com/repositories/1000/issues?per_page=3&page=3>; rel=\"next\", "
                + "<https://api.github.com/repositories/1000/issues?per_page=3&page=5>; rel=\"last\", "
                + "<https://api.github.com/repositories/1000/issues?per_page=3&page=1>; rel=\"first\"");
    assertEquals(
        URI.create("https://api.github.com/repositories/1000/issues?per_page=3&page=3"),
        link.next().orElseThrow());
    assertEquals(4, link.relations().size());
  }

  @Test
  void acceptsUnquotedRelAndCommasInsideUris() {
    LinkHeader link = LinkHeader.parse("<https://h/x?labels=a,b&page=2>; rel=next");
    assertEquals(URI.create("https://h/x?labels=a,b&page=2"), link.next().orElseThrow());
  }

  @Test
  void noHeaderMeansNoMorePages() {
    assertTrue(LinkHeader.parse(null).next().isEmpty());
    assertTrue(LinkHeader.parse("").next().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.github.com/x?page=2; rel=\"next\"", // no angle brackets
        "<https://api.github.com/x?page=2; rel=\"next\"", // unbalanced
        "</repositories/1/issues?page=2>; rel=\"next\"", // relative
        "<https://api.github.com/x?page=2>", // no rel
        "<https://api.github.com/x y>; rel=\"next\"", // not a URI
      })
  void brokenHeadersAreTypedErrors(String header) {
    GitHubException e = assertThrows(GitHubException.class, () -> LinkHeader.parse(header));
    assertInstanceOf(GitHubError.BrokenLink.class, e.error());
    assertTrue(!e.error().retryable());
  }
}
