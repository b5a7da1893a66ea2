package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureVerifierTest {

  private static final WebhookSignatureVerifier FIXTURE =
      new WebhookSignatureVerifier(List.of("fixture-secret"));

  /** file name → header value, from SIGNATURES.txt. */
  private static final Map<String, String> SIGNATURES =
      Fixtures.text("github-fixtures/webhooks/SIGNATURES.txt")
          .lines()
          .filter(l -> !l.isBlank())
          .map(l -> l.trim().split("\\s+"))
          .collect(Collectors.toMap(p -> p[0], p -> p[1]));

  @Test
  void githubsDocumentedTestVector() {
    WebhookSignatureVerifier verifier =
        new WebhookSignatureVerifier(List.of("It's a Secret to Everybody"));
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    assertEquals(expected, WebhookSignatureVerifier.sign("It's a Secret to Everybody", body));
    assertEquals(new WebhookSignatureVerifier.Valid(0), verifier.verify(body, expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"issues.opened.json", "issue_comment.created.json", "pull_request.opened.json"})
  void fixturePayloadsVerifyAndFailWhenAnythingIsOff(String file) {
    byte[] body = Fixtures.bytes("github-fixtures/webhooks/" + file);
    String header = SIGNATURES.get(file);
    assertTrue(FIXTURE.verify(body, header).valid(), file);

    byte[] changed = body.clone();
    changed[changed.length / 2] ^= 1;
    assertInstanceOf(WebhookSignatureVerifier.Mismatch.class, FIXTURE.verify(changed, header));
    assertInstanceOf(
        WebhookSignatureVerifier.Mismatch.class,
        new WebhookSignatureVerifier(List.of("wrong-secret")).verify(body, header));
    assertInstanceOf(WebhookSignatureVerifier.Missing.class, FIXTURE.verify(body, null));
    assertInstanceOf(WebhookSignatureVerifier.Missing.class, FIXTURE.verify(body, " "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha1=4a3eb6c7a47a556f109eac5ca0526213a6b60670",
        "4a3eb6c7a47a556f109eac5ca0526213a6b6067049833d9b237f4d323fc48529",
        "sha256=4a3eb6c7a47a556f109eac5ca0526213a6b6067049833d9b237f4d323fc4852",
        "sha256=zz3eb6c7a47a556f109eac5ca0526213a6b6067049833d9b237f4d323fc48529",
        "sha256="
      })
  void malformedHeaders(String header) {
    byte[] body = Fixtures.bytes("github-fixtures/webhooks/issues.opened.json");
    assertInstanceOf(WebhookSignatureVerifier.Malformed.class, FIXTURE.verify(body, header));
  }

  @Test
  void rotationAcceptsEitherSecretAndSaysWhich() {
    WebhookSignatureVerifier rotating =
        WebhookSignatureVerifier.fromCommaSeparated("new-secret, fixture-secret");
    byte[] body = Fixtures.bytes("github-fixtures/webhooks/pull_request.opened.json");
    assertEquals(
        new WebhookSignatureVerifier.Valid(1),
        rotating.verify(body, SIGNATURES.get("pull_request.opened.json")));
    assertEquals(
        new WebhookSignatureVerifier.Valid(0),
        rotating.verify(body, WebhookSignatureVerifier.sign("new-secret", body)));
    assertFalse(rotating.toString().contains("fixture-secret"));
  }

  @Test
  void upperCaseHexIsAccepted() {
    byte[] body = Fixtures.bytes("github-fixtures/webhooks/issues.opened.json");
    String header = SIGNATURES.get("issues.opened.json");
    assertTrue(FIXTURE.verify(body, "sha256=" + header.substring(7).toUpperCase()).valid());
  }
}
