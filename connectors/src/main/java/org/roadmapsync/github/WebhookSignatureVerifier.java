package org.roadmapsync.github;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>} against one or more
 * secrets (more than one while a secret is rotated). Comparison is constant time and every secret
 * is tried, so timing tells nothing about the expected value or which secret matched. Secrets never
 * appear in {@link #toString()}.
 */
public final class WebhookSignatureVerifier {

  private static final String PREFIX = "sha256=";

  /** The outcome of one check. */
  public sealed interface Result {
    default boolean valid() {
      return this instanceof Valid;
    }
  }

  /** Signed with the secret at {@code secretIndex} of the configured list. */
  public record Valid(int secretIndex) implements Result {}

  /** No {@code X-Hub-Signature-256} header. */
  public record Missing() implements Result {}

  /** A header that is not {@code sha256=} followed by 64 hex digits. */
  public record Malformed(String reason) implements Result {}

  /** Well-formed, but no configured secret produces it: wrong secret or altered body. */
  public record Mismatch() implements Result {}

  private final List<SecretKeySpec> keys;

  public WebhookSignatureVerifier(List<String> secrets) {
    if (secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.isEmpty())) {
      throw new IllegalArgumentException("at least one non-empty webhook secret is needed");
    }
    this.keys =
        secrets.stream()
            .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
            .toList();
  }

  /**
   * From {@code GITHUB_WEBHOOK_SECRET}'s form: secrets separated by commas, blanks around them
   * ignored.
   */
  public static WebhookSignatureVerifier fromCommaSeparated(String secrets) {
    return new WebhookSignatureVerifier(
        Arrays.stream(secrets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  public Result verify(byte[] rawBody, String signatureHeader) {
    if (signatureHeader == null || signatureHeader.isBlank()) {
      return new Missing();
    }
    String header = signatureHeader.trim();
    if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return new Malformed("does not start with " + PREFIX);
    }
    String hex = header.substring(PREFIX.length());
    if (hex.length() != 64) {
      return new Malformed("expected 64 hex digits, got " + hex.length() + " characters");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return new Malformed("not hexadecimal");
    }
    int match = -1;
    for (int i = 0; i < keys.size(); i++) {
      if (MessageDigest.isEqual(hmac(keys.get(i), rawBody), given) && match < 0) {
        match = i;
      }
    }
    return match >= 0 ? new Valid(match) : new Mismatch();
  }

  /**
   * {@code sha256=<hex>} of {@code body} with {@code secret}: what GitHub would send (used by tests
   * and the simulator).
   */
  public static String sign(String secret, byte[] body) {
    return PREFIX
        + HexFormat.of()
            .formatHex(
                hmac(
                    new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                    body));
  }

  private static byte[] hmac(SecretKeySpec key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignatureVerifier[" + keys.size() + " secret(s)]";
  }
}
