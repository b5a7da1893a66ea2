package org.roadmapsync.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A GitHub token. Its {@link #toString()} never shows it; caches and logs use {@link
 * #fingerprint()}, a truncated SHA-256 that tells tokens apart without revealing them.
 */
public final class GitHubToken {

  private final String value;
  private final String fingerprint;

  public GitHubToken(String value) {
    if (value == null || value.isBlank() || value.chars().anyMatch(c -> c <= ' ' || c > '~')) {
      throw new IllegalArgumentException(
          "a GitHub token must be non-empty printable ASCII without spaces");
    }
    this.value = value;
    this.fingerprint = sha256(value).substring(0, 16);
  }

  /** The secret itself; only the transport calls this, to build the Authorization header. */
  String reveal() {
    return value;
  }

  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GitHubToken t
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), t.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  @Override
  public String toString() {
    return "GitHubToken[sha256:" + fingerprint + "]";
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
